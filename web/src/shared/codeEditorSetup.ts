/**
 * CodeMirror 6 behind CodeEditor.vue. Only CodeEditor imports this module, and only dynamically:
 * CodeMirror stays out of the console's entry chunk and loads with the first page that edits code.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import {
  Compartment,
  EditorState,
  RangeSetBuilder,
  StateEffect,
  StateField,
  type Extension,
} from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  EditorView,
  gutter,
  GutterMarker,
  keymap,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';

export type CodeLanguage = 'css' | 'html' | 'text';

/** A problem on one line (1-based) of the text, as the API's refusals name them. */
export interface LineProblem {
  readonly line: number;
  readonly message: string;
}

export interface CodeEditorOptions {
  readonly doc: string;
  readonly language: CodeLanguage;
  readonly readonly: boolean;
  /** Attributes of the editable element: aria-label, aria-invalid, aria-describedby, id. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly problems: readonly LineProblem[];
  readonly onChange: (text: string) => void;
}

export interface CodeEditorHandle {
  readonly view: EditorView;
  text(): string;
  setText(text: string): void;
  setLanguage(language: CodeLanguage): void;
  setReadonly(readonly: boolean): void;
  setAttributes(attributes: Readonly<Record<string, string>>): void;
  setProblems(problems: readonly LineProblem[]): void;
  /** Replaces the selection with {@code text} and puts the cursor after it. */
  insert(text: string): void;
  focus(): void;
  destroy(): void;
}

const setProblemsEffect = StateEffect.define<readonly LineProblem[]>();

/** The problems by line: several on one line are one marker with every message. */
const problemsField = StateField.define<ReadonlyMap<number, readonly string[]>>({
  create: () => new Map(),
  update(value, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setProblemsEffect)) return byLine(effect.value);
    }
    return value;
  },
});

function byLine(problems: readonly LineProblem[]): ReadonlyMap<number, readonly string[]> {
  const lines = new Map<number, string[]>();
  for (const p of problems) {
    if (!Number.isInteger(p.line) || p.line < 1) continue;
    lines.set(p.line, [...(lines.get(p.line) ?? []), p.message]);
  }
  return lines;
}

class ProblemMarker extends GutterMarker {
  constructor(readonly messages: readonly string[]) {
    super();
  }

  override eq(other: GutterMarker): boolean {
    return other instanceof ProblemMarker && other.messages.join('\n') === this.messages.join('\n');
  }

  override toDOM(): Node {
    const mark = document.createElement('span');
    mark.className = 'cm-problem-marker';
    mark.textContent = '!';
    mark.title = this.messages.join('\n');
    return mark;
  }
}

const problemLine = Decoration.line({ class: 'cm-problem-line' });

/** The problems' lines that exist in the text (a refusal may name a line since deleted). */
function problemLines(state: EditorState): [number, readonly string[]][] {
  const lines = [...state.field(problemsField).entries()].filter(([line]) => line <= state.doc.lines);
  return lines.sort(([a], [b]) => a - b);
}

const problemGutter = gutter({
  class: 'cm-problem-gutter',
  markers(view) {
    const builder = new RangeSetBuilder<GutterMarker>();
    for (const [line, messages] of problemLines(view.state)) {
      const from = view.state.doc.line(line).from;
      builder.add(from, from, new ProblemMarker(messages));
    }
    return builder.finish();
  },
  initialSpacer: () => new ProblemMarker([]),
});

const problemDecorations = EditorView.decorations.compute([problemsField, 'doc'], (state): DecorationSet => {
  const builder = new RangeSetBuilder<Decoration>();
  for (const [line] of problemLines(state)) {
    const from = state.doc.line(line).from;
    builder.add(from, from, problemLine);
  }
  return builder.finish();
});

/** Every color is the brand's; syntax colors are the brand's mixed toward its text color, so readable. */
const theme = EditorView.theme({
  '&': {
    color: 'var(--brand-text)',
    backgroundColor: 'var(--brand-background)',
    border: '1px solid var(--brand-secondary)',
    borderRadius: '0.375rem',
    fontSize: '0.875rem',
  },
  '&.cm-focused': { outline: '2px solid var(--brand-primary)', outlineOffset: '2px' },
  // No height limit: the editor grows with its text, so it is never a scroll region of its own.
  '.cm-scroller': { fontFamily: 'monospace', minHeight: '8rem' },
  '.cm-content': { caretColor: 'var(--brand-text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--brand-text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--brand-primary) 25%, var(--brand-background))',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--brand-surface)',
    color: 'var(--brand-on-surface, var(--brand-text))',
    borderRight: '1px solid var(--brand-secondary)',
  },
  '.cm-problem-line': {
    backgroundColor: 'color-mix(in srgb, var(--brand-accent) 18%, var(--brand-background))',
  },
  '.cm-problem-marker': {
    display: 'inline-block',
    minWidth: '1em',
    fontWeight: 'bold',
    textAlign: 'center',
    color: 'var(--brand-on-surface, var(--brand-text))',
    backgroundColor: 'color-mix(in srgb, var(--brand-accent) 35%, var(--brand-surface))',
    borderRadius: '0.25rem',
    cursor: 'help',
  },
  '.cm-matchingBracket': { outline: '1px solid var(--brand-secondary)' },
});

const mixed = (brand: string) => `color-mix(in srgb, var(--brand-${brand}) 60%, var(--brand-text))`;

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.definitionKeyword, tags.modifier], color: mixed('primary'), fontWeight: 'bold' },
  { tag: [tags.tagName, tags.className, tags.labelName], color: mixed('primary') },
  { tag: [tags.propertyName, tags.attributeName], color: mixed('secondary') },
  { tag: [tags.string, tags.attributeValue, tags.color, tags.number, tags.unit], color: mixed('accent') },
  { tag: [tags.comment], fontStyle: 'italic' },
  { tag: [tags.invalid], textDecoration: 'underline wavy' },
]);

/** Each language in a chunk of its own: the CSS editor does not load HTML's (which brings JavaScript's). */
async function languageOf(language: CodeLanguage): Promise<Extension> {
  if (language === 'css') return (await import('./codeEditorCss')).css();
  if (language === 'html') return (await import('./codeEditorHtml')).html({ autoCloseTags: false });
  return [];
}

function readonlyOf(readonly: boolean): Extension {
  return [EditorState.readOnly.of(readonly), EditorView.editable.of(!readonly)];
}

/** A CodeMirror editor in {@code parent}. Tab is left to the page (focus moves on), for keyboards. */
export function createCodeEditor(parent: HTMLElement, options: CodeEditorOptions): CodeEditorHandle {
  const language = new Compartment();
  const readonly = new Compartment();
  const attributes = new Compartment();
  let silent = false;
  let destroyed = false;
  let wanted: CodeLanguage = options.language;

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        problemGutter,
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(highlight),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        theme,
        problemsField,
        problemDecorations,
        language.of([]),
        readonly.of(readonlyOf(options.readonly)),
        attributes.of(EditorView.contentAttributes.of({ ...options.attributes })),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !silent) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  view.dispatch({ effects: setProblemsEffect.of(options.problems) });

  /** Highlights as {@code value} once its grammar is loaded, unless another was asked for since. */
  function useLanguage(value: CodeLanguage): void {
    wanted = value;
    void languageOf(value).then((extension) => {
      if (!destroyed && wanted === value) view.dispatch({ effects: language.reconfigure(extension) });
    });
  }
  useLanguage(options.language);

  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      if (text === view.state.doc.toString()) return;
      silent = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      } finally {
        silent = false;
      }
    },
    setLanguage: useLanguage,
    setReadonly: (value) => view.dispatch({ effects: readonly.reconfigure(readonlyOf(value)) }),
    setAttributes: (value) =>
      view.dispatch({ effects: attributes.reconfigure(EditorView.contentAttributes.of({ ...value })) }),
    setProblems: (problems) => view.dispatch({ effects: setProblemsEffect.of(problems) }),
    insert(text) {
      view.dispatch(view.state.replaceSelection(text));
      view.focus();
    },
    focus: () => view.focus(),
    destroy() {
      destroyed = true;
      view.destroy();
    },
  };
}
