import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Organization } from '../src/features/tree/api';
import { PAGE_SIZE, useTree } from '../src/features/tree/useTree';
import { createHttp, type FetchFn } from '../src/shared/http';

function org(id: string, parentId: string | null, hierarchyType: Organization['hierarchyType'] = 'master_branch'): Organization {
  return { id, name: `Org ${id}`, slug: `org-${id.toLowerCase()}`, hierarchyType, parentId, status: 'active', createdAt: '2026-01-01T00:00:00Z' };
}

/** A fake API answering the children of ROOT in two pages, and recording every request. */
function fakeApi() {
  const requests: string[] = [];
  const fetch: FetchFn = async (url, init) => {
    requests.push(`${init.method} ${url}`);
    const body = (() => {
      if (url.startsWith('/v1/organizations/ROOT/children?') && !url.includes('cursor=')) {
        return { items: [org('A', 'ROOT'), org('B', 'ROOT')], nextCursor: 'page-2' };
      }
      if (url.includes('cursor=page-2')) return { items: [org('C', 'ROOT')], nextCursor: null };
      if (url.startsWith('/v1/organizations/A/children')) return { items: [], nextCursor: null };
      if (url === '/v1/organizations/B' && init.method === 'DELETE') return { ...org('B', 'ROOT'), status: 'deleted' };
      if (url === '/v1/organizations/B/restore') return org('B', 'ROOT');
      return {};
    })();
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { requests, tree: useTree(createHttp({ fetch })) };
}

describe('useTree', () => {
  it('theRoot_isExpandedWithItsFirstPage_andLoadMoreAppendsTheNext', async () => {
    const { requests, tree } = fakeApi();

    tree.setRoot(org('ROOT', null, 'top_branch'));
    await flushPromises();
    expect(tree.node('ROOT')?.childIds).toEqual(['A', 'B']);
    expect(tree.node('ROOT')?.nextCursor).toBe('page-2');

    await tree.loadMore('ROOT');

    expect(tree.node('ROOT')?.childIds).toEqual(['A', 'B', 'C']);
    expect(tree.node('ROOT')?.nextCursor).toBeNull();
    expect(requests).toEqual([
      `GET /v1/organizations/ROOT/children?limit=${PAGE_SIZE}`,
      `GET /v1/organizations/ROOT/children?limit=${PAGE_SIZE}&cursor=page-2`,
    ]);
  });

  it('aChild_loadsItsChildrenOnlyOnItsFirstExpand', async () => {
    const { requests, tree } = fakeApi();
    tree.setRoot(org('ROOT', null, 'top_branch'));
    await flushPromises();

    await tree.toggle('A');
    tree.collapse('A');
    await tree.toggle('A');

    expect(tree.node('A')?.expanded).toBe(true);
    expect(tree.node('A')?.childIds).toEqual([]);
    expect(requests.filter((r) => r.includes('/A/children'))).toHaveLength(1);
  });

  it('deleting_takesTheChildOut_andRestoringPutsItBack', async () => {
    const { tree } = fakeApi();
    tree.setRoot(org('ROOT', null, 'top_branch'));
    await flushPromises();

    await tree.remove('B', false);
    expect(tree.node('ROOT')?.childIds).toEqual(['A']);
    expect(tree.state.deleted.map((o) => o.id)).toEqual(['B']);

    await tree.restore('B');
    expect(tree.node('ROOT')?.childIds).toEqual(['B', 'A']);
    expect(tree.state.deleted).toEqual([]);
  });
});
