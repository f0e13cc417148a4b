import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../src/features/auth/api';
import { initiateAuth } from '../src/features/auth/cognito';

const CONFIG: AuthConfig = {
  region: 'eu-west-1',
  userPoolId: 'pool-1',
  clientId: 'client-1',
  endpoint: 'http://localhost:9229/',
};
const NOW = 1_800_000_000_000;

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

function answering(result: Record<string, unknown>) {
  return async () => Response.json({ AuthenticationResult: result });
}

describe('initiateAuth', () => {
  it('givenExpiresIn_theTokensExpireThatManySecondsFromNow', async () => {
    const tokens = await initiateAuth(
      CONFIG,
      'ada@example.com',
      'pw',
      answering({ IdToken: jwt({ exp: 1 }), AccessToken: 'a', ExpiresIn: 3600 }),
      () => NOW,
    );

    expect(tokens.expiresAt).toBe(NOW + 3_600_000);
  });

  it('givenNoExpiresIn_asCognitoLocalAnswers_theTokensExpireAtTheIdTokensExpClaim', async () => {
    const exp = NOW / 1000 + 900;

    const tokens = await initiateAuth(
      CONFIG,
      'ada@example.com',
      'pw',
      answering({ IdToken: jwt({ sub: 'u-1', exp }), AccessToken: 'a' }),
      () => NOW,
    );

    expect(tokens.expiresAt).toBe(exp * 1000);
    expect(Number.isFinite(tokens.expiresAt)).toBe(true);
  });

  it('givenNeitherExpiresInNorAReadableToken_theTokensGetCognitosDefaultHour', async () => {
    const tokens = await initiateAuth(
      CONFIG,
      'ada@example.com',
      'pw',
      answering({ IdToken: 'not-a-jwt', AccessToken: 'a' }),
      () => NOW,
    );

    expect(tokens.expiresAt).toBe(NOW + 3_600_000);
  });
});
