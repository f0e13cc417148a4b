import { EditorView } from '@codemirror/view';
import type { DOMWrapper } from '@vue/test-utils';

/** jsdom lays nothing out; CodeMirror measures text ranges for its cursor. */
export function stubRangeLayout(): void {
  if (!('getClientRects' in Range.prototype)) {
    Object.assign(Range.prototype, {
      getClientRects: () => [] as unknown as DOMRectList,
      getBoundingClientRect: () => new DOMRect(),
    });
  }
}

/** The CodeMirror view whose editable element this is. */
export function editorView(content: Pick<DOMWrapper<Element>, 'element'>): EditorView {
  const view = EditorView.findFromDOM(content.element as HTMLElement);
  if (!view) throw new Error('no CodeMirror view there');
  return view;
}

/** Replaces the whole text, as typing it would. */
export function typeInto(content: Pick<DOMWrapper<Element>, 'element'>, text: string): void {
  const view = editorView(content);
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** How long a test waits for a lazily imported library (CodeMirror, ECharts) on a busy machine. */
export const LAZY_LOAD = { timeout: 10_000 };
