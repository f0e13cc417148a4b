import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import EmailTemplatesPage from '../src/features/branding/EmailTemplatesPage.vue';
import { useOrganizations } from '../src/features/organizations/useOrganizations';
import { createConsoleI18n } from '../src/i18n';
import { createConsoleRouter } from '../src/router';
import { editorView, LAZY_LOAD, stubRangeLayout } from './jsdomLayout';

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const defaults = { subject: 'Invited to {{organization.name}}', html: '<p>Join us</p>', text: 'Join us' };

function template(parts: Partial<typeof defaults> = {}, overridden = { subject: false, html: false, text: false }) {
  return {
    name: 'invitation',
    description: 'An invitation to join an organization.',
    ...defaults,
    ...parts,
    overridden,
    variables: [
      { name: 'organization.name', description: 'The organization.', example: 'Acme Hosting', link: false },
      { name: 'invitation.validDays', description: 'How many days.', example: '7', link: false },
    ],
  };
}

describe('EmailTemplatesPage', () => {
  const requests: { method: string; url: string; body: unknown }[] = [];

  beforeEach(() => {
    stubRangeLayout();
    setActivePinia(createPinia());
    useOrganizations().memberships = [
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
    requests.length = 0;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const body = init.body === undefined ? undefined : (JSON.parse(String(init.body)) as Record<string, string | null>);
      requests.push({ method: init.method ?? 'GET', url, body });
      if (url.endsWith('/email-templates')) {
        return json(200, { items: [template({}, { subject: false, html: true, text: false }), { ...template(), name: 'license-grace' }] });
      }
      if (url.endsWith('/preview')) {
        const html = (body?.['html'] ?? defaults.html).replace('{{invitation.validDays}}', '7');
        return json(200, { subject: 'Invited to Acme Hosting', html: `<html><body>${html}</body></html>`, text: 'Join us', fromName: 'Acme Cloud' });
      }
      if (init.method === 'PUT') {
        if (body?.['subject'] === '') {
          return json(
            400,
            { type: 'x:validation', title: 'Bad Request', status: 400, errors: [{ field: 'subject', message: 'renders nothing' }] },
            'application/problem+json',
          );
        }
        const own = { subject: body?.['subject'] != null, html: body?.['html'] != null, text: body?.['text'] != null };
        return json(200, template({ html: body?.['html'] ?? defaults.html }, own));
      }
      return json(200, template());
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  async function mountAt(path: string) {
    const router = createConsoleRouter(createMemoryHistory());
    await router.push(path);
    const wrapper = mount(EmailTemplatesPage, {
      global: { plugins: [router, createConsoleI18n()] },
      attachTo: document.body,
    });
    await flushPromises();
    return { wrapper, router };
  }

  it('listsTheTemplates_sayingWhichAreOverriddenAndWhichInherited', async () => {
    const { wrapper } = await mountAt('/branding/email');

    const items = wrapper.findAll('.email-templates__item').map((i) => i.text());
    expect(items).toEqual(['InvitationOverridden: HTML body', 'License in grace periodInherited']);
    expect(wrapper.text()).toContain('Choose a template to edit it.');
    wrapper.unmount();
  });

  it('aVariable_isInsertedAtTheCursor_previewedInASandboxedFrame_andSaved', async () => {
    const { wrapper } = await mountAt('/branding/email/invitation');
    await vi.waitFor(() => expect(wrapper.find('#template-html.cm-content').exists()).toBe(true), LAZY_LOAD);
    const html = editorView(wrapper.get('#template-html'));
    html.dispatch({ selection: { anchor: '<p>Join us'.length } });
    (wrapper.get('#template-html').element as HTMLElement).dispatchEvent(new FocusEvent('focusin', { bubbles: true }));

    const insert = wrapper.findAll('.template-variables__insert').find((b) => b.text() === '{{invitation.validDays}}');
    await insert?.trigger('click');
    expect(html.state.doc.toString()).toBe('<p>Join us{{invitation.validDays}}</p>');

    await wrapper.findAll('button').find((b) => b.text() === 'Preview')?.trigger('click');
    await flushPromises();
    const preview = requests.find((r) => r.url.endsWith('/preview'));
    expect(preview?.body).toEqual({ subject: null, html: '<p>Join us{{invitation.validDays}}</p>', text: null });
    const frame = wrapper.get('iframe');
    expect(frame.attributes('sandbox')).toBe('');
    expect(frame.attributes('srcdoc')).toBe('<html><body><p>Join us7</p></body></html>');
    expect(wrapper.get('.mail-preview__subject').text()).toBe('Invited to Acme Hosting');

    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(requests.at(-1)).toMatchObject({ method: 'PUT', body: { subject: null, html: '<p>Join us{{invitation.validDays}}</p>', text: null } });
    expect(wrapper.text()).toContain('Template saved.');
    expect(wrapper.get('.email-templates__editor .email-templates__status').text()).toBe('Overridden: HTML body');
    wrapper.unmount();
  });

  it('aRefusedPart_isNamedBesideIt', async () => {
    const { wrapper } = await mountAt('/branding/email/invitation');
    await wrapper.get('#template-subject').setValue('');

    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('#template-subject-error').text()).toBe('renders nothing');
    expect(wrapper.get('#template-subject').attributes('aria-invalid')).toBe('true');
    wrapper.unmount();
  });

  it('reset_putsNoParts_andShowsTheInheritedTemplate', async () => {
    const { wrapper } = await mountAt('/branding/email/invitation');
    await wrapper.get('#template-subject').setValue('Hello');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    await wrapper.findAll('button').find((b) => b.text() === 'Reset to inherited')?.trigger('click');
    await flushPromises();

    expect(requests.at(-1)).toMatchObject({ method: 'PUT', body: { subject: null, html: null, text: null } });
    expect(wrapper.text()).toContain('The template is the inherited one again.');
    expect((wrapper.get('#template-subject').element as HTMLInputElement).value).toBe(defaults.subject);
    wrapper.unmount();
  });
});
