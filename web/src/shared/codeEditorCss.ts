/** CodeMirror's CSS language, in a chunk of its own (see codeEditorSetup). */
export { css } from '@codemirror/lang-css';
