import type { RouteLocationNormalized, Router } from 'vue-router';

export const SIGN_IN = 'sign-in';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
  }
}

/**
 * Where to go after signing in: only a path on this origin. Refused (the dashboard instead): an
 * absolute URL, a scheme-relative `//evil.example`, `/\evil.example` (browsers read `\` as `/`),
 * and anything with control characters, which URL parsers drop.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) {
    return '/';
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(next) || next.startsWith('//')) {
    return '/';
  }
  const base = 'http://console.invalid';
  try {
    const url = new URL(next, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
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
