import { describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { installAuthGuard, safeNext } from '../src/features/auth/guard';
import { createConsoleRouter } from '../src/router';

describe('auth guard', () => {
  it('givenSignedOut_aPrivatePageSendsToSignIn_withTheWantedPage', async () => {
    const router = createConsoleRouter(createMemoryHistory());
    installAuthGuard(router, () => false);

    await router.push('/?view=members');

    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query['next']).toBe('/?view=members');
  });

  it('givenSignedIn_thePageOpens', async () => {
    const router = createConsoleRouter(createMemoryHistory());
    installAuthGuard(router, () => true);

    await router.push('/');

    expect(router.currentRoute.value.name).toBe('dashboard');
  });

  it('next_isFollowedOnlyWithinThisOrigin', () => {
    expect(safeNext('/servers?x=1')).toBe('/servers?x=1');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });

  it.each([
    ['//evil.example', 'scheme-relative'],
    ['//evil.example/servers', 'scheme-relative with a path'],
    ['https://evil.example/', 'absolute'],
    ['javascript:alert(1)', 'a script URL'],
    ['/\\evil.example', 'a backslash browsers read as a slash'],
    ['/\tevil', 'a control character URL parsers drop'],
    ['evil.example', 'relative without a slash'],
  ])('next_refuses_%s (%s)', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('next_refusesARepeatedQueryParameter', () => {
    expect(safeNext(['/a', '/b'])).toBe('/');
  });

  it('next_keepsThePathQueryAndFragment_ofThisOrigin', () => {
    expect(safeNext('/organizations/o-1?tab=members#top')).toBe('/organizations/o-1?tab=members#top');
  });
});
