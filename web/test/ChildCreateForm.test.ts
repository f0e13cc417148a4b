import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { NewChild, Organization } from '../src/features/tree/api';
import ChildCreateForm from '../src/features/tree/ChildCreateForm.vue';
import { createConsoleI18n } from '../src/i18n';
import { ProblemError } from '../src/shared/http';

function parent(hierarchyType: Organization['hierarchyType']): Organization {
  return { id: 'P', name: 'Parent Co', slug: 'parent-co', hierarchyType, parentId: null, status: 'active', createdAt: '2026-01-01T00:00:00Z' };
}

function mountForm(type: Organization['hierarchyType'], submit: (child: NewChild) => Promise<unknown>) {
  return mount(ChildCreateForm, {
    props: { parent: parent(type), submit },
    global: { plugins: [createConsoleI18n()] },
  });
}

describe('ChildCreateForm', () => {
  it('offersOnlyTheTypesBelowTheParent', () => {
    const wrapper = mountForm('master_branch', async () => undefined);

    expect(wrapper.findAll('option').map((o) => o.attributes('value'))).toEqual(['sub_user', 'end_user']);
  });

  it('suggestsASlugFromTheName_andSubmitsTheChild', async () => {
    const sent: NewChild[] = [];
    const wrapper = mountForm('top_branch', async (child) => sent.push(child));

    await wrapper.get('input').setValue('Acme Hosting GmbH');
    await wrapper.get('select').setValue('master_branch');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(sent).toEqual([{ name: 'Acme Hosting GmbH', slug: 'acme-hosting-gmbh', hierarchyType: 'master_branch' }]);
    expect(wrapper.emitted('done')).toHaveLength(1);
  });

  it('aTakenSlug_isShownBesideTheSlugField_andTheFormStaysOpen', async () => {
    const wrapper = mountForm('top_branch', async () => {
      throw new ProblemError({ type: 'conflict', title: 'Conflict', status: 409, detail: 'The slug is taken.', errors: [{ field: 'slug', message: 'is taken' }] });
    });

    await wrapper.get('input').setValue('Acme');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    const slug = wrapper.findAll('input')[1];
    expect(slug?.attributes('aria-invalid')).toBe('true');
    const error = wrapper.get(`#${slug?.attributes('aria-describedby')}`);
    expect(error.text()).toBe('Slug is taken');
    expect(wrapper.findAll('input')[0]?.attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
    expect(wrapper.emitted('done')).toBeUndefined();
  });

  it('aProblemWithoutFields_isShownAsANotice', async () => {
    const wrapper = mountForm('top_branch', async () => {
      throw new ProblemError({ type: 'forbidden', title: 'Forbidden', status: 403, detail: 'Not yours to change.' });
    });

    await wrapper.get('input').setValue('Acme');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('[role=alert]').text()).toContain('Not yours to change.');
  });
});
