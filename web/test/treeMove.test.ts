import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { moveTargets, type Organization } from '../src/features/tree/api';
import { useTree } from '../src/features/tree/useTree';
import { createHttp, type FetchFn } from '../src/shared/http';

function org(id: string, parentId: string | null, hierarchyType: Organization['hierarchyType'], status = 'active'): Organization {
  return { id, name: `Org ${id}`, slug: `org-${id.toLowerCase()}`, hierarchyType, parentId, status, createdAt: '2026-01-01T00:00:00Z' };
}

const ROOT = org('ROOT', null, 'top_branch');
const R1 = org('R1', 'ROOT', 'master_branch');
const R2 = org('R2', 'ROOT', 'master_branch');
const S1 = org('S1', 'R1', 'sub_user');
const C1 = org('C1', 'S1', 'end_user');

describe('moveTargets', () => {
  it('offersOnlyParentsAboveItsType_outsideItsSubtree_andNotItsCurrentParent', () => {
    const targets = moveTargets(S1, [ROOT, R1, R2, S1, C1], [C1]);

    expect(targets.map((o) => o.id)).toEqual(['ROOT', 'R2']);
  });

  it('aReseller_cannotGoUnderAnotherReseller', () => {
    expect(moveTargets(R1, [ROOT, R1, R2, S1, C1], [S1, C1]).map((o) => o.id)).toEqual([]);
  });
});

describe('useTree.move', () => {
  it('postsTheNewParent_andShowsTheOrganizationUnderIt', async () => {
    const requests: string[] = [];
    const fetch: FetchFn = async (url, init) => {
      requests.push(`${init.method} ${url} ${typeof init.body === 'string' ? init.body : ''}`.trim());
      const body = (() => {
        if (url.startsWith('/v1/organizations/ROOT/children')) return { items: [R1, R2], nextCursor: null };
        if (url.startsWith('/v1/organizations/R1/children')) return { items: [S1], nextCursor: null };
        if (url.startsWith('/v1/organizations/R2/children')) return { items: [], nextCursor: null };
        if (url === '/v1/organizations/S1/move') return { ...S1, parentId: 'R2' };
        return {};
      })();
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const tree = useTree(createHttp({ fetch }));
    tree.setRoot(ROOT);
    await flushPromises();
    await tree.expand('R1');
    await tree.expand('R2');

    await tree.move('S1', 'R2');

    expect(requests).toContain('POST /v1/organizations/S1/move {"newParentId":"R2"}');
    expect(tree.node('R1')?.childIds).toEqual([]);
    expect(tree.node('R2')?.childIds).toEqual(['S1']);
    expect(tree.node('S1')?.org.parentId).toBe('R2');
  });

  it('targets_loadTheTreeAndTheSubtree_andDropInactiveOrganizations', async () => {
    const fetch: FetchFn = async (url) => {
      const body = (() => {
        if (url.startsWith('/v1/organizations/ROOT/children')) return { items: [R1, R2], nextCursor: null };
        if (url.startsWith('/v1/organizations/R1/children')) return { items: [S1], nextCursor: null };
        if (url.startsWith('/v1/organizations/ROOT/descendants?limit=100') && !url.includes('cursor')) {
          return { items: [R1, org('R2', 'ROOT', 'master_branch', 'inactive')], nextCursor: 'n' };
        }
        if (url.includes('cursor=n')) return { items: [S1, C1], nextCursor: null };
        if (url.startsWith('/v1/organizations/S1/descendants')) return { items: [C1] };
        return {};
      })();
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const tree = useTree(createHttp({ fetch }));
    tree.setRoot(ROOT);
    await flushPromises();
    await tree.expand('R1');

    expect((await tree.targets('S1')).map((o) => o.id)).toEqual(['ROOT']);
  });
});
