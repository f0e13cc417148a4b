import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { http } from '../../shared/http';
import { getAuthConfig, type AuthConfig } from './api';
import * as cognito from './cognito';
import type { CodeDelivery, MfaChallenge, SignUpResult, Tokens } from './cognito';

/** Tokens live in memory and in this tab's sessionStorage only: a closed tab is signed out. */
const STORAGE_KEY = 'console.session';

/** How long before the id token expires it is refreshed. */
export const REFRESH_MARGIN_MS = 60_000;

/** Time as the session sees it: the refresh timer runs on it, so tests can drive it. */
export interface SessionClock {
  now(): number;
  setTimeout(run: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SessionClock = {
  now: () => Date.now(),
  setTimeout: (run, delayMs) => globalThis.setTimeout(run, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

let clock: SessionClock = systemClock;

/** Replaces the clock of session stores created from now on (tests). */
export function setSessionClock(replacement: SessionClock): void {
  clock = replacement;
}

interface Saved {
  tokens: Tokens | null;
  email: string | null;
}

function restore(now: number): Saved {
  try {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (saved) {
      const parsed = JSON.parse(saved) as Saved;
      if (parsed.tokens) {
        const tokens: Tokens = { ...parsed.tokens, refreshToken: parsed.tokens.refreshToken ?? null };
        if (tokens.expiresAt > now || tokens.refreshToken !== null) {
          return { tokens, email: parsed.email };
        }
      }
    }
  } catch {
    // A corrupt entry is a signed-out session.
  }
  return { tokens: null, email: null };
}

/** The session: tokens, their silent refresh, and every Cognito step that leads to them. */
export const useSession = defineStore('session', () => {
  const time = clock;
  const now = (): number => time.now();
  const saved = restore(time.now());
  const tokens = ref<Tokens | null>(saved.tokens);
  const email = ref<string | null>(saved.email);
  /** The MFA step of a sign-in under way, if Cognito asked for one. */
  const challenge = ref<MfaChallenge | null>(null);

  let config: Promise<AuthConfig> | null = null;
  let timer: unknown = null;
  let refreshing: Promise<boolean> | null = null;
  let ended: () => void = () => {};

  const isSignedIn = computed(
    () => tokens.value !== null && (tokens.value.expiresAt > time.now() || tokens.value.refreshToken !== null),
  );
  const idToken = computed(() => (isSignedIn.value ? (tokens.value?.idToken ?? null) : null));

  function authConfig(): Promise<AuthConfig> {
    if (!config) {
      config = getAuthConfig(http).catch((error: unknown) => {
        config = null;
        throw error;
      });
    }
    return config;
  }

  function persist(): void {
    if (tokens.value) {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ tokens: tokens.value, email: email.value }));
    } else {
      sessionStorage.removeItem(STORAGE_KEY);
    }
  }

  function schedule(): void {
    if (timer !== null) {
      time.clearTimeout(timer);
      timer = null;
    }
    const current = tokens.value;
    if (!current?.refreshToken) {
      return;
    }
    const delay = Math.max(0, current.expiresAt - REFRESH_MARGIN_MS - time.now());
    timer = time.setTimeout(() => {
      timer = null;
      void refresh().then((ok) => {
        if (!ok) {
          end();
        }
      });
    }, delay);
  }

  function accept(next: Tokens, who: string): void {
    tokens.value = next;
    email.value = who;
    challenge.value = null;
    persist();
    schedule();
  }

  /**
   * New tokens from the refresh token; false when there is none or Cognito refuses it. Concurrent
   * callers (a timer and a 401 at once) share one request.
   */
  function refresh(): Promise<boolean> {
    const refreshToken = tokens.value?.refreshToken;
    if (!refreshToken) {
      return Promise.resolve(false);
    }
    if (!refreshing) {
      refreshing = (async () => {
        try {
          const renewed = await cognito.refreshTokens(await authConfig(), refreshToken, undefined, now);
          if (tokens.value?.refreshToken !== refreshToken) {
            return false; // signed out (or in again) meanwhile
          }
          accept(renewed, email.value ?? '');
          return true;
        } catch {
          return false;
        } finally {
          refreshing = null;
        }
      })();
    }
    return refreshing;
  }

  function clear(): void {
    if (timer !== null) {
      time.clearTimeout(timer);
      timer = null;
    }
    tokens.value = null;
    email.value = null;
    challenge.value = null;
    sessionStorage.removeItem(STORAGE_KEY);
  }

  /** The session ended without the user asking (a refresh refused): signed out, then told. */
  function end(): void {
    clear();
    ended();
  }

  /** Who to tell when the session ends by itself (main.ts: back to sign-in with the page). */
  function whenEnded(handler: () => void): void {
    ended = handler;
  }

  /** Signs in, or stops at the MFA step Cognito asks for (then see {@link challenge}). */
  async function signIn(who: string, password: string): Promise<'signedIn' | 'challenge'> {
    const outcome = await cognito.initiateAuth(await authConfig(), who, password, undefined, now);
    return settle(outcome, who);
  }

  function settle(outcome: cognito.SignInOutcome, who: string): 'signedIn' | 'challenge' {
    if (outcome.kind === 'signedIn') {
      accept(outcome.tokens, who);
      return 'signedIn';
    }
    challenge.value = outcome.challenge;
    email.value = who;
    return 'challenge';
  }

  function pending(): MfaChallenge {
    if (!challenge.value) {
      throw new cognito.CognitoError('NotAuthorizedException', 'No sign-in is under way');
    }
    return challenge.value;
  }

  async function answerMfa(code: string): Promise<'signedIn' | 'challenge'> {
    const outcome = await cognito.respondToSoftwareTokenMfa(await authConfig(), pending(), code, undefined, now);
    return settle(outcome, email.value ?? '');
  }

  /** The secret of a new authenticator for the MFA_SETUP step. */
  async function startMfaSetup(): Promise<string> {
    const step = pending();
    const associated = await cognito.associateSoftwareToken(await authConfig(), step.session);
    challenge.value = { ...step, session: associated.session };
    return associated.secret;
  }

  async function finishMfaSetup(code: string, deviceName: string): Promise<'signedIn' | 'challenge'> {
    const config = await authConfig();
    const step = pending();
    const verified = await cognito.verifySoftwareToken(config, step.session, code, deviceName);
    const outcome = await cognito.respondToMfaSetup(config, { ...step, session: verified.session }, undefined, now);
    return settle(outcome, email.value ?? '');
  }

  function cancelChallenge(): void {
    challenge.value = null;
  }

  /** Signs out here at once, and revokes the refresh token at Cognito (best effort). */
  function signOut(): void {
    const refreshToken = tokens.value?.refreshToken;
    clear();
    if (refreshToken) {
      void authConfig()
        .then((c) => cognito.revokeToken(c, refreshToken))
        .catch(() => {
          // The tokens are gone from this tab; an unrevoked refresh token expires by itself.
        });
    }
  }

  async function signUp(who: string, password: string): Promise<SignUpResult> {
    return cognito.signUp(await authConfig(), who, password);
  }

  async function confirmSignUp(who: string, code: string): Promise<void> {
    await cognito.confirmSignUp(await authConfig(), who, code);
  }

  async function resendCode(who: string): Promise<CodeDelivery> {
    return cognito.resendConfirmationCode(await authConfig(), who);
  }

  async function forgotPassword(who: string): Promise<CodeDelivery> {
    return cognito.forgotPassword(await authConfig(), who);
  }

  async function resetPassword(who: string, code: string, password: string): Promise<void> {
    await cognito.confirmForgotPassword(await authConfig(), who, code, password);
  }

  schedule();

  return {
    tokens,
    email,
    challenge,
    isSignedIn,
    idToken,
    refresh,
    whenEnded,
    signIn,
    answerMfa,
    startMfaSetup,
    finishMfaSetup,
    cancelChallenge,
    signOut,
    signUp,
    confirmSignUp,
    resendCode,
    forgotPassword,
    resetPassword,
  };
});
