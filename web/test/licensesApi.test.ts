import { describe, expect, it } from 'vitest';
import {
  changeLicenseStatus,
  decodeDocument,
  getEntitlements,
  getLicense,
  getLicenseDocument,
  issueLicense,
  issuedBy,
  listAllLicenses,
  remaining,
  toEntitlements,
  toLicense,
  usageRows,
  validateLicense,
} from '../src/features/licenses/api';
import { createHttp, ProblemError, type FetchFn } from '../src/shared/http';

interface Call {
  readonly url: string;
  readonly method: string | undefined;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

function fakeApi(answers: Array<() => Response>) {
  const calls: Call[] = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({
      url,
      method: init.method,
      headers: init.headers as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected call ${init.method} ${url}`);
    return answer();
  };
  let n = 0;
  return { calls, http: createHttp({ fetch, idempotencyKey: () => `key-${++n}` }) };
}

function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

/** A license as the API may write it: empty lists and absent values left out. */
const sparse = {
  id: 'L1',
  organizationId: 'o2',
  key: 'TG-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE',
  licenseType: 'perpetual',
  tier: 'basic',
  issuedAt: '2026-12-01T00:00:00Z',
  graceDays: 14,
  status: 'active',
};

const full = {
  ...sparse,
  licenseType: 'subscription',
  features: ['white_label'],
  limits: { max_users: 5 },
  authorizedDomains: ['*.example.com'],
  expiresAt: '2027-12-01T00:00:00Z',
  graceEndsAt: '2027-12-15T00:00:00Z',
  issuerOrganizationId: 'o1',
};

function base64Url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('licenses api', () => {
  it('aLicenseWithoutItsEmptyLists_readsThemAsEmptyAndItsAbsentValuesAsNull', async () => {
    const { http } = fakeApi([() => json(200, sparse)]);

    const license = await getLicense(http, 'L1');

    expect(license.features).toEqual([]);
    expect(license.limits).toEqual({});
    expect(license.authorizedDomains).toEqual([]);
    expect(license.expiresAt).toBeNull();
    expect(license.graceEndsAt).toBeNull();
    expect(license.issuerOrganizationId).toBeNull();
    expect(license.tier).toBe('basic');
  });

  it('listAllLicenses_followsTheCursor_andAnOmittedItemsListIsEmpty', async () => {
    const { calls, http } = fakeApi([
      () => json(200, { items: [full], nextCursor: 'c2' }),
      () => json(200, { nextCursor: null }),
    ]);

    const licenses = await listAllLicenses(http, 'org/2');

    expect(licenses.map((l) => l.id)).toEqual(['L1']);
    expect(licenses[0]?.features).toEqual(['white_label']);
    expect(calls.map((c) => c.url)).toEqual([
      '/v1/organizations/org%2F2/licenses?limit=100',
      '/v1/organizations/org%2F2/licenses?limit=100&cursor=c2',
    ]);
  });

  it('issueLicense_postsTheTermsWithAnIdempotencyKey', async () => {
    const { calls, http } = fakeApi([() => json(201, full)]);
    const terms = {
      licenseType: 'subscription' as const,
      tier: 'professional' as const,
      features: ['white_label' as const],
      limits: { max_users: 5 },
      authorizedDomains: ['*.example.com'],
      expiresAt: '2027-12-01T00:00:00Z',
      graceDays: 14,
    };

    const license = await issueLicense(http, 'o2', terms);

    expect(license.key).toBe(full.key);
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.url).toBe('/v1/organizations/o2/licenses');
    expect(calls[0]?.body).toEqual(terms);
    expect(calls[0]?.headers['Idempotency-Key']).toBe('key-1');
  });

  it('aRefusedIssue_isAProblemNamingTheFields', async () => {
    const { http } = fakeApi([
      () =>
        json(
          400,
          {
            type: 'https://topgun.dev/problems/validation',
            title: 'Bad Request',
            status: 400,
            errors: [{ field: 'limits.max_users', message: 'must be 0 to 1000000000' }],
          },
          'application/problem+json',
        ),
    ]);

    const refusal = await issueLicense(http, 'o2', { licenseType: 'trial', tier: 'basic' }).catch((e: unknown) => e);

    expect(refusal).toBeInstanceOf(ProblemError);
    expect((refusal as ProblemError).fieldError('limits.max_users')).toBe('must be 0 to 1000000000');
  });

  it('aLimitExceededRefusal_keepsItsCounterAmongTheProblemsExtensions', async () => {
    const { http } = fakeApi([
      () =>
        json(
          409,
          { type: 'https://topgun.dev/problems/limit-exceeded', title: 'Conflict', status: 409, detail: 'The limit of 1 for users is reached (1 in use).', counter: 'users', limit: 1, usage: 1 },
          'application/problem+json',
        ),
    ]);

    const refusal = (await issueLicense(http, 'o3', { licenseType: 'trial', tier: 'basic' }).catch((e: unknown) => e)) as ProblemError;

    expect(refusal.status).toBe(409);
    expect(refusal.extensions).toEqual({ counter: 'users', limit: 1, usage: 1 });
    expect(refusal.errors).toEqual([]);
  });

  it.each(['suspend', 'resume', 'revoke'] as const)('%s_postsToItsRouteWithoutABodyAndAKey', async (action) => {
    const { calls, http } = fakeApi([() => json(200, { ...full, status: action === 'resume' ? 'active' : action === 'suspend' ? 'suspended' : 'revoked' })]);

    const changed = await changeLicenseStatus(http, 'L 1', action);

    expect(calls[0]).toMatchObject({ url: `/v1/licenses/L%201/${action}`, method: 'POST', body: undefined });
    expect(calls[0]?.headers['Idempotency-Key']).toBe('key-1');
    expect(changed.status).not.toBe('');
  });

  it('getLicenseDocument_asksForAJwsAndAnswersItsTextUnparsed', async () => {
    const jws = `${base64Url({ alg: 'EdDSA', kid: 'k1', typ: 'license+jws' })}.${base64Url({ sub: 'o2', tier: 'basic' })}.c2lnbmF0dXJl`;
    const { calls, http } = fakeApi([() => new Response(jws, { status: 200, headers: { 'Content-Type': 'application/jose' } })]);

    const document = await getLicenseDocument(http, 'L1');

    expect(document).toBe(jws);
    expect(calls[0]?.url).toBe('/v1/licenses/L1/document');
    expect(calls[0]?.method).toBe('GET');
    expect(calls[0]?.headers['Accept']).toBe('application/jose');
    expect(calls[0]?.headers['Idempotency-Key']).toBeUndefined();
    expect(decodeDocument(document)).toEqual({
      header: { alg: 'EdDSA', kid: 'k1', typ: 'license+jws' },
      payload: { sub: 'o2', tier: 'basic' },
    });
  });

  it('issuedBy_isThePoolsOrganization_orTheRootForTheOperatorsUnnamedPool', () => {
    const root = { id: 'o1', parentId: null };
    const reseller = { id: 'o2', parentId: 'o1' };
    const fromOperator = toLicense({ ...sparse, issuerOrganizationId: null });
    const fromReseller = toLicense({ ...sparse, issuerOrganizationId: 'o2' });

    expect(issuedBy(fromOperator, root)).toBe(true);
    expect(issuedBy(fromOperator, reseller)).toBe(false);
    expect(issuedBy(fromReseller, reseller)).toBe(true);
    expect(issuedBy(fromReseller, root)).toBe(false);
  });

  it('decodeDocument_isNullForWhatIsNoJws', () => {
    expect(decodeDocument('not-a-jws')).toBeNull();
    expect(decodeDocument('a.b.c')).toBeNull();
  });

  it('entitlementsWithoutLists_readAsEmpty_andTheUnlimitedTreeHasNoRowsNorRemaining', async () => {
    const { calls, http } = fakeApi([() => json(200, { organizationId: 'o1', unlimited: true, status: 'active' })]);

    const entitlements = await getEntitlements(http, 'o1');

    expect(calls[0]?.url).toBe('/v1/organizations/o1/entitlements');
    expect(entitlements.features).toEqual([]);
    expect(entitlements.limits).toEqual({});
    expect(entitlements.usage).toEqual({});
    expect(entitlements.poolOrganizationId).toBeNull();
    expect(usageRows(entitlements)).toEqual([]);
    expect(remaining(entitlements, 'max_users')).toBeNull();
  });

  it('usageRows_pairEachLimitWithItsCounter_inTheLimitsOrder', () => {
    const pool = toEntitlements({
      organizationId: 'o2',
      unlimited: false,
      poolOrganizationId: 'o2',
      status: 'active',
      limits: { max_domains: 5, api_requests_per_minute: 100, max_users: 10 },
      usage: { users: 8 },
    });

    expect(usageRows(pool)).toEqual([
      { limit: 'max_users', max: 10, used: 8 },
      { limit: 'max_domains', max: 5, used: 0 },
      { limit: 'api_requests_per_minute', max: 100, used: null },
    ]);
    expect(remaining(pool, 'max_users')).toBe(2);
    expect(remaining(pool, 'max_domains')).toBe(5);
    expect(remaining(pool, 'max_servers')).toBeNull();
    expect(remaining(pool, 'api_requests_per_minute')).toBe(100);
  });

  it('validateLicense_postsKeyAndDomain_andAnInvalidAnswerHasEmptyLists', async () => {
    const { calls, http } = fakeApi([() => json(200, { valid: false, reason: 'revoked' })]);

    const validation = await validateLicense(http, 'TG-X', 'panel.example.com');

    expect(calls[0]).toMatchObject({ url: '/v1/licenses/validate', method: 'POST', body: { key: 'TG-X', domain: 'panel.example.com' } });
    expect(validation).toEqual({ valid: false, reason: 'revoked', features: [], limits: {}, graceEndsAt: null });
  });
});
