import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Organization } from '../src/features/tree/api';
import OrganizationDeleteConfirm from '../src/features/tree/OrganizationDeleteConfirm.vue';
import { createConsoleI18n } from '../src/i18n';
import { ProblemError } from '../src/shared/http';

const org: Organization = { id: 'A', name: 'Acme', slug: 'acme', hierarchyType: 'master_branch', parentId: 'ROOT', status: 'active', createdAt: '2026-01-01T00:00:00Z' };

function mountConfirm(hasChildren: boolean, submit: (cascade: boolean) => Promise<unknown>) {
  return mount(OrganizationDeleteConfirm, {
    props: { org, hasChildren, submit },
    global: { plugins: [createConsoleI18n()] },
  });
}

describe('OrganizationDeleteConfirm', () => {
  it('withoutKnownChildren_offersNoCascade_andDeletesPlainly', async () => {
    const sent: boolean[] = [];
    const wrapper = mountConfirm(false, async (cascade) => sent.push(cascade));

    expect(wrapper.find('input[type=checkbox]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(sent).toEqual([false]);
    expect(wrapper.emitted('done')).toHaveLength(1);
  });

  it('refusedForChildren_offersTheCascade_andSendsItWhenTicked', async () => {
    const sent: boolean[] = [];
    const wrapper = mountConfirm(false, async (cascade) => {
      sent.push(cascade);
      if (!cascade) throw new ProblemError({ type: 'conflict', title: 'Conflict', status: 409, detail: 'has children' });
    });

    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[role=alert]').text()).toBe('It still has child organizations: tick the box to delete them too.');
    expect(wrapper.emitted('done')).toBeUndefined();

    await wrapper.get('input[type=checkbox]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(sent).toEqual([false, true]);
    expect(wrapper.emitted('done')).toHaveLength(1);
  });
});
