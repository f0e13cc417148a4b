import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_MARGIN_MS, setSessionClock, systemClock, useSession, type SessionClock } from '../src/features/auth/useSession';
import { createHttp } from '../src/shared/http';

const COGNITO = 'http://localhost:9229/';
const START = 1_800_000_000_000;

/** Time that moves only when the test says so; due timers run as it passes them. */
class FakeClock implements SessionClock {
  private time = START;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private ids = 0;

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, delayMs: number): unknown {
    this.ids += 1;
    this.timers.push({ at: this.time + delayMs, run, id: this.ids });
    return this.ids;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  pending(): number {
    return this.timers.length;
  }

  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= this.time).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      due.run();
      await flushPromises();
    }
  }
}

interface CognitoCall {
  readonly target: string;
  readonly body: Record<string, unknown>;
}

/** /v1/auth/config and a Cognito answering each call with the next of `answers`. */
function fakeCognito(answers: ((call: CognitoCall) => Response)[]) {
  const calls: CognitoCall[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (url === '/v1/auth/config') {
      return Response.json({ region: 'eu-west-1', userPoolId: 'pool-1', clientId: 'client-1', endpoint: COGNITO });
    }
    if (url === COGNITO) {
      const headers = init.headers as Record<string, string>;
      const call = {
        target: (headers['X-Amz-Target'] ?? '').split('.')[1] ?? '',
        body: JSON.parse(init.body as string) as Record<string, unknown>,
      };
      calls.push(call);
      const answer = answers.shift();
      return answer ? answer(call) : new Response('{}', { status: 500 });
    }
    return new Response('not found', { status: 404 });
  });
  return calls;
}

const tokens = (id: string, expiresInSeconds: number, refresh?: string) => () =>
  Response.json({
    AuthenticationResult: {
      IdToken: id,
      AccessToken: `access-${id}`,
      ExpiresIn: expiresInSeconds,
      ...(refresh ? { RefreshToken: refresh } : {}),
    },
  });
const refused = () => new Response(JSON.stringify({ __type: 'NotAuthorizedException', message: 'Refresh Token has expired' }), { status: 400 });

let clock: FakeClock;

beforeEach(() => {
  sessionStorage.clear();
  clock = new FakeClock();
  setSessionClock(clock);
  setActivePinia(createPinia());
});

afterEach(() => {
  setSessionClock(systemClock);
  vi.unstubAllGlobals();
});

describe('the session refresh', () => {
  it('refreshesTheTokens_aMinuteBeforeTheyExpire_andNotBefore', async () => {
    const calls = fakeCognito([tokens('id-1', 3600, 'refresh-1'), tokens('id-2', 3600)]);
    const session = useSession();
    await session.signIn('ada@example.com', 'pw');

    await clock.advance(3600_000 - REFRESH_MARGIN_MS - 1);
    expect(calls.map((c) => c.target)).toEqual(['InitiateAuth']);

    await clock.advance(1);
    expect(calls[1]?.body).toEqual({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'client-1',
      AuthParameters: { REFRESH_TOKEN: 'refresh-1' },
    });
    expect(session.idToken).toBe('id-2');
    expect(session.tokens?.refreshToken).toBe('refresh-1');
    expect(JSON.parse(sessionStorage.getItem('console.session') ?? '{}').tokens.idToken).toBe('id-2');
    // and the next refresh is due before the new tokens expire
    expect(clock.pending()).toBe(1);
  });

  it('aRefusedRefresh_signsOut_andTellsWhoeverWaitsForTheEnd', async () => {
    fakeCognito([tokens('id-1', 600, 'refresh-1'), refused]);
    const session = useSession();
    const ended = vi.fn();
    session.whenEnded(ended);
    await session.signIn('ada@example.com', 'pw');

    await clock.advance(600_000);

    expect(ended).toHaveBeenCalledTimes(1);
    expect(session.isSignedIn).toBe(false);
    expect(sessionStorage.getItem('console.session')).toBeNull();
  });

  it('signOut_stopsTheTimer_andRevokesTheRefreshToken', async () => {
    const calls = fakeCognito([tokens('id-1', 600, 'refresh-1'), () => Response.json({})]);
    const session = useSession();
    await session.signIn('ada@example.com', 'pw');

    session.signOut();
    await flushPromises();
    await clock.advance(600_000);

    expect(session.isSignedIn).toBe(false);
    expect(clock.pending()).toBe(0);
    expect(calls.map((c) => c.target)).toEqual(['InitiateAuth', 'RevokeToken']);
    expect(calls[1]?.body).toEqual({ ClientId: 'client-1', Token: 'refresh-1' });
  });

  it('aRestoredSessionWithExpiredTokens_refreshesAtOnce', async () => {
    sessionStorage.setItem(
      'console.session',
      JSON.stringify({
        tokens: { idToken: 'old', accessToken: 'a', refreshToken: 'refresh-1', expiresAt: START - 1 },
        email: 'ada@example.com',
      }),
    );
    const calls = fakeCognito([tokens('id-2', 3600)]);
    const session = useSession();

    await clock.advance(0);

    expect(calls.map((c) => c.target)).toEqual(['InitiateAuth']);
    expect(session.idToken).toBe('id-2');
    expect(session.email).toBe('ada@example.com');
  });

  it('aTimerAndA401AtOnce_shareOneRefresh', async () => {
    const calls = fakeCognito([tokens('id-1', 600, 'refresh-1'), tokens('id-2', 600)]);
    const session = useSession();
    await session.signIn('ada@example.com', 'pw');

    const [first, second] = await Promise.all([session.refresh(), session.refresh()]);

    expect([first, second]).toEqual([true, true]);
    expect(calls.filter((c) => c.body['AuthFlow'] === 'REFRESH_TOKEN_AUTH')).toHaveLength(1);
  });
});

describe('a 401 from the API', () => {
  function api(answers: Response[]) {
    const seen: (string | undefined)[] = [];
    const http = createHttp({
      fetch: async (_url, init) => {
        seen.push((init.headers as Record<string, string>)['Authorization']);
        return answers.shift() ?? new Response(null, { status: 500 });
      },
    });
    return { http, seen };
  }
  const unauthorized = () => new Response(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401 }), {
    status: 401,
    headers: { 'Content-Type': 'application/problem+json' },
  });

  it('isRetriedOnce_withTheRefreshedToken', async () => {
    fakeCognito([tokens('id-1', 600, 'refresh-1'), tokens('id-2', 600)]);
    const session = useSession();
    await session.signIn('ada@example.com', 'pw');
    const { http, seen } = api([unauthorized(), Response.json({ fine: true })]);
    const onUnauthorized = vi.fn();
    http.configure({ token: () => session.idToken, refresh: () => session.refresh(), onUnauthorized });

    const answer = await http.get<{ fine: boolean }>('/v1/me');

    expect(answer.fine).toBe(true);
    expect(seen).toEqual(['Bearer id-1', 'Bearer id-2']);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('givenTheRefreshRefused_endsTheSession_withoutAnotherTry', async () => {
    fakeCognito([tokens('id-1', 600, 'refresh-1'), refused]);
    const session = useSession();
    await session.signIn('ada@example.com', 'pw');
    const { http, seen } = api([unauthorized(), Response.json({})]);
    const onUnauthorized = vi.fn(() => session.signOut());
    http.configure({ token: () => session.idToken, refresh: () => session.refresh(), onUnauthorized });

    await expect(http.get('/v1/me')).rejects.toMatchObject({ status: 401 });

    expect(seen).toEqual(['Bearer id-1']);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(session.isSignedIn).toBe(false);
  });

  it('aSecond401AfterARefresh_endsTheSession', async () => {
    fakeCognito([tokens('id-1', 600, 'refresh-1'), tokens('id-2', 600)]);
    const session = useSession();
    await session.signIn('ada@example.com', 'pw');
    const { http, seen } = api([unauthorized(), unauthorized()]);
    const onUnauthorized = vi.fn();
    http.configure({ token: () => session.idToken, refresh: () => session.refresh(), onUnauthorized });

    await expect(http.post('/v1/things', { a: 1 })).rejects.toMatchObject({ status: 401 });

    expect(seen).toEqual(['Bearer id-1', 'Bearer id-2']);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});
