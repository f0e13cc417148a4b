import { describe, expect, it, vi } from 'vitest';
import { createHttp, NetworkError, ProblemError, type FetchFn } from '../src/shared/http';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function recordingFetch(answer: () => Response = () => json(200, { ok: true })) {
  const calls: Call[] = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({ url, init });
    return answer();
  };
  return { calls, fetch };
}

function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function header(call: Call | undefined, name: string): string | undefined {
  return (call?.init.headers as Record<string, string> | undefined)?.[name];
}

describe('http', () => {
  it('givenSignedIn_sendsTheIdTokenAsBearer', async () => {
    // given
    const { calls, fetch } = recordingFetch();
    const http = createHttp({ fetch, token: () => 'id-token-1' });

    // when
    await http.get('/v1/me');

    // then
    expect(calls[0]?.url).toBe('/v1/me');
    expect(header(calls[0], 'Authorization')).toBe('Bearer id-token-1');
  });

  it('givenSignedOut_sendsNoAuthorization', async () => {
    const { calls, fetch } = recordingFetch();
    const http = createHttp({ fetch, token: () => null });

    await http.get('/v1/branding/resolve');

    expect(header(calls[0], 'Authorization')).toBeUndefined();
  });

  it('mutations_carryAFreshIdempotencyKey_readsDoNot', async () => {
    // given
    const { calls, fetch } = recordingFetch();
    let n = 0;
    const http = createHttp({ fetch, idempotencyKey: () => `key-${++n}` });

    // when
    await http.get('/v1/things');
    await http.post('/v1/things', { name: 'a' });
    await http.put('/v1/things/1', { name: 'b' });
    await http.patch('/v1/things/1', { name: 'c' });
    await http.delete('/v1/things/1');

    // then
    expect(calls.map((c) => [c.init.method, header(c, 'Idempotency-Key')])).toEqual([
      ['GET', undefined],
      ['POST', 'key-1'],
      ['PUT', 'key-2'],
      ['PATCH', 'key-3'],
      ['DELETE', 'key-4'],
    ]);
    expect(calls[1]?.init.body).toBe('{"name":"a"}');
    expect(header(calls[1], 'Content-Type')).toBe('application/json');
  });

  it('byDefault_theIdempotencyKeyIsARandomUuid', async () => {
    const { calls, fetch } = recordingFetch();
    const http = createHttp({ fetch });

    await http.post('/v1/things', {});
    await http.post('/v1/things', {});

    const keys = calls.map((c) => header(c, 'Idempotency-Key'));
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('problemJson_becomesAProblemErrorWithFieldErrors', async () => {
    // given
    const problem = {
      type: 'https://topgun.dev/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'The request body has 2 invalid fields',
      instance: '/v1/organizations',
      errors: [
        { field: 'name', message: 'must not be blank' },
        { field: 'slug', message: 'is taken' },
      ],
    };
    const { fetch } = recordingFetch(() => json(400, problem, 'application/problem+json'));
    const http = createHttp({ fetch });

    // when
    const failure = await http.post('/v1/organizations', {}).catch((e: unknown) => e);

    // then
    expect(failure).toBeInstanceOf(ProblemError);
    const error = failure as ProblemError;
    expect(error.type).toBe('https://topgun.dev/problems/validation');
    expect(error.title).toBe('Invalid request');
    expect(error.status).toBe(400);
    expect(error.detail).toBe('The request body has 2 invalid fields');
    expect(error.errors).toEqual(problem.errors);
    expect(error.fieldError('slug')).toBe('is taken');
  });

  it('aNonJsonErrorPage_becomesAProblemErrorOfItsStatus', async () => {
    const { fetch } = recordingFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const http = createHttp({ fetch });

    const error = (await http.get('/v1/me').catch((e: unknown) => e)) as ProblemError;

    expect(error).toBeInstanceOf(ProblemError);
    expect(error.status).toBe(502);
    expect(error.type).toBe('about:blank');
    expect(error.errors).toEqual([]);
  });

  it('a401_endsTheSessionThroughOnUnauthorized', async () => {
    const { fetch } = recordingFetch(() =>
      json(401, { type: 'https://topgun.dev/problems/unauthorized', title: 'Unauthorized', status: 401 }, 'application/problem+json'),
    );
    const onUnauthorized = vi.fn();
    const http = createHttp({ fetch, token: () => 'expired', onUnauthorized });

    await expect(http.get('/v1/me')).rejects.toBeInstanceOf(ProblemError);

    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('aFailedConnection_becomesANetworkError', async () => {
    const cause = new TypeError('Failed to fetch');
    const http = createHttp({ fetch: () => Promise.reject(cause) });

    const failure = await http.get('/v1/me').catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as NetworkError).cause).toBe(cause);
  });

  it('parsesJsonAnswers_andQueryParameters', async () => {
    const { calls, fetch } = recordingFetch(() => json(200, { items: [1, 2], nextCursor: null }));
    const http = createHttp({ fetch, baseUrl: 'https://api.example' });

    const page = await http.get<{ items: number[] }>('/v1/list', { query: { limit: 5, cursor: undefined } });

    expect(page.items).toEqual([1, 2]);
    expect(calls[0]?.url).toBe('https://api.example/v1/list?limit=5');
  });

  it('aRawBody_isSentAsItsBytes_withItsOwnContentType', async () => {
    const { calls, fetch } = recordingFetch();
    const http = createHttp({ fetch, idempotencyKey: () => 'k-1' });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

    await http.put('/v1/organizations/o1/branding/logo', undefined, {
      raw: { bytes, contentType: 'image/png' },
    });

    expect(calls[0]?.init.method).toBe('PUT');
    expect(calls[0]?.init.body).toBe(bytes);
    expect(header(calls[0], 'Content-Type')).toBe('image/png');
    expect(header(calls[0], 'Idempotency-Key')).toBe('k-1');
  });
});
