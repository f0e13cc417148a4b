import { reactive, ref } from 'vue';
import { http, ProblemError } from '../../shared/http';
import {
  claimHostname,
  COLOR_NAMES,
  getBranding,
  listHostnames,
  putBranding,
  releaseHostname,
  uploadAsset,
  verifyHostname,
  type AssetRole,
  type BrandFields,
  type BrandPalette,
  type Branding,
  type ColorName,
  type Hostname,
  type OwnBrand,
} from './api';

export type Palette = Record<ColorName, string>;

export const TEXT_FIELDS = [
  'platformName',
  'shortName',
  'supportEmail',
  'supportUrl',
  'docsUrl',
  'termsUrl',
  'privacyUrl',
  'emailFromName',
  'emailReplyTo',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** The editor's form: every own field as text, '' meaning "inherited". */
export interface BrandForm extends Record<TextField, string> {
  colors: Palette;
  dark: Palette;
  fontFamily: string;
  customCss: string;
  hideOriginBranding: boolean;
}

function emptyPalette(): Palette {
  return { primary: '', secondary: '', accent: '', background: '', surface: '', text: '' };
}

export function emptyForm(): BrandForm {
  return {
    platformName: '',
    shortName: '',
    supportEmail: '',
    supportUrl: '',
    docsUrl: '',
    termsUrl: '',
    privacyUrl: '',
    emailFromName: '',
    emailReplyTo: '',
    colors: emptyPalette(),
    dark: emptyPalette(),
    fontFamily: '',
    customCss: '',
    hideOriginBranding: false,
  };
}

function paletteOf(palette: BrandPalette | null | undefined): Palette {
  const out = emptyPalette();
  for (const name of COLOR_NAMES) out[name] = palette?.[name] ?? '';
  return out;
}

export function formOf(own: OwnBrand): BrandForm {
  const form = emptyForm();
  for (const field of TEXT_FIELDS) form[field] = own[field] ?? '';
  form.colors = paletteOf(own.colors);
  form.dark = paletteOf(own.colors?.dark);
  form.fontFamily = own.fontFamily ?? '';
  form.customCss = own.customCss ?? '';
  form.hideOriginBranding = own.hideOriginBranding ?? false;
  return form;
}

function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function paletteOrNull(palette: Palette): BrandPalette | null {
  const values = COLOR_NAMES.map((name) => orNull(palette[name]));
  if (values.every((v) => v === null)) return null;
  const [primary, secondary, accent, background, surface, text] = values as (string | null)[];
  return {
    primary: primary ?? null,
    secondary: secondary ?? null,
    accent: accent ?? null,
    background: background ?? null,
    surface: surface ?? null,
    text: text ?? null,
  };
}

/** The PUT body: blank fields are sent as null (inherited), colors only when one is set. */
export function fieldsOf(form: BrandForm): BrandFields {
  const light = paletteOrNull(form.colors);
  const dark = paletteOrNull(form.dark);
  const colors = light === null && dark === null ? null : { ...(light ?? nulls()), dark };
  return {
    platformName: orNull(form.platformName),
    shortName: orNull(form.shortName),
    colors,
    fontFamily: orNull(form.fontFamily),
    customCss: form.customCss.trim() === '' ? null : form.customCss,
    supportEmail: orNull(form.supportEmail),
    supportUrl: orNull(form.supportUrl),
    docsUrl: orNull(form.docsUrl),
    termsUrl: orNull(form.termsUrl),
    privacyUrl: orNull(form.privacyUrl),
    emailFromName: orNull(form.emailFromName),
    emailReplyTo: orNull(form.emailReplyTo),
    hideOriginBranding: form.hideOriginBranding ? true : null,
  };
}

function nulls(): BrandPalette {
  return { primary: null, secondary: null, accent: null, background: null, surface: null, text: null };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The branding editor's state for one organization: its brand, the form, assets and hostnames. */
export function useBranding() {
  const branding = ref<Branding | null>(null);
  const form = reactive<BrandForm>(emptyForm());
  const loading = ref(false);
  const saving = ref(false);
  const saved = ref(false);
  const loadFailure = ref<Error | null>(null);
  const saveFailure = ref<Error | null>(null);
  const uploadFailures = reactive<Partial<Record<AssetRole, Error>>>({});
  const hostnames = ref<Hostname[]>([]);
  const hostnameFailure = ref<Error | null>(null);
  let orgId = '';

  function show(answer: Branding): void {
    branding.value = answer;
    Object.assign(form, formOf(answer.own));
  }

  async function load(id: string): Promise<void> {
    orgId = id;
    loading.value = true;
    loadFailure.value = null;
    try {
      const [answer, names] = await Promise.all([getBranding(http, id), listHostnames(http, id)]);
      show(answer);
      hostnames.value = names;
    } catch (error) {
      loadFailure.value = asError(error);
    } finally {
      loading.value = false;
    }
  }

  async function save(): Promise<void> {
    saving.value = true;
    saved.value = false;
    saveFailure.value = null;
    try {
      show(await putBranding(http, orgId, fieldsOf(form)));
      saved.value = true;
    } catch (error) {
      saveFailure.value = asError(error);
    } finally {
      saving.value = false;
    }
  }

  async function upload(role: AssetRole, file: Blob): Promise<void> {
    delete uploadFailures[role];
    try {
      const answer = await uploadAsset(http, orgId, role, file);
      branding.value = answer;
    } catch (error) {
      uploadFailures[role] = asError(error);
    }
  }

  async function hostnameCall(call: () => Promise<void>): Promise<boolean> {
    hostnameFailure.value = null;
    try {
      await call();
      return true;
    } catch (error) {
      hostnameFailure.value = asError(error);
      return false;
    }
  }

  function replace(updated: Hostname): void {
    hostnames.value = hostnames.value.map((h) => (h.hostname === updated.hostname ? updated : h));
  }

  const claim = (hostname: string) =>
    hostnameCall(async () => {
      hostnames.value = [...hostnames.value, await claimHostname(http, orgId, hostname.trim())];
    });
  const verify = (hostname: string) =>
    hostnameCall(async () => replace(await verifyHostname(http, orgId, hostname)));
  const release = (hostname: string) =>
    hostnameCall(async () => {
      await releaseHostname(http, orgId, hostname);
      hostnames.value = hostnames.value.filter((h) => h.hostname !== hostname);
    });

  /** The API's message for one field of the last save, if it named that field. */
  function fieldError(field: string): string | undefined {
    const failure = saveFailure.value;
    return failure instanceof ProblemError ? failure.fieldError(field) : undefined;
  }

  /** Every message of the last save about one field (the CSS sanitizer names each problem). */
  function fieldErrors(field: string): string[] {
    const failure = saveFailure.value;
    if (!(failure instanceof ProblemError)) return [];
    return failure.errors.filter((e) => e.field === field).map((e) => e.message);
  }

  return {
    branding,
    form,
    loading,
    saving,
    saved,
    loadFailure,
    saveFailure,
    uploadFailures,
    hostnames,
    hostnameFailure,
    load,
    save,
    upload,
    claim,
    verify,
    release,
    fieldError,
    fieldErrors,
  };
}
