import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttp, type FetchFn } from '../src/shared/http';
import { applyBrand, bootBrand, type BrandManifest } from '../src/shared/theme';

const palette = {
  primary: '#114477',
  secondary: '#445566',
  accent: '#dd7700',
  background: '#ffffff',
  surface: '#f4f6f8',
  text: '#111111',
};

const manifest: BrandManifest = {
  platformName: 'Acme Cloud',
  shortName: 'Acme',
  colors: { ...palette, dark: { ...palette, background: '#000000', text: '#eeeeee' } },
  fontFamily: 'Inter, sans-serif',
  themeCssUrl: '/v1/branding/theme/01ACME.css',
  logoUrl: '/assets/acme/logo.svg',
  logoDarkUrl: '/assets/acme/logo-dark.svg',
  favicons: [
    { size: 32, url: '/assets/acme/favicon-32.png' },
    { size: 180, url: '/assets/acme/favicon-180.png' },
    { size: 512, url: '/assets/acme/favicon-512.png' },
  ],
  faviconIcoUrl: '/assets/acme/favicon.ico',
  manifestUrl: '/v1/branding/manifest/01ACME.webmanifest',
  supportEmail: null,
  supportUrl: null,
  docsUrl: null,
  termsUrl: null,
  privacyUrl: null,
  hideOriginBranding: true,
  organization: { id: '01ACME', name: 'Acme Ltd' },
};

function links(selector: string): HTMLLinkElement[] {
  return Array.from(document.head.querySelectorAll<HTMLLinkElement>(selector));
}

/** jsdom fetches no stylesheets: the test says when "the CSS" has loaded. */
function loadStylesheet(href: string): void {
  const sheet = document.head.querySelector(`link[rel=stylesheet][href="${href}"]`);
  expect(sheet).not.toBeNull();
  sheet?.dispatchEvent(new Event('load'));
}

afterEach(() => {
  document.head.innerHTML = '';
  document.title = '';
});

describe('theme', () => {
  it('bootBrand_fetchesTheResolvedBrand_andAppliesIt', async () => {
    // given
    const asked: string[] = [];
    const fetch: FetchFn = async (url) => {
      asked.push(url);
      return new Response(JSON.stringify(manifest), { headers: { 'Content-Type': 'application/json' } });
    };

    // when
    const booting = bootBrand(createHttp({ fetch }));
    await vi.waitFor(() => loadStylesheet(manifest.themeCssUrl));
    const brand = await booting;

    // then
    expect(asked).toEqual(['/v1/branding/resolve']);
    expect(brand.platformName).toBe('Acme Cloud');
    expect(document.title).toBe('Acme Cloud');
  });

  it('applyBrand_waitsForTheThemeStylesheet', async () => {
    // given
    let applied = false;

    // when
    const applying = applyBrand(manifest, document, 60_000).then(() => (applied = true));
    await Promise.resolve();

    // then
    expect(applied).toBe(false);
    loadStylesheet(manifest.themeCssUrl);
    await applying;
    expect(applied).toBe(true);
  });

  it('applyBrand_setsTitleFaviconsAppleTouchIconIcoAndManifest', async () => {
    // when
    const applying = applyBrand(manifest);
    loadStylesheet(manifest.themeCssUrl);
    await applying;

    // then
    expect(document.title).toBe('Acme Cloud');
    expect(
      links('link[rel=icon][type="image/png"]').map((l) => [l.getAttribute('sizes'), l.getAttribute('href')]),
    ).toEqual([
      ['32x32', '/assets/acme/favicon-32.png'],
      ['180x180', '/assets/acme/favicon-180.png'],
      ['512x512', '/assets/acme/favicon-512.png'],
    ]);
    const touch = links('link[rel=apple-touch-icon]');
    expect(touch.map((l) => [l.getAttribute('sizes'), l.getAttribute('href')])).toEqual([
      ['180x180', '/assets/acme/favicon-180.png'],
    ]);
    expect(links('link[rel=icon][type="image/x-icon"]').map((l) => l.getAttribute('href'))).toEqual([
      '/assets/acme/favicon.ico',
    ]);
    expect(links('link[rel=manifest]').map((l) => l.getAttribute('href'))).toEqual([
      '/v1/branding/manifest/01ACME.webmanifest',
    ]);
    expect(links('link[rel=stylesheet]').map((l) => l.getAttribute('href'))).toEqual([
      '/v1/branding/theme/01ACME.css',
    ]);
  });

  it('applyingAnotherBrand_replacesTheFirstOnesLinks', async () => {
    // given
    const first = applyBrand(manifest);
    loadStylesheet(manifest.themeCssUrl);
    await first;
    const other: BrandManifest = {
      ...manifest,
      platformName: 'Other Host',
      themeCssUrl: '/v1/branding/theme/02OTHER.css',
      favicons: [{ size: 64, url: '/assets/other/favicon-64.png' }],
    };

    // when
    const second = applyBrand(other);
    loadStylesheet(other.themeCssUrl);
    await second;

    // then
    expect(document.title).toBe('Other Host');
    expect(links('link[rel=stylesheet]').map((l) => l.getAttribute('href'))).toEqual([
      '/v1/branding/theme/02OTHER.css',
    ]);
    expect(links('link[rel=apple-touch-icon]').map((l) => l.getAttribute('href'))).toEqual([
      '/assets/other/favicon-64.png',
    ]);
    expect(links('link[rel=icon][type="image/png"]')).toHaveLength(1);
  });

  it('aStylesheetThatFailsToLoad_doesNotKeepTheConsoleFromStarting', async () => {
    const applying = applyBrand(manifest, document, 60_000);

    document.head.querySelector('link[rel=stylesheet]')?.dispatchEvent(new Event('error'));

    await expect(applying).resolves.toBeUndefined();
  });
});
