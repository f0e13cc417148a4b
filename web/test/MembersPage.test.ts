import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import InviteMemberForm from '../src/features/members/InviteMemberForm.vue';
import MembersPage from '../src/features/members/MembersPage.vue';
import { useOrganizations } from '../src/features/organizations/useOrganizations';
import { createConsoleI18n } from '../src/i18n';
import { ProblemError } from '../src/shared/http';

function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

const root = {
  organization: {
    id: 'o1',
    name: 'Root Org',
    slug: 'root',
    hierarchyType: 'top_branch' as const,
    parentId: null,
    status: 'active',
    createdAt: '2025-01-01T00:00:00Z',
  },
  role: 'owner',
  permissions: ['members:read', 'members:write', 'invitations:write'],
};

const members = [
  { userId: 'u1', email: 'op@example.test', role: 'owner', permissions: [] },
  { userId: 'u2', email: 'v@example.test', role: 'viewer', permissions: ['billing:read'] },
];

type Route = (method: string, url: string) => Response | undefined;

function stubApi(route: Route) {
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const answer = route(init.method ?? 'GET', url);
    if (!answer) throw new Error(`unexpected ${init.method} ${url}`);
    return answer;
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function mountPage() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const organizations = useOrganizations();
  organizations.memberships = [root];
  const wrapper = mount(MembersPage, { global: { plugins: [pinia, createConsoleI18n()] } });
  await flushPromises();
  return wrapper;
}

describe('MembersPage', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('listsEachMemberWithRoleAndGrants', async () => {
    stubApi((method, url) =>
      method === 'GET' && url.startsWith('/v1/organizations/o1/members')
        ? json(200, { items: members, nextCursor: null })
        : undefined,
    );

    const wrapper = await mountPage();

    expect(wrapper.get('h1').text()).toBe('Members of Root Org');
    const rows = wrapper.findAll('tbody tr');
    expect(rows.map((r) => r.find('td').text())).toEqual(['op@example.test', 'v@example.test']);
    expect((rows[0]?.get('select').element as HTMLSelectElement).value).toBe('owner');
    expect(rows[1]?.text()).toContain('billing:read');
    expect(rows[0]?.text()).toContain('None');
  });

  it('aRefusedRemoval_showsTheApisDetail_andKeepsTheMember', async () => {
    stubApi((method) => {
      if (method === 'GET') return json(200, { items: members, nextCursor: null });
      if (method === 'DELETE')
        return json(
          409,
          { type: 'https://topgun.dev/problems/last-owner', title: 'Conflict', status: 409, detail: 'The last owner cannot be removed' },
          'application/problem+json',
        );
      return undefined;
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const wrapper = await mountPage();

    await wrapper.get('button[aria-label="Remove op@example.test"]').trigger('click');
    await flushPromises();

    expect(wrapper.get('[role=alert]').text()).toContain('The last owner cannot be removed');
    expect(wrapper.findAll('tbody tr')).toHaveLength(2);
  });

  it('aRoleChange_patchesAndShowsTheNewRole', async () => {
    const fetch = stubApi((method) => {
      if (method === 'GET') return json(200, { items: members, nextCursor: null });
      if (method === 'PATCH') return json(200, { ...members[1], role: 'admin' });
      return undefined;
    });
    const wrapper = await mountPage();

    await wrapper.get('select[aria-label="Role of v@example.test"]').setValue('admin');
    await flushPromises();

    const patch = fetch.mock.calls.find(([, init]) => init.method === 'PATCH');
    expect(patch?.[0]).toBe('/v1/organizations/o1/members/u2');
    expect(JSON.parse(String(patch?.[1].body))).toEqual({ role: 'admin' });
    expect((wrapper.get('select[aria-label="Role of v@example.test"]').element as HTMLSelectElement).value).toBe('admin');
  });

  it('aSentInvitation_isListed_andTheAddressCleared', async () => {
    stubApi((method, url) => {
      if (method === 'GET') return json(200, { items: members, nextCursor: null });
      if (method === 'POST' && url === '/v1/organizations/o1/invitations')
        return json(201, { id: 'i1', organizationId: 'o1', email: 'new@example.test', role: 'admin', permissions: [], status: 'pending', expiresAt: '2026-12-11T00:00:00Z' });
      return undefined;
    });
    const wrapper = await mountPage();

    await wrapper.get('#invite-email').setValue('new@example.test');
    await wrapper.get('#invite-role').setValue('admin');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('[role=status] li').text()).toBe('new@example.test invited as Admin');
    expect((wrapper.get('#invite-email').element as HTMLInputElement).value).toBe('');
  });
});

describe('InviteMemberForm', () => {
  it('showsTheApisFieldErrorBesideTheFieldItNames', () => {
    const failure = new ProblemError({
      type: 'https://topgun.dev/problems/validation',
      title: 'Bad Request',
      status: 400,
      errors: [{ field: 'email', message: 'must be a well-formed email address' }],
    });

    const wrapper = mount(InviteMemberForm, {
      props: { busy: false, failure },
      global: { plugins: [createConsoleI18n()] },
    });

    const input = wrapper.get('#invite-email');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`#${input.attributes('aria-describedby')}`).text()).toBe('must be a well-formed email address');
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
  });

  it('submitting_emitsTheTrimmedAddressAndTheRole', async () => {
    const wrapper = mount(InviteMemberForm, {
      props: { busy: false, failure: null },
      global: { plugins: [createConsoleI18n()] },
    });

    await wrapper.get('#invite-email').setValue('  a@example.test ');
    await wrapper.get('#invite-role').setValue('viewer');
    await wrapper.get('form').trigger('submit');

    expect(wrapper.emitted('invite')).toEqual([['a@example.test', 'viewer']]);
  });
});
