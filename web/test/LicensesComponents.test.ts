import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toEntitlements, toLicense } from '../src/features/licenses/api';
import LicenseIssueForm from '../src/features/licenses/LicenseIssueForm.vue';
import LicenseKeyOnce from '../src/features/licenses/LicenseKeyOnce.vue';
import LicenseUsage from '../src/features/licenses/LicenseUsage.vue';
import { createConsoleI18n } from '../src/i18n';
import { ProblemError } from '../src/shared/http';

const child = {
  id: 'o2',
  name: 'Reseller One',
  slug: 'reseller-one',
  hierarchyType: 'master_branch' as const,
  parentId: 'o1',
  status: 'active',
  createdAt: '2026-12-01T00:00:00Z',
};

const pool = toEntitlements({
  organizationId: 'o1',
  unlimited: false,
  poolOrganizationId: 'o1',
  status: 'active',
  features: ['white_label', 'resell_licenses'],
  limits: { max_users: 10, api_requests_per_minute: 100 },
  usage: { users: 4 },
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const plugins = { global: { plugins: [createConsoleI18n()], stubs: { RouterLink: { template: '<a><slot /></a>' } } } };

afterEach(() => vi.unstubAllGlobals());

describe('LicenseIssueForm', () => {
  it('showsThePoolsRemainingCapacityBesideEachLimit_andOffersOnlyThePoolsFeatures', () => {
    const wrapper = mount(LicenseIssueForm, { props: { children: [child], pool, busy: false, failure: null }, ...plugins });

    expect(wrapper.get('#limit-max_users-pool').text()).toBe('Pool: 6 of 10 left');
    expect(wrapper.get('#limit-max_users').attributes('aria-describedby')).toBe('limit-max_users-pool');
    expect(wrapper.get('#limit-api_requests_per_minute-pool').text()).toBe('Pool: at most 100');
    expect(wrapper.get('#limit-max_servers-pool').text()).toBe('Pool: not limited');
    expect(wrapper.findAll('input[type=checkbox]').map((c) => (c.element as HTMLInputElement).value)).toEqual([
      'white_label',
      'resell_licenses',
    ]);
  });

  it('showsEachFieldErrorOfTheApiBesideItsField_andNoFormNotice', () => {
    const failure = new ProblemError({
      type: 'https://topgun.dev/problems/validation',
      title: 'Bad Request',
      status: 400,
      errors: [
        { field: 'limits.max_users', message: 'must be 0 to 1000000000' },
        { field: 'expiresAt', message: 'must be in the future' },
      ],
    });

    const wrapper = mount(LicenseIssueForm, { props: { children: [child], pool, busy: false, failure }, ...plugins });

    const users = wrapper.get('#limit-max_users');
    expect(users.attributes('aria-invalid')).toBe('true');
    expect(users.attributes('aria-describedby')).toBe('limit-max_users-pool limit-max_users-error');
    expect(wrapper.get('#limit-max_users-error').text()).toBe('must be 0 to 1000000000');
    expect(wrapper.get('#license-expires-error').text()).toBe('must be in the future');
    expect(wrapper.get('#limit-max_servers').attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
  });

  it('aLimitAboveWhatThePoolHasLeft_isShownBesideThatLimit', () => {
    const failure = new ProblemError({
      type: 'https://panel.example.test/problems/limit-exceeded',
      title: 'Conflict',
      status: 409,
      detail: 'The limit of 10 for users is reached (10 in use).',
      extensions: { counter: 'users', limit: 10, usage: 10 },
    });

    const wrapper = mount(LicenseIssueForm, { props: { children: [child], pool, busy: false, failure }, ...plugins });

    expect(wrapper.get('#limit-max_users').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#limit-max_users-error').text()).toBe('The limit of 10 for users is reached (10 in use).');
    expect(wrapper.find('#limit-max_domains-error').exists()).toBe(false);
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
  });

  it('aRefusalNamingNoField_isShownAboveTheButton', () => {
    const failure = new ProblemError({
      type: 'https://topgun.dev/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'The organization already holds a license.',
      extensions: { reason: 'already_licensed' },
    });

    const wrapper = mount(LicenseIssueForm, { props: { children: [child], pool, busy: false, failure }, ...plugins });

    expect(wrapper.get('[role=alert]').text()).toContain('The organization already holds a license.');
    expect(wrapper.findAll('[aria-invalid=true]')).toHaveLength(0);
  });

  it('submitting_emitsTheChildAndOnlyTheLimitsFilledIn', async () => {
    const wrapper = mount(LicenseIssueForm, { props: { children: [child], pool: null, busy: false, failure: null }, ...plugins });

    await wrapper.get('input[value=white_label]').setValue(true);
    await wrapper.get('#limit-max_users').setValue('5');
    await wrapper.get('#license-domains').setValue('panel.example.com\n*.example.com');
    await wrapper.get('#license-expires').setValue('2027-06-30');
    await wrapper.get('form').trigger('submit');

    expect(wrapper.emitted('issue')).toEqual([
      [
        'o2',
        {
          licenseType: 'subscription',
          tier: 'professional',
          features: ['white_label'],
          limits: { max_users: 5 },
          authorizedDomains: ['panel.example.com', '*.example.com'],
          expiresAt: '2027-06-30T00:00:00Z',
          graceDays: 14,
        },
      ],
    ]);
  });

  it('aPerpetualLicense_sendsNoExpiry', async () => {
    const wrapper = mount(LicenseIssueForm, { props: { children: [child], pool: null, busy: false, failure: null }, ...plugins });

    await wrapper.get('#license-type').setValue('perpetual');
    await wrapper.get('form').trigger('submit');

    expect(wrapper.find('#license-expires').exists()).toBe(false);
    const terms = wrapper.emitted('issue')?.[0]?.[1] as Record<string, unknown>;
    expect(terms).not.toHaveProperty('expiresAt');
    expect(terms['licenseType']).toBe('perpetual');
  });
});

describe('LicenseKeyOnce', () => {
  it('showsTheKeyWithTheWarning_andCopiesIt', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const license = toLicense({ id: 'L1', key: 'TG-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', status: 'active' });

    const wrapper = mount(LicenseKeyOnce, { props: { license, organizationName: 'Reseller One' }, ...plugins });
    await wrapper.get('button').trigger('click');
    await flushPromises();

    const field = wrapper.get('#license-key-value');
    expect((field.element as HTMLInputElement).value).toBe('TG-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE');
    expect(field.attributes('readonly')).toBeDefined();
    expect(wrapper.get('label[for=license-key-value]').text()).toBe('License key');
    expect(wrapper.get('[role=alert]').text()).toBe('Copy this key now: it will not be shown again.');
    expect(writeText).toHaveBeenCalledWith('TG-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE');
    expect(wrapper.get('[role=status]').text()).toBe('Key copied');
  });
});

describe('LicenseUsage', () => {
  it('drawsOneMeterPerCountedLimit_withTheLicenseState', async () => {
    const fetch = vi.fn(async () =>
      json(200, {
        organizationId: 'o2',
        unlimited: false,
        poolOrganizationId: 'o2',
        licenseId: 'L1',
        status: 'grace',
        features: ['white_label'],
        limits: { max_users: 5, max_child_organizations: 10, api_requests_per_minute: 60 },
        usage: { users: 5, child_organizations: 8 },
        graceEndsAt: '2027-01-15T00:00:00Z',
      }),
    );
    vi.stubGlobal('fetch', fetch);

    const wrapper = mount(LicenseUsage, { props: { orgId: 'o2' }, ...plugins });
    await flushPromises();

    expect((fetch.mock.calls as unknown as Array<[string]>)[0]?.[0]).toBe('/v1/organizations/o2/entitlements');
    expect(wrapper.get('.license-status').text()).toBe('In grace');
    expect(wrapper.text()).toContain('Grace ends Jan 15, 2027');
    const meters = wrapper.findAll('[role=meter]');
    expect(meters.map((m) => m.attributes('aria-valuetext'))).toEqual([
      '5 of 5 used (100 %), limit reached',
      '8 of 10 used (80 %), nearly full',
    ]);
    expect(wrapper.text()).toContain('API requests per minute: at most 60');
  });

  it('theOperatorsTree_isUnlimited_withoutBars', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { organizationId: 'o1', unlimited: true, status: 'active' })));

    const wrapper = mount(LicenseUsage, { props: { orgId: 'o1' }, ...plugins });
    await flushPromises();

    expect(wrapper.text()).toContain("No limits: the operator's tree is unlimited.");
    expect(wrapper.findAll('[role=meter]')).toHaveLength(0);
    expect(wrapper.get('.license-status').text()).toBe('Active');
  });
});
