import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { MyOrganization } from '../src/features/organizations/api';
import OrganizationSwitcher from '../src/features/organizations/OrganizationSwitcher.vue';
import { createConsoleI18n } from '../src/i18n';

function membership(id: string, name: string, role = 'member'): MyOrganization {
  return {
    organization: {
      id,
      name,
      slug: name.toLowerCase().replace(/\s+/g, '-'),
      hierarchyType: 'end_user',
      parentId: null,
      status: 'active',
      createdAt: '2025-01-01T00:00:00Z',
    },
    role,
    permissions: [],
  };
}

const memberships = [membership('01A', 'Acme Hosting', 'owner'), membership('01B', 'Beta Labs'), membership('01C', 'Acorn Web')];

function mountSwitcher() {
  return mount(OrganizationSwitcher, {
    props: { memberships, currentId: '01B' },
    global: { plugins: [createConsoleI18n()] },
  });
}

describe('OrganizationSwitcher', () => {
  it('listsEveryMembership_markingTheCurrentOne', () => {
    const wrapper = mountSwitcher();

    const items = wrapper.findAll('li button');
    expect(items.map((b) => b.find('span').text())).toEqual(['Acme Hosting', 'Beta Labs', 'Acorn Web']);
    expect(wrapper.get('[aria-current=true]').text()).toContain('Beta Labs');
    expect(items[0]?.text()).toContain('Owner');
  });

  it('searching_keepsOnlyMatchingNames_caseInsensitively', async () => {
    const wrapper = mountSwitcher();

    await wrapper.get('input[type=search]').setValue('  ac');

    expect(wrapper.findAll('li span').map((s) => s.text())).toEqual(['Acme Hosting', 'Acorn Web']);
  });

  it('aSearchWithNoMatch_saysSo', async () => {
    const wrapper = mountSwitcher();

    await wrapper.get('input[type=search]').setValue('zzz');

    expect(wrapper.findAll('li')).toHaveLength(0);
    expect(wrapper.text()).toContain('No organization matches.');
  });

  it('choosingAnOrganization_emitsItsId', async () => {
    const wrapper = mountSwitcher();

    await wrapper.findAll('li button')[2]?.trigger('click');

    expect(wrapper.emitted('select')).toEqual([['01C']]);
  });
});
