import { defineStore } from 'pinia';
import { http } from '../../shared/http';
import { getAuthConfig } from './api';
import { initiateAuth, type Tokens } from './cognito';

/** Tokens live in memory and in this tab's sessionStorage only: a closed tab is signed out. */
const STORAGE_KEY = 'console.session';

interface SessionState {
  tokens: Tokens | null;
  email: string | null;
}

function restore(): SessionState {
  try {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (saved) {
      const parsed = JSON.parse(saved) as SessionState;
      if (parsed.tokens && parsed.tokens.expiresAt > Date.now()) {
        return parsed;
      }
    }
  } catch {
    // A corrupt entry is a signed-out session.
  }
  return { tokens: null, email: null };
}

export const useSession = defineStore('session', {
  state: restore,
  getters: {
    isSignedIn: (state): boolean => state.tokens !== null && state.tokens.expiresAt > Date.now(),
    idToken(): string | null {
      return this.isSignedIn ? (this.tokens?.idToken ?? null) : null;
    },
  },
  actions: {
    async signIn(email: string, password: string): Promise<void> {
      const config = await getAuthConfig(http);
      const tokens = await initiateAuth(config, email, password);
      this.tokens = tokens;
      this.email = email;
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ tokens, email }));
    },
    signOut(): void {
      this.tokens = null;
      this.email = null;
      sessionStorage.removeItem(STORAGE_KEY);
    },
  },
});
