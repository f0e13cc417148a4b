import { EditorView } from '@codemirror/view';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import CodeEditor from '../src/shared/CodeEditor.vue';
import { LAZY_LOAD, stubRangeLayout } from './jsdomLayout';

const mounted: VueWrapper[] = [];

async function mountLoaded(props: { modelValue: string } & Record<string, unknown>) {
  const wrapper = mount(CodeEditor, { props: { label: 'Custom CSS', ...props }, attachTo: document.body });
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.emitted('ready')).toBeTruthy(), LAZY_LOAD);
  await flushPromises();
  return wrapper;
}

function viewOf(wrapper: VueWrapper): EditorView {
  const content = wrapper.get('.cm-content').element as HTMLElement;
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error('no CodeMirror view in the component');
  return view;
}

describe('CodeEditor', () => {
  beforeAll(stubRangeLayout);

  afterEach(() => {
    mounted.splice(0).forEach((w) => w.unmount());
  });

  it('whileLoading_isATextareaWithTheLabel_thatEmitsWhatIsTyped', async () => {
    const wrapper = mount(CodeEditor, { props: { modelValue: 'a', label: 'Custom CSS' } });
    mounted.push(wrapper);
    const area = wrapper.get('textarea');
    expect(area.attributes('aria-label')).toBe('Custom CSS');

    await area.setValue('a { color: red; }');

    expect(wrapper.emitted('update:modelValue')?.[0]).toEqual(['a { color: red; }']);
  });

  it('loaded_showsTheTextInCodeMirror_labelledOnItsEditableElement', async () => {
    const wrapper = await mountLoaded({ modelValue: '.a { color: red; }', language: 'css', id: 'css', invalid: true });

    expect(wrapper.find('textarea').exists()).toBe(false);
    const content = wrapper.get('.cm-content');
    expect(content.attributes('aria-label')).toBe('Custom CSS');
    expect(content.attributes('id')).toBe('css');
    expect(content.attributes('aria-invalid')).toBe('true');
    expect(content.attributes('contenteditable')).toBe('true');
    expect(viewOf(wrapper).state.doc.toString()).toBe('.a { color: red; }');
  });

  it('anEdit_emitsTheWholeNewText', async () => {
    const wrapper = await mountLoaded({ modelValue: 'a {}', language: 'css' });

    viewOf(wrapper).dispatch({ changes: { from: 4, insert: '\nb {}' } });

    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['a {}\nb {}']);
  });

  it('aNewModelValue_replacesTheText_withoutEchoingIt', async () => {
    const wrapper = await mountLoaded({ modelValue: 'one' });

    await wrapper.setProps({ modelValue: 'two' });

    expect(viewOf(wrapper).state.doc.toString()).toBe('two');
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
  });

  it('problems_markTheirLines_withTheirMessages_andFollowNewProblems', async () => {
    const wrapper = await mountLoaded({
      modelValue: 'a {}\n@import url(x);\nb {}',
      language: 'css',
      problems: [
        { line: 2, message: 'line 2: @import is not allowed' },
        { line: 9, message: 'a line no longer there' },
      ],
    });

    const markers = wrapper.findAll('.cm-problem-marker').filter((m) => m.attributes('title'));
    expect(markers.map((m) => m.attributes('title'))).toEqual(['line 2: @import is not allowed']);
    const lines = wrapper.findAll('.cm-line');
    expect(lines.map((l) => l.classes('cm-problem-line'))).toEqual([false, true, false]);

    await wrapper.setProps({ problems: [] });

    expect(wrapper.findAll('.cm-problem-line')).toHaveLength(0);
    expect(wrapper.findAll('.cm-problem-marker').filter((m) => m.attributes('title'))).toHaveLength(0);
  });

  it('insert_putsTheTextAtTheCursor', async () => {
    const wrapper = await mountLoaded({ modelValue: 'Hello !', language: 'html' });
    viewOf(wrapper).dispatch({ selection: { anchor: 6 } });

    (wrapper.vm as unknown as { insert(text: string): void }).insert('{{organization.name}}');

    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['Hello {{organization.name}}!']);
  });

  it('readonly_refusesEdits', async () => {
    const wrapper = await mountLoaded({ modelValue: 'fixed', readonly: true });

    expect(wrapper.get('.cm-content').attributes('contenteditable')).toBe('false');
    expect(viewOf(wrapper).state.readOnly).toBe(true);
  });
});
