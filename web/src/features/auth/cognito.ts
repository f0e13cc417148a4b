import { NetworkError, type FetchFn } from '../../shared/http';
import type { AuthConfig } from './api';

/**
 * Cognito's own JSON API, called directly: no SDK, no hosted UI. Only what the console needs.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html
 * cognito-local (the local runtime) implements all of these except the MFA_SETUP flow by session
 * (AssociateSoftwareToken / VerifySoftwareToken with a Session) and GlobalSignOut; sign-out
 * revokes the refresh token with RevokeToken, which both implement.
 */

export interface Tokens {
  readonly idToken: string;
  readonly accessToken: string;
  /** Absent only when Cognito gives none (a refresh answer reuses the one it was given). */
  readonly refreshToken: string | null;
  /** Epoch milliseconds after which the id token is no longer accepted. */
  readonly expiresAt: number;
}

/** The input a Cognito refusal is about, so that a form shows it beside that field. */
export type AuthField = 'email' | 'password' | 'code';

/** The operations the console calls, as named in X-Amz-Target. */
export type Operation =
  | 'InitiateAuth'
  | 'RespondToAuthChallenge'
  | 'SignUp'
  | 'ConfirmSignUp'
  | 'ResendConfirmationCode'
  | 'ForgotPassword'
  | 'ConfirmForgotPassword'
  | 'AssociateSoftwareToken'
  | 'VerifySoftwareToken'
  | 'RevokeToken';

/**
 * Cognito said no: `code` is its `__type` (e.g. NotAuthorizedException), `message` its words,
 * `operation` the call refused and `field` the input it is about (null: the whole form).
 */
export class CognitoError extends Error {
  readonly code: string;
  readonly operation: Operation | null;
  readonly field: AuthField | null;

  constructor(code: string, message: string, operation: Operation | null = null) {
    super(message);
    this.name = 'CognitoError';
    this.code = code;
    this.operation = operation;
    this.field = operation ? fieldOf(operation, code) : null;
  }
}

/** Codes the console answers itself; anything else is not a Cognito error of the user's making. */
export const UNSUPPORTED_CHALLENGE = 'UnsupportedChallenge';
export const NOT_CONFIGURED = 'NotConfigured';

const CODE_ERRORS = new Set(['CodeMismatchException', 'ExpiredCodeException', 'EnableSoftwareTokenMFAException']);

/** Which input a refusal is about, per operation: a wrong password at sign-in is not a weak one. */
function fieldOf(operation: Operation, code: string): AuthField | null {
  if (CODE_ERRORS.has(code)) {
    return 'code';
  }
  switch (operation) {
    case 'SignUp':
      if (code === 'UsernameExistsException') return 'email';
      if (code === 'InvalidPasswordException') return 'password';
      return null;
    case 'ConfirmForgotPassword':
      return code === 'InvalidPasswordException' ? 'password' : null;
    case 'ForgotPassword':
    case 'ResendConfirmationCode':
      return code === 'UserNotFoundException' ? 'email' : null;
    default:
      return null;
  }
}

/** Sign-in either ends with tokens or asks for one more step. */
export type SignInOutcome =
  | { readonly kind: 'signedIn'; readonly tokens: Tokens }
  | { readonly kind: 'challenge'; readonly challenge: MfaChallenge };

/** An MFA step Cognito asks for; `session` is the opaque key of the sign-in under way. */
export interface MfaChallenge {
  readonly name: 'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP';
  readonly session: string;
  readonly username: string;
}

/** Where a code was sent, as Cognito says (the address masked: a***@e***). */
export interface CodeDelivery {
  readonly destination: string | null;
  readonly medium: string | null;
}

export interface SignUpResult {
  readonly confirmed: boolean;
  readonly delivery: CodeDelivery;
}

interface AuthenticationResult {
  readonly IdToken: string;
  readonly AccessToken: string;
  readonly RefreshToken?: string;
  /** Seconds; cognito-local leaves it out. */
  readonly ExpiresIn?: number;
}

interface AuthAnswer {
  readonly AuthenticationResult?: AuthenticationResult;
  readonly ChallengeName?: string;
  readonly Session?: string;
  readonly ChallengeParameters?: Readonly<Record<string, string>>;
}

interface DeliveryAnswer {
  readonly CodeDeliveryDetails?: { readonly Destination?: string; readonly DeliveryMedium?: string };
}

export interface CognitoOptions {
  readonly fetchFn?: FetchFn;
  readonly now?: () => number;
}

const defaultFetch: FetchFn = (input, init) => globalThis.fetch(input, init);

export function cognitoUrl(config: AuthConfig): string {
  return config.endpoint ?? `https://cognito-idp.${config.region}.amazonaws.com/`;
}

function clientIdOf(config: AuthConfig): string {
  if (!config.clientId) {
    throw new CognitoError(NOT_CONFIGURED, 'The user pool client is not configured');
  }
  return config.clientId;
}

/** One call of Cognito's JSON API; a refusal becomes a {@link CognitoError}. */
async function call<T>(
  config: AuthConfig,
  operation: Operation,
  body: Record<string, unknown>,
  fetchFn: FetchFn = defaultFetch,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(cognitoUrl(config), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
    });
  } catch (cause) {
    throw new NetworkError(cause);
  }
  const answer: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw errorOf(answer, response.status, operation);
  }
  return answer as T;
}

/** USER_PASSWORD_AUTH: the password goes to Cognito over TLS (the app client allows the flow). */
export async function initiateAuth(
  config: AuthConfig,
  username: string,
  password: string,
  fetchFn: FetchFn = defaultFetch,
  now: () => number = Date.now,
): Promise<SignInOutcome> {
  const answer = await call<AuthAnswer>(
    config,
    'InitiateAuth',
    {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientIdOf(config),
      AuthParameters: { USERNAME: username, PASSWORD: password },
    },
    fetchFn,
  );
  return outcomeOf(answer, username, null, now);
}

/** New id and access tokens for a refresh token (which Cognito keeps; it sends no new one). */
export async function refreshTokens(
  config: AuthConfig,
  refreshToken: string,
  fetchFn: FetchFn = defaultFetch,
  now: () => number = Date.now,
): Promise<Tokens> {
  const answer = await call<AuthAnswer>(
    config,
    'InitiateAuth',
    {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientIdOf(config),
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    },
    fetchFn,
  );
  const outcome = outcomeOf(answer, '', refreshToken, now);
  if (outcome.kind !== 'signedIn') {
    throw new CognitoError(UNSUPPORTED_CHALLENGE, outcome.challenge.name);
  }
  return outcome.tokens;
}

/** Answers the TOTP step with the 6-digit code of the user's authenticator app. */
export async function respondToSoftwareTokenMfa(
  config: AuthConfig,
  challenge: MfaChallenge,
  code: string,
  fetchFn: FetchFn = defaultFetch,
  now: () => number = Date.now,
): Promise<SignInOutcome> {
  const answer = await call<AuthAnswer>(
    config,
    'RespondToAuthChallenge',
    {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: clientIdOf(config),
      Session: challenge.session,
      ChallengeResponses: { USERNAME: challenge.username, SOFTWARE_TOKEN_MFA_CODE: code },
    },
    fetchFn,
  );
  return outcomeOf(answer, challenge.username, null, now);
}

/** Ends the MFA_SETUP step once the new authenticator is verified (with the session it gave). */
export async function respondToMfaSetup(
  config: AuthConfig,
  challenge: MfaChallenge,
  fetchFn: FetchFn = defaultFetch,
  now: () => number = Date.now,
): Promise<SignInOutcome> {
  const answer = await call<AuthAnswer>(
    config,
    'RespondToAuthChallenge',
    {
      ChallengeName: 'MFA_SETUP',
      ClientId: clientIdOf(config),
      Session: challenge.session,
      ChallengeResponses: { USERNAME: challenge.username },
    },
    fetchFn,
  );
  return outcomeOf(answer, challenge.username, null, now);
}

/** A new TOTP secret for the sign-in under way; the session moves on with it. */
export async function associateSoftwareToken(
  config: AuthConfig,
  session: string,
  fetchFn: FetchFn = defaultFetch,
): Promise<{ readonly secret: string; readonly session: string }> {
  const answer = await call<{ SecretCode: string; Session?: string }>(
    config,
    'AssociateSoftwareToken',
    { Session: session },
    fetchFn,
  );
  return { secret: answer.SecretCode, session: answer.Session ?? session };
}

/** Proves the authenticator app holds the secret: its current code. */
export async function verifySoftwareToken(
  config: AuthConfig,
  session: string,
  code: string,
  friendlyName: string,
  fetchFn: FetchFn = defaultFetch,
): Promise<{ readonly session: string }> {
  const answer = await call<{ Status?: string; Session?: string }>(
    config,
    'VerifySoftwareToken',
    { Session: session, UserCode: code, FriendlyDeviceName: friendlyName },
    fetchFn,
  );
  if (answer.Status !== undefined && answer.Status !== 'SUCCESS') {
    throw new CognitoError('CodeMismatchException', answer.Status, 'VerifySoftwareToken');
  }
  return { session: answer.Session ?? session };
}

export async function signUp(
  config: AuthConfig,
  email: string,
  password: string,
  fetchFn: FetchFn = defaultFetch,
): Promise<SignUpResult> {
  const answer = await call<DeliveryAnswer & { UserConfirmed?: boolean }>(
    config,
    'SignUp',
    {
      ClientId: clientIdOf(config),
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    },
    fetchFn,
  );
  return { confirmed: answer.UserConfirmed === true, delivery: deliveryOf(answer) };
}

export async function confirmSignUp(
  config: AuthConfig,
  email: string,
  code: string,
  fetchFn: FetchFn = defaultFetch,
): Promise<void> {
  await call(config, 'ConfirmSignUp', { ClientId: clientIdOf(config), Username: email, ConfirmationCode: code }, fetchFn);
}

export async function resendConfirmationCode(
  config: AuthConfig,
  email: string,
  fetchFn: FetchFn = defaultFetch,
): Promise<CodeDelivery> {
  return deliveryOf(
    await call<DeliveryAnswer>(config, 'ResendConfirmationCode', { ClientId: clientIdOf(config), Username: email }, fetchFn),
  );
}

export async function forgotPassword(
  config: AuthConfig,
  email: string,
  fetchFn: FetchFn = defaultFetch,
): Promise<CodeDelivery> {
  return deliveryOf(
    await call<DeliveryAnswer>(config, 'ForgotPassword', { ClientId: clientIdOf(config), Username: email }, fetchFn),
  );
}

export async function confirmForgotPassword(
  config: AuthConfig,
  email: string,
  code: string,
  password: string,
  fetchFn: FetchFn = defaultFetch,
): Promise<void> {
  await call(
    config,
    'ConfirmForgotPassword',
    { ClientId: clientIdOf(config), Username: email, ConfirmationCode: code, Password: password },
    fetchFn,
  );
}

/** Revokes a refresh token (and the tokens it issued): the sign-out that outlives this tab. */
export async function revokeToken(config: AuthConfig, refreshToken: string, fetchFn: FetchFn = defaultFetch): Promise<void> {
  await call(config, 'RevokeToken', { ClientId: clientIdOf(config), Token: refreshToken }, fetchFn);
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}`;
}

function outcomeOf(answer: AuthAnswer, username: string, refreshToken: string | null, now: () => number): SignInOutcome {
  const result = answer.AuthenticationResult;
  if (result) {
    return {
      kind: 'signedIn',
      tokens: {
        idToken: result.IdToken,
        accessToken: result.AccessToken,
        refreshToken: result.RefreshToken ?? refreshToken,
        expiresAt: expiresAt(result.IdToken, result.ExpiresIn, now()),
      },
    };
  }
  const name = answer.ChallengeName;
  if ((name === 'SOFTWARE_TOKEN_MFA' || name === 'MFA_SETUP') && answer.Session) {
    const id = answer.ChallengeParameters?.['USER_ID_FOR_SRP'];
    return { kind: 'challenge', challenge: { name, session: answer.Session, username: id ?? username } };
  }
  throw new CognitoError(UNSUPPORTED_CHALLENGE, name ?? 'unknown');
}

function deliveryOf(answer: DeliveryAnswer): CodeDelivery {
  return {
    destination: answer.CodeDeliveryDetails?.Destination ?? null,
    medium: answer.CodeDeliveryDetails?.DeliveryMedium ?? null,
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

function errorOf(body: unknown, status: number, operation: Operation): CognitoError {
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
  return new CognitoError(code, message, operation);
}
