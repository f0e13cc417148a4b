import type { RouteLocationNormalized, Router } from 'vue-router';

export const SIGN_IN = 'sign-in';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
  }
}

/** Where to go after signing in: only a path on this origin, never `//evil.example`. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function signInRoute(wanted: RouteLocationNormalized | string) {
  const next = typeof wanted === 'string' ? wanted : wanted.fullPath;
  return { name: SIGN_IN, query: next === '/' ? {} : { next } };
}

/** Sends anyone not signed in to the sign-in page, remembering the page they wanted. */
export function installAuthGuard(router: Router, isSignedIn: () => boolean): void {
  router.beforeEach((to) => {
    if (!to.meta.public && !isSignedIn()) {
      return signInRoute(to);
    }
    return true;
  });
}
