import type { Http } from '../../shared/http';

/** The six colors of one mode, each `#rrggbb` (null in an own brand: inherited). */
export interface BrandPalette {
  readonly primary: string | null;
  readonly secondary: string | null;
  readonly accent: string | null;
  readonly background: string | null;
  readonly surface: string | null;
  readonly text: string | null;
}

export interface BrandColors extends BrandPalette {
  readonly dark: BrandPalette | null;
}

export const COLOR_NAMES = ['primary', 'secondary', 'accent', 'background', 'surface', 'text'] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

/** The safe fonts the API accepts (functions/branding theme.FontFamily). */
export const FONT_FAMILIES = [
  'Inter',
  'Roboto',
  'Open Sans',
  'Lato',
  'Source Sans 3',
  'Noto Sans',
  'IBM Plex Sans',
  'system-ui',
  'Arial',
  'Helvetica',
  'Georgia',
  'Verdana',
  'Tahoma',
  'Trebuchet MS',
  'Times New Roman',
  'Courier New',
  'sans-serif',
  'serif',
  'monospace',
] as const;

/** What `PUT …/branding` takes: the organization's own fields; an absent (null) field is inherited. */
export interface BrandFields {
  readonly platformName: string | null;
  readonly shortName: string | null;
  readonly colors: BrandColors | null;
  readonly fontFamily: string | null;
  readonly customCss: string | null;
  readonly supportEmail: string | null;
  readonly supportUrl: string | null;
  readonly docsUrl: string | null;
  readonly termsUrl: string | null;
  readonly privacyUrl: string | null;
  readonly emailFromName: string | null;
  readonly emailReplyTo: string | null;
  readonly hideOriginBranding: boolean | null;
}

export interface OwnBrand extends BrandFields {
  readonly logoUrl: string | null;
  readonly logoDarkUrl: string | null;
  readonly faviconUrl: string | null;
}

export interface Favicon {
  readonly size: number;
  readonly url: string;
}

export interface EffectiveBrand {
  readonly platformName: string;
  readonly shortName: string;
  readonly colors: BrandColors;
  readonly fontFamily: string;
  readonly customCss: string | null;
  readonly supportEmail: string | null;
  readonly supportUrl: string | null;
  readonly docsUrl: string | null;
  readonly termsUrl: string | null;
  readonly privacyUrl: string | null;
  readonly emailFromName: string;
  readonly emailReplyTo: string | null;
  readonly hideOriginBranding: boolean;
  readonly themeCssUrl: string;
  readonly logoUrl: string;
  readonly logoDarkUrl: string;
  readonly favicons: readonly Favicon[];
  readonly faviconIcoUrl: string;
  readonly manifestUrl: string;
}

/** A contrast warning or a piece of custom CSS the sanitizer dropped. */
export interface Remark {
  readonly code: string;
  readonly message: string;
}

export interface Branding {
  readonly own: OwnBrand;
  readonly effective: EffectiveBrand;
  readonly warnings: readonly Remark[];
  readonly removed: readonly Remark[];
}

export type AssetRole = 'logo' | 'logo-dark' | 'favicon';

export interface Hostname {
  readonly hostname: string;
  readonly status: string;
  readonly verification: { readonly type: string; readonly name: string; readonly value: string };
  readonly httpVerification: { readonly url: string; readonly body: string };
  readonly createdAt: string;
  readonly verifiedAt: string | null;
  readonly checkedAt: string | null;
}

function base(orgId: string): string {
  return `/v1/organizations/${encodeURIComponent(orgId)}/branding`;
}

/** The API leaves empty lists and null fields out of its answers; the console's types have them. */
type Answer = Omit<Branding, 'warnings' | 'removed'> & {
  readonly warnings?: readonly Remark[];
  readonly removed?: readonly Remark[];
};

function complete(answer: Answer): Branding {
  return { ...answer, warnings: answer.warnings ?? [], removed: answer.removed ?? [] };
}

export async function getBranding(http: Http, orgId: string): Promise<Branding> {
  return complete(await http.get<Answer>(base(orgId)));
}

export async function putBranding(http: Http, orgId: string, fields: BrandFields): Promise<Branding> {
  return complete(await http.put<Answer>(base(orgId), fields));
}

export async function resetBranding(http: Http, orgId: string): Promise<Branding> {
  return complete(await http.delete<Answer>(base(orgId)));
}

/** The file's bytes as they are, with its own type; the API checks them by content. */
export async function uploadAsset(http: Http, orgId: string, role: AssetRole, file: Blob): Promise<Branding> {
  const answer = await http.put<Answer>(`${base(orgId)}/${role}`, undefined, {
    raw: { bytes: file, contentType: file.type || 'application/octet-stream' },
  });
  return complete(answer);
}

export async function listHostnames(http: Http, orgId: string): Promise<Hostname[]> {
  const page = await http.get<{ items?: Hostname[] }>(`${base(orgId)}/hostnames`);
  return page.items ?? [];
}

export function claimHostname(http: Http, orgId: string, hostname: string): Promise<Hostname> {
  return http.post<Hostname>(`${base(orgId)}/hostnames`, { hostname });
}

export function verifyHostname(http: Http, orgId: string, hostname: string): Promise<Hostname> {
  return http.post<Hostname>(`${base(orgId)}/hostnames/${encodeURIComponent(hostname)}/verify`);
}

export function releaseHostname(http: Http, orgId: string, hostname: string): Promise<void> {
  return http.delete<void>(`${base(orgId)}/hostnames/${encodeURIComponent(hostname)}`);
}

/** A variable a mail template offers, written `{{name}}` in its parts. */
export interface TemplateVariable {
  readonly name: string;
  readonly description: string;
  readonly example: string;
  /** A link: given as a path, rendered as an absolute URL. */
  readonly link: boolean;
}

export type TemplatePart = 'subject' | 'html' | 'text';
export const TEMPLATE_PARTS: readonly TemplatePart[] = ['subject', 'html', 'text'];

/** One mail template as the organization sends it: its own parts, else the defaults. */
export interface EmailTemplate {
  readonly name: string;
  readonly description: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Which parts are the organization's own (the others are the defaults). */
  readonly overridden: Readonly<Record<TemplatePart, boolean>>;
  readonly variables: readonly TemplateVariable[];
}

/** The organization's own parts; a null part is the default. */
export type TemplateParts = Readonly<Record<TemplatePart, string | null>>;

/** A mail as it would be sent, rendered with the template's example values and the brand. */
export interface MailPreview {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly fromName: string;
  readonly replyTo: string | null;
}

type TemplateAnswer = Omit<EmailTemplate, 'variables' | 'overridden'> & {
  readonly variables?: readonly TemplateVariable[];
  readonly overridden?: Partial<Record<TemplatePart, boolean>>;
};

function template(answer: TemplateAnswer): EmailTemplate {
  const overridden = answer.overridden ?? {};
  return {
    ...answer,
    overridden: {
      subject: overridden.subject ?? false,
      html: overridden.html ?? false,
      text: overridden.text ?? false,
    },
    variables: answer.variables ?? [],
  };
}

function templatePath(orgId: string, name?: string): string {
  const list = `${base(orgId)}/email-templates`;
  return name === undefined ? list : `${list}/${encodeURIComponent(name)}`;
}

export async function listEmailTemplates(http: Http, orgId: string): Promise<EmailTemplate[]> {
  const page = await http.get<{ items?: TemplateAnswer[] }>(templatePath(orgId));
  return (page.items ?? []).map(template);
}

export async function getEmailTemplate(http: Http, orgId: string, name: string): Promise<EmailTemplate> {
  return template(await http.get<TemplateAnswer>(templatePath(orgId, name)));
}

/** Replaces the organization's own parts of the template (null parts: the defaults). */
export async function putEmailTemplate(
  http: Http,
  orgId: string,
  name: string,
  parts: TemplateParts,
): Promise<EmailTemplate> {
  return template(await http.put<TemplateAnswer>(templatePath(orgId, name), parts));
}

/** Back to the defaults: the API takes an override of no parts as none (there is no DELETE). */
export function resetEmailTemplate(http: Http, orgId: string, name: string): Promise<EmailTemplate> {
  return putEmailTemplate(http, orgId, name, { subject: null, html: null, text: null });
}

/** The mail rendered with these parts (null parts: the ones it sends now). */
export async function previewEmailTemplate(
  http: Http,
  orgId: string,
  name: string,
  parts: TemplateParts,
): Promise<MailPreview> {
  const answer = await http.post<Omit<MailPreview, 'replyTo'> & { readonly replyTo?: string | null }>(
    `${templatePath(orgId, name)}/preview`,
    parts,
  );
  return { ...answer, replyTo: answer.replyTo ?? null };
}
