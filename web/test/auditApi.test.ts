import { describe, expect, it } from 'vitest';
import {
  filtersFromQuery,
  filtersToQuery,
  findAudit,
  listAudit,
  matches,
  type AuditEntry,
} from '../src/features/audit/api';
import { fromLocalInput, toLocalInput } from '../src/features/audit/format';
import { createHttp, type FetchFn } from '../src/shared/http';

function fakeApi(answers: Array<() => Response>) {
  const urls: string[] = [];
  const fetch: FetchFn = async (url) => {
    urls.push(url);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected call ${url}`);
    return answer();
  };
  return { urls, http: createHttp({ fetch }) };
}

function page(items: AuditEntry[], nextCursor: string | null): () => Response {
  return () =>
    new Response(JSON.stringify({ items, nextCursor }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
}

function entry(id: string, action: string, at: string, actor = 'u1', target = `x:${id}`): AuditEntry {
  return { id, actor, action, target, at, sourceIp: null, requestId: null, details: {} };
}

describe('audit api', () => {
  it('listAudit_asksForOnePage_withTheLimitAndCursor_andTheIdEncoded', async () => {
    const { urls, http } = fakeApi([page([], 'c2'), page([], null)]);

    const first = await listAudit(http, 'org/1', { limit: 5 });
    await listAudit(http, 'org/1', { limit: 500, cursor: first.nextCursor });

    expect(first.nextCursor).toBe('c2');
    expect(urls).toEqual([
      '/v1/organizations/org%2F1/audit?limit=5',
      '/v1/organizations/org%2F1/audit?limit=100&cursor=c2',
    ]);
  });

  it('filtersFromQuery_keepsTheFiveFilters_andDropsBlanksAndBadTimes', () => {
    const filters = filtersFromQuery({
      actor: ' alice ',
      action: ['member.', 'ignored'],
      target: '',
      from: 'yesterday-ish',
      to: '2026-12-04T10:00:00.000Z',
      limit: '5',
    });

    expect(filters).toEqual({ actor: 'alice', action: 'member.', to: '2026-12-04T10:00:00.000Z' });
    expect(filtersToQuery({ ...filters, target: '  ' })).toEqual({
      actor: 'alice',
      action: 'member.',
      to: '2026-12-04T10:00:00.000Z',
    });
  });

  it('matches_findsPartsOfEachField_anyCase_theActorAlsoByName_andTheTimeRangeInclusive', () => {
    const e = entry('1', 'member.added', '2026-12-04T10:00:00Z', 'sub-9', 'member:sub-7');
    const names = new Map([['sub-9', 'Alice@Example.test']]);

    expect(matches(e, { action: 'MEMBER.' })).toBe(true);
    expect(matches(e, { action: 'organization.' })).toBe(false);
    expect(matches(e, { target: 'sub-7' })).toBe(true);
    expect(matches(e, { actor: 'alice' }, names)).toBe(true);
    expect(matches(e, { actor: 'alice' })).toBe(false);
    expect(matches(e, { actor: 'sub-9' }, names)).toBe(true);
    expect(matches(e, { from: '2026-12-04T10:00:00Z', to: '2026-12-04T10:00:00Z' })).toBe(true);
    expect(matches(e, { from: '2026-12-04T10:00:01Z' })).toBe(false);
    expect(matches(e, { to: '2026-12-04T09:59:59Z' })).toBe(false);
  });

  it('findAudit_withoutFilters_readsExactlyOnePageOfItsSize', async () => {
    const { urls, http } = fakeApi([page([entry('3', 'a.b', '2026-01-03T00:00:00Z')], 'c1')]);

    const found = await findAudit(http, 'o1', {}, { pageSize: 1 });

    expect(found.items.map((e) => e.id)).toEqual(['3']);
    expect(found.nextCursor).toBe('c1');
    expect(urls).toEqual(['/v1/organizations/o1/audit?limit=1']);
  });

  it('findAudit_withFilters_readsOnUntilAPageMatches_andReturnsTheCursorToGoOnFrom', async () => {
    const { urls, http } = fakeApi([
      page([entry('9', 'organization.updated', '2026-01-09T00:00:00Z')], 'c1'),
      page(
        [
          entry('8', 'member.added', '2026-01-08T00:00:00Z'),
          entry('7', 'member.removed', '2026-01-07T00:00:00Z'),
        ],
        'c2',
      ),
    ]);

    const found = await findAudit(http, 'o1', { action: 'member.' }, { pageSize: 2 });

    expect(found.items.map((e) => e.id)).toEqual(['8', '7']);
    expect(found.nextCursor).toBe('c2');
    expect(urls).toEqual([
      '/v1/organizations/o1/audit?limit=2',
      '/v1/organizations/o1/audit?limit=2&cursor=c1',
    ]);
  });

  it('findAudit_stopsAtTheRequestCap_keepingTheCursor', async () => {
    const { urls, http } = fakeApi([
      page([entry('9', 'organization.updated', '2026-01-09T00:00:00Z')], 'c1'),
      page([entry('8', 'organization.updated', '2026-01-08T00:00:00Z')], 'c2'),
    ]);

    const found = await findAudit(http, 'o1', { action: 'member.' }, { maxRequests: 2, cursor: 'c0' });

    expect(found).toEqual({ items: [], nextCursor: 'c2' });
    expect(urls[0]).toBe('/v1/organizations/o1/audit?limit=20&cursor=c0');
    expect(urls).toHaveLength(2);
  });

  it('findAudit_endsAtTheFirstEntryOlderThanFrom_forNothingAfterItCanMatch', async () => {
    const { urls, http } = fakeApi([
      page(
        [
          entry('9', 'member.added', '2026-01-09T00:00:00Z'),
          entry('8', 'member.added', '2026-01-01T00:00:00Z'),
        ],
        'c1',
      ),
    ]);

    const found = await findAudit(http, 'o1', { from: '2026-01-05T00:00:00Z' }, { pageSize: 20 });

    expect(found).toEqual({ items: [expect.objectContaining({ id: '9' })], nextCursor: null });
    expect(urls).toHaveLength(1);
  });

  it('localInputs_roundTripThroughTheUrlsInstant_theEndOfARangeToTheMinutesLastMillisecond', () => {
    const start = fromLocalInput('2026-12-04T10:15', 'start');
    const end = fromLocalInput('2026-12-04T10:15', 'end');

    expect(Date.parse(end) - Date.parse(start)).toBe(59_999);
    expect(toLocalInput(start)).toBe('2026-12-04T10:15');
    expect(fromLocalInput('', 'start')).toBe('');
  });
});
