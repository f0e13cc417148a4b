import { computed, reactive, ref } from 'vue';
import { http, ProblemError } from '../../shared/http';
import {
  getEmailTemplate,
  listEmailTemplates,
  previewEmailTemplate,
  putEmailTemplate,
  resetEmailTemplate,
  TEMPLATE_PARTS,
  type EmailTemplate,
  type MailPreview,
  type TemplatePart,
  type TemplateParts,
} from './api';

export type TemplateForm = Record<TemplatePart, string>;

/**
 * What a save sends: a part the organization already owns, or one edited away from what was
 * loaded; an untouched default stays null, so it keeps following the platform's default.
 */
export function partsOf(loaded: EmailTemplate, form: TemplateForm): TemplateParts {
  const part = (name: TemplatePart) => (loaded.overridden[name] || form[name] !== loaded[name] ? form[name] : null);
  return { subject: part('subject'), html: part('html'), text: part('text') };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The e-mail templates of one organization: the list, the one being edited, its preview. */
export function useEmailTemplates() {
  const templates = ref<EmailTemplate[]>([]);
  const loading = ref(false);
  const loadFailure = ref<Error | null>(null);
  const current = ref<EmailTemplate | null>(null);
  const form = reactive<TemplateForm>({ subject: '', html: '', text: '' });
  const opening = ref(false);
  const openFailure = ref<Error | null>(null);
  const saving = ref(false);
  const saved = ref(false);
  const reset = ref(false);
  const saveFailure = ref<Error | null>(null);
  const previewing = ref(false);
  const preview = ref<MailPreview | null>(null);
  const previewFailure = ref<Error | null>(null);
  let orgId = '';

  const dirty = computed(() => {
    const loaded = current.value;
    return loaded !== null && TEMPLATE_PARTS.some((p) => form[p] !== loaded[p]);
  });

  function show(template: EmailTemplate): void {
    current.value = template;
    for (const part of TEMPLATE_PARTS) form[part] = template[part];
    templates.value = templates.value.map((t) => (t.name === template.name ? template : t));
  }

  async function load(id: string): Promise<void> {
    orgId = id;
    loading.value = true;
    loadFailure.value = null;
    try {
      templates.value = await listEmailTemplates(http, id);
    } catch (error) {
      loadFailure.value = asError(error);
    } finally {
      loading.value = false;
    }
  }

  function clearOutcome(): void {
    saved.value = false;
    reset.value = false;
    saveFailure.value = null;
    preview.value = null;
    previewFailure.value = null;
  }

  async function open(name: string): Promise<void> {
    clearOutcome();
    opening.value = true;
    openFailure.value = null;
    try {
      show(await getEmailTemplate(http, orgId, name));
    } catch (error) {
      current.value = null;
      openFailure.value = asError(error);
    } finally {
      opening.value = false;
    }
  }

  function close(): void {
    clearOutcome();
    current.value = null;
  }

  async function save(): Promise<void> {
    const loaded = current.value;
    if (!loaded) return;
    // The preview stays: it shows what was just saved.
    saved.value = false;
    reset.value = false;
    saveFailure.value = null;
    saving.value = true;
    try {
      show(await putEmailTemplate(http, orgId, loaded.name, partsOf(loaded, form)));
      saved.value = true;
    } catch (error) {
      saveFailure.value = asError(error);
    } finally {
      saving.value = false;
    }
  }

  async function resetToInherited(): Promise<void> {
    const loaded = current.value;
    if (!loaded) return;
    clearOutcome();
    saving.value = true;
    try {
      show(await resetEmailTemplate(http, orgId, loaded.name));
      reset.value = true;
    } catch (error) {
      saveFailure.value = asError(error);
    } finally {
      saving.value = false;
    }
  }

  async function renderPreview(): Promise<void> {
    const loaded = current.value;
    if (!loaded) return;
    previewing.value = true;
    previewFailure.value = null;
    try {
      preview.value = await previewEmailTemplate(http, orgId, loaded.name, partsOf(loaded, form));
    } catch (error) {
      preview.value = null;
      previewFailure.value = asError(error);
    } finally {
      previewing.value = false;
    }
  }

  /** The API's messages about one part, from the last save or preview that named it. */
  function fieldErrors(part: TemplatePart): string[] {
    const failure = saveFailure.value ?? previewFailure.value;
    if (!(failure instanceof ProblemError)) return [];
    return failure.errors.filter((e) => e.field === part).map((e) => e.message);
  }

  /** A failure that is not about a part (a network error, a 403 without white_label). */
  const notice = computed<Error | null>(() => {
    const failure = saveFailure.value ?? previewFailure.value;
    if (failure instanceof ProblemError && failure.errors.length > 0) return null;
    return failure;
  });

  return {
    templates,
    loading,
    loadFailure,
    current,
    form,
    opening,
    openFailure,
    saving,
    saved,
    reset,
    saveFailure,
    previewing,
    preview,
    previewFailure,
    dirty,
    notice,
    load,
    open,
    close,
    save,
    resetToInherited,
    renderPreview,
    fieldErrors,
  };
}
