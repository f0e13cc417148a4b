import { NetworkError, type FetchFn } from '../../shared/http';
import type { AuthConfig } from './api';

/**
 * Cognito's own JSON API, called directly: no SDK, no hosted UI. Only what the console needs.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
 */

export interface Tokens {
  readonly idToken: string;
  readonly accessToken: string;
  /** Epoch milliseconds after which the id token is no longer accepted. */
  readonly expiresAt: number;
}

/** Cognito said no: `code` is its `__type` (e.g. NotAuthorizedException), `message` its words. */
export class CognitoError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'CognitoError';
    this.code = code;
  }
}

/** Codes the console answers itself; anything else is not a Cognito error of the user's making. */
export const UNSUPPORTED_CHALLENGE = 'UnsupportedChallenge';
export const NOT_CONFIGURED = 'NotConfigured';

interface InitiateAuthAnswer {
  readonly AuthenticationResult?: {
    readonly IdToken: string;
    readonly AccessToken: string;
    /** Seconds; cognito-local leaves it out. */
    readonly ExpiresIn?: number;
  };
  readonly ChallengeName?: string;
}

export function cognitoUrl(config: AuthConfig): string {
  return config.endpoint ?? `https://cognito-idp.${config.region}.amazonaws.com/`;
}

export async function initiateAuth(
  config: AuthConfig,
  username: string,
  password: string,
  fetchFn: FetchFn = (input, init) => globalThis.fetch(input, init),
  now: () => number = Date.now,
): Promise<Tokens> {
  if (!config.clientId) {
    throw new CognitoError(NOT_CONFIGURED, 'The user pool client is not configured');
  }
  let response: Response;
  try {
    response = await fetchFn(cognitoUrl(config), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: config.clientId,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    });
  } catch (cause) {
    throw new NetworkError(cause);
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw errorOf(body, response.status);
  }
  const answer = body as InitiateAuthAnswer;
  const result = answer.AuthenticationResult;
  if (!result) {
    throw new CognitoError(UNSUPPORTED_CHALLENGE, answer.ChallengeName ?? 'unknown');
  }
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    expiresAt: expiresAt(result.IdToken, result.ExpiresIn, now()),
  };
}

/** Cognito's default ID token validity, for an answer that says nothing of it. */
const DEFAULT_VALIDITY_SECONDS = 3600;

/**
 * When the ID token stops being accepted: `ExpiresIn` from now when Cognito gives it (it counts
 * from the server's clock, so this is immune to a skewed local one), else the token's own `exp`
 * claim (cognito-local answers without `ExpiresIn`), else Cognito's default validity.
 */
function expiresAt(idToken: string, expiresIn: number | undefined, now: number): number {
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn)) {
    return now + expiresIn * 1000;
  }
  const exp = expClaim(idToken);
  return exp !== null ? exp * 1000 : now + DEFAULT_VALIDITY_SECONDS * 1000;
}

/** The `exp` claim (epoch seconds) of a JWT, read without verifying it; null if unreadable. */
function expClaim(jwt: string): number | null {
  const payload = jwt.split('.')[1];
  if (!payload) {
    return null;
  }
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    const exp = typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>)['exp'] : null;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : null;
  } catch {
    return null;
  }
}

function errorOf(body: unknown, status: number): CognitoError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const type = typeof record['__type'] === 'string' ? record['__type'] : `HTTP ${status}`;
  // Some endpoints qualify the type: "com.amazonaws.cognito...#NotAuthorizedException".
  const code = type.slice(type.lastIndexOf('#') + 1);
  const message =
    typeof record['message'] === 'string'
      ? record['message']
      : typeof record['Message'] === 'string'
        ? record['Message']
        : code;
  return new CognitoError(code, message);
}
