import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import BrandingPage from '../src/features/branding/BrandingPage.vue';
import { useOrganizations } from '../src/features/organizations/useOrganizations';
import { createConsoleI18n } from '../src/i18n';
import { LAZY_LOAD, stubRangeLayout, typeInto } from './jsdomLayout';

const palette = {
  primary: '#3b82f6',
  secondary: '#64748b',
  accent: '#f59e0b',
  background: '#ffffff',
  surface: '#f8fafc',
  text: '#0f172a',
};

function branding(own: Record<string, unknown>, name: string, warnings: unknown[] = []) {
  return {
    own: { logoUrl: null, logoDarkUrl: null, faviconUrl: null, colors: null, ...own },
    effective: {
      platformName: name,
      shortName: name,
      colors: { ...palette, dark: { ...palette, background: '#0f172a', text: '#f8fafc' } },
      fontFamily: 'Inter',
      customCss: null,
      emailFromName: name,
      hideOriginBranding: false,
      themeCssUrl: '/v1/branding/css/a.css',
      logoUrl: '/logo.svg',
      logoDarkUrl: '/logo.svg',
      favicons: [],
      faviconIcoUrl: '/f.ico',
      manifestUrl: '/m.json',
    },
    warnings,
    removed: [],
  };
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

describe('BrandingPage', () => {
  const puts: unknown[] = [];

  beforeEach(() => {
    stubRangeLayout();
    setActivePinia(createPinia());
    const organizations = useOrganizations();
    organizations.memberships = [
      {
        organization: {
          id: 'root',
          name: 'Root',
          slug: 'root',
          hierarchyType: 'top_branch',
          parentId: null,
          status: 'active',
          createdAt: '2026-01-01T00:00:00Z',
        },
        role: 'owner',
        permissions: [],
      },
    ];
    puts.length = 0;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      if (url.endsWith('/hostnames')) return json(200, { items: [], nextCursor: null });
      if (init.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as { platformName: string; customCss: string | null };
        puts.push(body);
        if (body.customCss?.includes('@import')) {
          return json(
            400,
            {
              type: 'x:validation',
              title: 'Bad Request',
              status: 400,
              detail: 'The brand is not valid',
              errors: [{ field: 'customCss', message: 'line 2: @import is not allowed (import)' }],
            },
            'application/problem+json',
          );
        }
        if (body.customCss?.includes('foo bar')) {
          return json(200, {
            ...branding({ customCss: body.customCss }, 'Topgun Default'),
            removed: [{ code: 'css_removed', message: 'line 1: foo bar; — the parser could not read it' }],
          });
        }
        return json(
          200,
          branding({ platformName: body.platformName, colors: { ...palette, dark: null } }, body.platformName, [
            { code: 'contrast_text_on_primary', message: 'Text on primary is 3.1:1' },
          ]),
        );
      }
      return json(200, branding({}, 'Topgun Default'));
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  function mountPage() {
    return mount(BrandingPage, { global: { plugins: [createConsoleI18n()], stubs: { RouterLink: RouterLinkStub } } });
  }

  it('saving_showsTheEffectiveNameAndTheContrastWarnings', async () => {
    const wrapper = mountPage();
    await flushPromises();
    expect(wrapper.text()).toContain('Your console is called Topgun Default.');

    await wrapper.get('#brand-platformName').setValue('Acme Cloud');
    await wrapper.get('#brand-light-primary').setValue('#1a4f8b');
    expect(wrapper.get('figure').attributes('style')).toContain('--brand-primary: #1a4f8b');
    await wrapper.get('form.branding__form').trigger('submit');
    await flushPromises();

    expect(puts[0]).toMatchObject({ platformName: 'Acme Cloud', colors: { primary: '#1a4f8b' } });
    expect(wrapper.text()).toContain('Your console is called Acme Cloud.');
    expect(wrapper.text()).toContain('Branding saved.');
    expect(wrapper.text()).toContain('Text on primary is 3.1:1');
  });

  it('refusedCss_isNamedBesideTheEditor_andMarkedOnItsLine', async () => {
    const wrapper = mountPage();
    await vi.waitFor(() => expect(wrapper.find('#brand-customCss.cm-content').exists()).toBe(true), LAZY_LOAD);

    typeInto(wrapper.get('#brand-customCss'), '.a { color: red; }\n@import url(x);');
    await wrapper.get('form.branding__form').trigger('submit');
    await flushPromises();

    expect(puts.at(-1)).toMatchObject({ customCss: '.a { color: red; }\n@import url(x);' });
    expect(wrapper.get('#brand-customCss-error').text()).toBe('line 2: @import is not allowed (import)');
    const content = wrapper.get('#brand-customCss');
    expect(content.attributes('aria-invalid')).toBe('true');
    expect(content.attributes('aria-describedby')).toBe('brand-customCss-error');
    expect(wrapper.findAll('.cm-line').map((l) => l.classes('cm-problem-line'))).toEqual([false, true]);
  });

  it('savedCss_listsWhatTheSanitizerRemoved_besideTheEditor', async () => {
    const wrapper = mountPage();
    await vi.waitFor(() => expect(wrapper.find('#brand-customCss.cm-content').exists()).toBe(true), LAZY_LOAD);

    typeInto(wrapper.get('#brand-customCss'), 'foo bar;\n.a { color: red; }');
    await wrapper.get('form.branding__form').trigger('submit');
    await flushPromises();

    const notes = wrapper.get('.branding__css-notes');
    expect(notes.text()).toContain('Custom CSS that was left out');
    expect(notes.text()).toContain('line 1: foo bar; — the parser could not read it');
    expect(wrapper.get('#brand-customCss').attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.findAll('.cm-line').map((l) => l.classes('cm-problem-line'))).toEqual([true, false]);
  });
});
