import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { useOrganizations } from '../src/features/organizations/useOrganizations';
import { createConsoleRouter } from '../src/router';
import type { Organization } from '../src/features/tree/api';
import OrganizationTreeNode from '../src/features/tree/OrganizationTreeNode.vue';
import { useTree } from '../src/features/tree/useTree';
import { createConsoleI18n } from '../src/i18n';
import { createHttp, type FetchFn } from '../src/shared/http';

function org(id: string, hierarchyType: Organization['hierarchyType'], parentId: string | null = 'ROOT'): Organization {
  return { id, name: `Org ${id}`, slug: `org-${id.toLowerCase()}`, hierarchyType, parentId, status: 'active', createdAt: '2026-01-01T00:00:00Z' };
}

function mountTree(role = 'owner') {
  const organizations = useOrganizations();
  organizations.memberships = [{ organization: org('ROOT', 'top_branch', null), role, permissions: ['organizations:write'] }];
  organizations.select('ROOT');
  const router = createConsoleRouter(createMemoryHistory());
  const requests: string[] = [];
  const fetch: FetchFn = async (url) => {
    requests.push(url);
    const body = url.includes('cursor=next')
      ? { items: [org('C', 'end_user')], nextCursor: null }
      : { items: [org('A', 'master_branch'), org('B', 'end_user')], nextCursor: 'next' };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  const tree = useTree(createHttp({ fetch }));
  tree.setRoot(org('ROOT', 'top_branch', null));
  const wrapper = mount(OrganizationTreeNode, {
    props: { tree, id: 'ROOT', isRoot: true },
    global: { plugins: [createConsoleI18n(), router] },
  });
  return { requests, wrapper, router, organizations };
}

describe('OrganizationTreeNode', () => {
  beforeEach(() => {
    sessionStorage.clear();
    setActivePinia(createPinia());
  });

  it('showsTheFirstPage_andLoadMoreBringsTheNext', async () => {
    const { requests, wrapper } = mountTree();
    await flushPromises();

    const names = () => wrapper.findAll('.tree-node__children .tree-node__name').map((n) => n.text());
    expect(names()).toEqual(['Org A', 'Org B']);

    await wrapper.get('.tree-node__more').trigger('click');
    await flushPromises();

    expect(names()).toEqual(['Org A', 'Org B', 'Org C']);
    expect(wrapper.find('.tree-node__more').exists()).toBe(false);
    expect(requests).toHaveLength(2);
  });

  it('anEndUser_hasNoToggleNorAddChild_andTheRootHasNoDelete', async () => {
    const { wrapper } = mountTree();
    await flushPromises();

    const rows = wrapper.findAll('.tree-node__row');
    const buttons = (i: number) => rows[i]?.findAll('button').map((b) => b.element.textContent) ?? [];
    expect(buttons(0)).toEqual(['▾Collapse Org ROOT', 'Add child under Org ROOT', 'Rename Org ROOT']);
    expect(rows[1]?.get('[aria-expanded]').attributes('aria-expanded')).toBe('false');
    expect(buttons(2)).toEqual(['Open Org B', 'Rename Org B', 'Move Org B', 'Delete Org B']);
  });

  it('open_worksInTheChildWithTheOwnersRights_andGoesToItsDashboard', async () => {
    const { wrapper, router, organizations } = mountTree('owner');
    await flushPromises();

    const open = wrapper.findAll('button').find((b) => b.element.textContent === 'Open Org A');
    await open?.trigger('click');
    await flushPromises();

    expect(organizations.current?.organization.id).toBe('A');
    expect(organizations.current?.permissions).toEqual(['organizations:write']);
    expect(router.currentRoute.value.path).toBe('/');
    expect(JSON.parse(sessionStorage.getItem('console.visited') ?? 'null').organization.id).toBe('A');
  });

  it('aMember_whoseRightsStopAtItsOwnOrganization_isNotOfferedOpen', async () => {
    const { wrapper } = mountTree('member');
    await flushPromises();

    expect(wrapper.findAll('button').map((b) => b.element.textContent)).not.toContain('Open Org A');
  });
});
