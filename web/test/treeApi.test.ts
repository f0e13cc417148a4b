import { describe, expect, it } from 'vitest';
import { createHttp, ProblemError, type FetchFn } from '../src/shared/http';
import {
  allowedChildTypes,
  createChild,
  deleteOrganization,
  listChildren,
  restoreOrganization,
  updateOrganization,
  type Organization,
} from '../src/features/tree/api';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function org(id: string, hierarchyType: Organization['hierarchyType'] = 'master_branch'): Organization {
  return { id, name: `Org ${id}`, slug: `org-${id}`, hierarchyType, parentId: 'ROOT', status: 'active', createdAt: '2026-01-01T00:00:00Z' };
}

function answering(status: number, body: unknown, contentType = 'application/json') {
  const calls: Call[] = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
  };
  return { calls, http: createHttp({ fetch, idempotencyKey: () => 'key-1' }) };
}

describe('tree api', () => {
  it('allowedChildTypes_areStrictlyBelowTheParent', () => {
    expect(allowedChildTypes('top_branch')).toEqual(['master_branch', 'sub_user', 'end_user']);
    expect(allowedChildTypes('master_branch')).toEqual(['sub_user', 'end_user']);
    expect(allowedChildTypes('sub_user')).toEqual(['end_user']);
    expect(allowedChildTypes('end_user')).toEqual([]);
  });

  it('listChildren_asksForOnePageByLimitAndCursor', async () => {
    const { calls, http } = answering(200, { items: [org('A')], nextCursor: 'next-2' });

    const page = await listChildren(http, 'ROOT', { limit: 25, cursor: 'c/1' });

    expect(calls[0]?.url).toBe('/v1/organizations/ROOT/children?limit=25&cursor=c%2F1');
    expect(calls[0]?.init.method).toBe('GET');
    expect(page.items.map((o) => o.id)).toEqual(['A']);
    expect(page.nextCursor).toBe('next-2');
  });

  it('listChildren_withoutCursor_sendsNoCursor', async () => {
    const { calls, http } = answering(200, { items: [], nextCursor: null });

    await listChildren(http, 'ROOT', { limit: 10 });

    expect(calls[0]?.url).toBe('/v1/organizations/ROOT/children?limit=10');
  });

  it('createChild_postsNameSlugAndType_toTheParentsChildren', async () => {
    const { calls, http } = answering(201, org('NEW'));

    const created = await createChild(http, 'ROOT', { name: 'Acme', slug: 'acme', hierarchyType: 'master_branch' });

    expect(calls[0]?.url).toBe('/v1/organizations/ROOT/children');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ name: 'Acme', slug: 'acme', hierarchyType: 'master_branch' });
    expect(created.id).toBe('NEW');
  });

  it('createChild_aTakenSlug_isAProblemNamingTheSlugField', async () => {
    const { http } = answering(
      409,
      { type: 'https://topgun.dev/problems/conflict', title: 'Conflict', status: 409, detail: 'The slug is taken.', errors: [{ field: 'slug', message: 'is taken' }] },
      'application/problem+json',
    );

    const failure = await createChild(http, 'ROOT', { name: 'Acme', slug: 'acme', hierarchyType: 'master_branch' }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ProblemError);
    expect((failure as ProblemError).fieldError('slug')).toBe('is taken');
  });

  it('updateOrganization_patchesOnlyWhatChanges', async () => {
    const { calls, http } = answering(200, org('A'));

    await updateOrganization(http, 'A', { name: 'Renamed' });

    expect(calls[0]?.url).toBe('/v1/organizations/A');
    expect(calls[0]?.init.method).toBe('PATCH');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ name: 'Renamed' });
  });

  it('deleteOrganization_sendsCascadeOnlyWhenAsked', async () => {
    const { calls, http } = answering(200, org('A'));

    await deleteOrganization(http, 'A');
    await deleteOrganization(http, 'A', true);

    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'DELETE /v1/organizations/A',
      'DELETE /v1/organizations/A?cascade=true',
    ]);
  });

  it('restoreOrganization_postsToRestore', async () => {
    const { calls, http } = answering(200, org('A'));

    await restoreOrganization(http, 'A');

    expect(`${calls[0]?.init.method} ${calls[0]?.url}`).toBe('POST /v1/organizations/A/restore');
  });
});
