import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useBrand } from '../src/shared/useBrand';
import type { BrandManifest } from '../src/shared/theme';
import type { Organization } from '../src/features/organizations/api';
import OrganizationPlace from '../src/features/organizations/OrganizationPlace.vue';
import { createConsoleI18n } from '../src/i18n';

function org(id: string, name: string, hierarchyType: Organization['hierarchyType'], parentId: string | null): Organization {
  return { id, name, slug: id, hierarchyType, parentId, status: 'active', createdAt: '2026-01-01T00:00:00Z' };
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

function ancestorsAnswer() {
  return vi.fn(
    async () =>
      new Response(
        JSON.stringify({ items: [org('res', 'Acme Hosting', 'master_branch', 'op'), org('op', 'Operator Inc', 'top_branch', null)] }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      ),
  );
}

describe('OrganizationPlace', () => {
  it('showsThePathFromTheTopDownToTheOrganization_withEachLevel', async () => {
    const fetch = vi.fn(async (url: string) => {
      expect(url).toBe('/v1/organizations/sub/ancestors?limit=100');
      // nearest first, as the API answers
      return new Response(
        JSON.stringify({ items: [org('res', 'Acme Hosting', 'master_branch', 'op'), org('op', 'Operator Inc', 'top_branch', null)] }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      );
    });
    vi.stubGlobal('fetch', fetch);

    const wrapper = mount(OrganizationPlace, {
      props: { organization: org('sub', 'Shop One', 'sub_user', 'res') },
      global: { plugins: [createConsoleI18n()] },
    });
    await flushPromises();

    const steps = wrapper.findAll('li').map((li) => li.text());
    expect(steps).toEqual(['Operator Inc (Operator)', 'Acme Hosting (Reseller)', 'Shop One (Sub-reseller)']);
    expect(wrapper.find('[aria-current="location"]').text()).toContain('Shop One');
  });

  it('theTopOrganization_needsNoRequest', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);

    const wrapper = mount(OrganizationPlace, {
      props: { organization: org('op', 'Operator Inc', 'top_branch', null) },
      global: { plugins: [createConsoleI18n()] },
    });
    await flushPromises();

    expect(fetch).not.toHaveBeenCalled();
    expect(wrapper.findAll('li').map((li) => li.text())).toEqual(['Operator Inc (Operator)']);
  });

  it('aNetworkFailure_offersARetry', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));

    const wrapper = mount(OrganizationPlace, {
      props: { organization: org('sub', 'Shop One', 'sub_user', 'res') },
      global: { plugins: [createConsoleI18n()] },
    });
    await flushPromises();

    expect(wrapper.find('button').text()).toBe('Try again');
  });

  it('underABrandThatHidesTheOrigin_thePathBeginsAtTheBrandsOrganization', async () => {
    vi.stubGlobal('fetch', ancestorsAnswer());
    useBrand().booted({ hideOriginBranding: true, organization: { id: 'res', name: 'Acme Hosting' } } as unknown as BrandManifest);

    const wrapper = mount(OrganizationPlace, {
      props: { organization: org('sub', 'Shop One', 'sub_user', 'res') },
      global: { plugins: [createConsoleI18n()] },
    });
    await flushPromises();

    expect(wrapper.findAll('li').map((li) => li.text())).toEqual(['Acme Hosting (Reseller)', 'Shop One (Sub-reseller)']);
    expect(wrapper.text()).not.toContain('Operator Inc');
  });

  it('underABrandThatDoesNotHideTheOrigin_theWholePathShows', async () => {
    vi.stubGlobal('fetch', ancestorsAnswer());
    useBrand().booted({ hideOriginBranding: false, organization: { id: 'res', name: 'Acme Hosting' } } as unknown as BrandManifest);

    const wrapper = mount(OrganizationPlace, {
      props: { organization: org('sub', 'Shop One', 'sub_user', 'res') },
      global: { plugins: [createConsoleI18n()] },
    });
    await flushPromises();

    expect(wrapper.findAll('li')).toHaveLength(3);
  });
});
