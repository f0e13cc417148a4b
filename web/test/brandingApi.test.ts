import { describe, expect, it } from 'vitest';
import { claimHostname, listHostnames, putBranding, uploadAsset, verifyHostname } from '../src/features/branding/api';
import { emptyForm, fieldsOf } from '../src/features/branding/useBranding';
import { createHttp, ProblemError, type FetchFn } from '../src/shared/http';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function recording(answer: () => Response) {
  const calls: Call[] = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({ url, init });
    return answer();
  };
  return { calls, http: createHttp({ fetch, idempotencyKey: () => 'k' }) };
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

describe('branding api', () => {
  it('putBranding_sendsTheOwnFieldsAsJson_toTheOrganizationsBranding', async () => {
    const { calls, http } = recording(() => json(200, { own: {}, effective: {}, warnings: [], removed: [] }));
    const form = emptyForm();
    form.platformName = ' Acme Cloud ';
    form.colors.primary = '#112233';

    await putBranding(http, 'org 1', fieldsOf(form));

    expect(calls[0]?.url).toBe('/v1/organizations/org%201/branding');
    expect(calls[0]?.init.method).toBe('PUT');
    const body = JSON.parse(String(calls[0]?.init.body)) as Record<string, unknown>;
    expect(body['platformName']).toBe('Acme Cloud');
    expect(body['shortName']).toBeNull();
    expect(body['colors']).toEqual({
      primary: '#112233',
      secondary: null,
      accent: null,
      background: null,
      surface: null,
      text: null,
      dark: null,
    });
    expect(body['hideOriginBranding']).toBeNull();
  });

  it('fieldsOf_anUntouchedForm_inheritsEverything', () => {
    const fields = fieldsOf(emptyForm());

    expect(Object.values(fields).every((v) => v === null)).toBe(true);
  });

  it('uploadAsset_sendsTheFilesBytes_withItsType', async () => {
    const { calls, http } = recording(() => json(200, { own: {}, effective: {}, warnings: [], removed: [] }));
    const file = new Blob(['<svg/>'], { type: 'image/svg+xml' });

    await uploadAsset(http, 'o1', 'logo-dark', file);

    expect(calls[0]?.url).toBe('/v1/organizations/o1/branding/logo-dark');
    expect(calls[0]?.init.body).toBe(file);
    expect((calls[0]?.init.headers as Record<string, string>)['Content-Type']).toBe('image/svg+xml');
  });

  it('hostnames_areListedClaimedAndVerified_atTheirRoutes', async () => {
    const claim = {
      hostname: 'panel.example.com',
      status: 'pending',
      verification: { type: 'TXT', name: '_domain-verification.panel.example.com', value: 'tok' },
      httpVerification: { url: 'http://panel.example.com/.well-known/domain-verification/tok', body: 'tok' },
      createdAt: '2026-01-01T00:00:00Z',
      verifiedAt: null,
      checkedAt: null,
    };
    const { calls, http } = recording(() => json(200, { items: [claim], nextCursor: null }));

    expect(await listHostnames(http, 'o1')).toEqual([claim]);
    await claimHostname(http, 'o1', 'panel.example.com');
    await verifyHostname(http, 'o1', 'panel.example.com');

    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /v1/organizations/o1/branding/hostnames',
      'POST /v1/organizations/o1/branding/hostnames',
      'POST /v1/organizations/o1/branding/hostnames/panel.example.com/verify',
    ]);
    expect(JSON.parse(String(calls[1]?.init.body))).toEqual({ hostname: 'panel.example.com' });
  });

  it('aNotProvenVerify_throwsTheConflictWithItsDetail', async () => {
    const { http } = recording(() =>
      json(409, { type: 'x:conflict', title: 'Conflict', status: 409, detail: 'hostname not proven' }, 'application/problem+json'),
    );

    const error = await verifyHostname(http, 'o1', 'a.example.test').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).detail).toBe('hostname not proven');
  });

  it('anAnswerLeavingOutEmptyLists_hasEmptyWarningsRemovedAndHostnames', async () => {
    const { http } = recording(() => json(200, { own: {}, effective: {} }));

    const answer = await putBranding(http, 'o1', fieldsOf(emptyForm()));

    expect(answer.warnings).toEqual([]);
    expect(answer.removed).toEqual([]);
    expect(await listHostnames(http, 'o1')).toEqual([]);
  });
});
