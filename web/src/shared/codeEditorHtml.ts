/** CodeMirror's HTML language (with the CSS and JavaScript it embeds), in a chunk of its own. */
export { html } from '@codemirror/lang-html';
