import { describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  changeMemberRole,
  inviteMember,
  listAllMembers,
  removeMember,
} from '../src/features/members/api';
import { createHttp, ProblemError, type FetchFn } from '../src/shared/http';

interface Call {
  readonly url: string;
  readonly method: string | undefined;
  readonly body: unknown;
}

function fakeApi(answers: Array<() => Response>) {
  const calls: Call[] = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({
      url,
      method: init.method,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected call ${init.method} ${url}`);
    return answer();
  };
  return { calls, http: createHttp({ fetch }) };
}

function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

const owner = { userId: 'u1', email: 'op@example.test', role: 'owner', permissions: [] };
const viewer = { userId: 'u 2', email: null, role: 'viewer', permissions: ['billing:read'] };

describe('members api', () => {
  it('listAllMembers_followsTheCursorUntilTheLastPage', async () => {
    const { calls, http } = fakeApi([
      () => json(200, { items: [owner], nextCursor: 'c2' }),
      () => json(200, { items: [viewer], nextCursor: null }),
    ]);

    const members = await listAllMembers(http, 'org/1');

    expect(members).toEqual([owner, viewer]);
    expect(calls.map((c) => c.url)).toEqual([
      '/v1/organizations/org%2F1/members?limit=100',
      '/v1/organizations/org%2F1/members?limit=100&cursor=c2',
    ]);
  });

  it('changeMemberRole_patchesOnlyTheRole', async () => {
    const { calls, http } = fakeApi([() => json(200, { ...viewer, role: 'admin' })]);

    const changed = await changeMemberRole(http, 'o1', 'u 2', 'admin');

    expect(changed.role).toBe('admin');
    expect(calls[0]).toEqual({ url: '/v1/organizations/o1/members/u%202', method: 'PATCH', body: { role: 'admin' } });
  });

  it('removeMember_deletesAndReadsTheEmptyAnswer', async () => {
    const { calls, http } = fakeApi([() => new Response(null, { status: 204 })]);

    await expect(removeMember(http, 'o1', 'u1')).resolves.toBeUndefined();
    expect(calls[0]?.method).toBe('DELETE');
    expect(calls[0]?.url).toBe('/v1/organizations/o1/members/u1');
  });

  it('removingTheLastOwner_isAProblemCarryingTheApisDetail', async () => {
    const { http } = fakeApi([
      () =>
        json(
          409,
          { type: 'https://topgun.dev/problems/last-owner', title: 'Conflict', status: 409, detail: 'The last owner stays' },
          'application/problem+json',
        ),
    ]);

    const refusal = await removeMember(http, 'o1', 'u1').catch((e: unknown) => e);

    expect(refusal).toBeInstanceOf(ProblemError);
    expect((refusal as ProblemError).detail).toBe('The last owner stays');
  });

  it('inviteMember_postsEmailAndRole', async () => {
    const invitation = { id: 'i1', organizationId: 'o1', email: 'new@example.test', role: 'member', permissions: [], status: 'pending', expiresAt: '2026-12-11T00:00:00Z' };
    const { calls, http } = fakeApi([() => json(201, invitation)]);

    const sent = await inviteMember(http, 'o1', 'new@example.test', 'member');

    expect(sent).toEqual(invitation);
    expect(calls[0]).toEqual({
      url: '/v1/organizations/o1/invitations',
      method: 'POST',
      body: { email: 'new@example.test', role: 'member' },
    });
  });

  it('acceptInvitation_postsToTheTokensAcceptRouteWithoutABody', async () => {
    const joined = { organization: { id: 'o1', name: 'Acme' }, role: 'member', permissions: [] };
    const { calls, http } = fakeApi([() => json(201, joined)]);

    const answer = await acceptInvitation(http, 'tok/en');

    expect(answer.organization.name).toBe('Acme');
    expect(calls[0]).toEqual({ url: '/v1/invitations/tok%2Fen/accept', method: 'POST', body: undefined });
  });
});
