import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import LicensesPage from '../src/features/licenses/LicensesPage.vue';
import { useOrganizations } from '../src/features/organizations/useOrganizations';
import { createConsoleI18n } from '../src/i18n';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const root = {
  organization: { id: 'o1', name: 'Root Org', slug: 'root', hierarchyType: 'top_branch' as const, parentId: null, status: 'active', createdAt: '2025-01-01T00:00:00Z' },
  role: 'owner',
  permissions: ['licenses:read', 'licenses:write'],
};
const child = { id: 'o2', name: 'Reseller One', slug: 'r1', hierarchyType: 'master_branch', parentId: 'o1', status: 'active', createdAt: '2026-01-01T00:00:00Z' };
/** Issued from the operator's unlimited pool: the API names no issuer, and leaves empty lists out. */
const license = { id: 'L1', organizationId: 'o2', key: 'TG-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', licenseType: 'subscription', tier: 'professional', issuedAt: '2026-12-01T00:00:00Z', expiresAt: '2027-12-01T00:00:00Z', graceDays: 14, status: 'active' };

function stubApi() {
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    if (method === 'GET' && url.startsWith('/v1/organizations/o1/licenses')) return json(200, { items: [], nextCursor: null });
    if (method === 'GET' && url.startsWith('/v1/organizations/o1/children')) return json(200, { items: [child], nextCursor: null });
    if (method === 'GET' && url === '/v1/organizations/o1/entitlements') return json(200, { organizationId: 'o1', unlimited: true, status: 'active' });
    if (method === 'GET' && url.startsWith('/v1/organizations/o2/licenses')) return json(200, { items: [license], nextCursor: null });
    if (method === 'POST' && url === '/v1/licenses/L1/suspend') return json(200, { ...license, status: 'suspended' });
    throw new Error(`unexpected ${method} ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function mountPage() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useOrganizations().memberships = [root];
  const wrapper = mount(LicensesPage, {
    global: { plugins: [pinia, createConsoleI18n()], stubs: { RouterLink: { template: '<a><slot /></a>' } } },
  });
  await flushPromises();
  return wrapper;
}

describe('LicensesPage', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('listsTheLicensesTheRootIssuedToItsChildren_withoutTheirKeys', async () => {
    stubApi();

    const wrapper = await mountPage();

    expect(wrapper.get('h1').text()).toBe('Licenses of Root Org');
    expect(wrapper.text()).toContain("The operator's organization needs no license: its tree is unlimited.");
    const row = wrapper.get('tbody tr');
    expect(row.text()).toContain('Reseller One');
    expect(row.text()).toContain('Professional');
    expect(row.get('.license-status').text()).toBe('Active');
    expect(wrapper.text()).not.toContain(license.key);
  });

  it('aConfirmedSuspension_postsIt_andTheRowShowsSuspendedWithResume', async () => {
    const fetch = stubApi();
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const wrapper = await mountPage();

    await wrapper.get('button[aria-label="Suspend the license of Reseller One"]').trigger('click');
    await flushPromises();

    expect(fetch.mock.calls.some(([url, init]) => url === '/v1/licenses/L1/suspend' && init.method === 'POST')).toBe(true);
    expect(wrapper.get('tbody tr .license-status').text()).toBe('Suspended');
    expect(wrapper.find('button[aria-label="Resume the license of Reseller One"]').exists()).toBe(true);
  });

  it('aDeclinedConfirmation_changesNothing', async () => {
    const fetch = stubApi();
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    const wrapper = await mountPage();

    await wrapper.get('button[aria-label="Revoke the license of Reseller One"]').trigger('click');
    await flushPromises();

    expect(fetch.mock.calls.some(([, init]) => init.method === 'POST')).toBe(false);
    expect(wrapper.get('tbody tr .license-status').text()).toBe('Active');
  });
});
