import type { Http } from './http';

/** One mode's colors, each `#rrggbb`. */
export interface BrandPalette {
  readonly primary: string;
  readonly secondary: string;
  readonly accent: string;
  readonly background: string;
  readonly surface: string;
  readonly text: string;
}

export interface BrandColors extends BrandPalette {
  readonly dark: BrandPalette | null;
}

export interface BrandFavicon {
  readonly size: number;
  readonly url: string;
}

/** `GET /v1/branding/resolve`: the effective brand of the host the console is served from. */
export interface BrandManifest {
  readonly platformName: string;
  readonly shortName: string;
  readonly colors: BrandColors;
  readonly fontFamily: string;
  readonly themeCssUrl: string;
  readonly logoUrl: string;
  readonly logoDarkUrl: string;
  readonly favicons: readonly BrandFavicon[];
  readonly faviconIcoUrl: string;
  readonly manifestUrl: string;
  readonly supportEmail: string | null;
  readonly supportUrl: string | null;
  readonly docsUrl: string | null;
  readonly termsUrl: string | null;
  readonly privacyUrl: string | null;
  readonly hideOriginBranding: boolean;
  readonly organization: { readonly id: string; readonly name: string } | null;
}

/** Marks the head elements this module owns, so that applying a brand again replaces them. */
const OWNED = 'data-brand';
const APPLE_TOUCH_SIZE = 180;

export function fetchBrand(http: Http): Promise<BrandManifest> {
  return http.get<BrandManifest>('/v1/branding/resolve');
}

/**
 * Puts the brand on the document: its theme stylesheet (resolved once loaded, or failed, or after
 * `timeoutMs`, so a slow CDN never keeps the console from starting), title, favicons and web app
 * manifest. Elements a previous call added are replaced.
 */
export function applyBrand(
  brand: BrandManifest,
  doc: Document = document,
  timeoutMs = 5000,
): Promise<void> {
  for (const old of Array.from(doc.head.querySelectorAll(`[${OWNED}]`))) {
    old.remove();
  }
  doc.title = brand.platformName;

  for (const icon of brand.favicons) {
    addLink(doc, { rel: 'icon', type: 'image/png', sizes: `${icon.size}x${icon.size}`, href: icon.url });
  }
  const touch =
    brand.favicons.find((f) => f.size === APPLE_TOUCH_SIZE) ??
    [...brand.favicons].sort((a, b) => b.size - a.size)[0];
  if (touch) {
    addLink(doc, { rel: 'apple-touch-icon', sizes: `${touch.size}x${touch.size}`, href: touch.url });
  }
  addLink(doc, { rel: 'icon', type: 'image/x-icon', href: brand.faviconIcoUrl });
  addLink(doc, { rel: 'manifest', href: brand.manifestUrl });

  const sheet = addLink(doc, { rel: 'stylesheet', href: brand.themeCssUrl });
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    sheet.addEventListener('load', done, { once: true });
    sheet.addEventListener('error', done, { once: true });
  });
}

/** Fetches the brand of this host and applies it; the caller mounts the app afterwards. */
export async function bootBrand(http: Http, doc: Document = document): Promise<BrandManifest> {
  const brand = await fetchBrand(http);
  await applyBrand(brand, doc);
  return brand;
}

function addLink(doc: Document, attributes: Record<string, string>): HTMLLinkElement {
  const link = doc.createElement('link');
  for (const [name, value] of Object.entries(attributes)) {
    link.setAttribute(name, value);
  }
  link.setAttribute(OWNED, '');
  doc.head.appendChild(link);
  return link;
}
