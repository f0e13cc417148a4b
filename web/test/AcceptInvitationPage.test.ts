import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { installAuthGuard } from '../src/features/auth/guard';
import AcceptInvitationPage from '../src/features/members/AcceptInvitationPage.vue';
import { createConsoleI18n } from '../src/i18n';
import { createConsoleRouter } from '../src/router';

function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

async function mountAt(path: string) {
  const router = createConsoleRouter(createMemoryHistory());
  installAuthGuard(router, () => true);
  await router.push(path);
  const wrapper = mount(AcceptInvitationPage, {
    global: { plugins: [createPinia(), router, createConsoleI18n()] },
  });
  await flushPromises();
  return wrapper;
}

describe('AcceptInvitationPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('acceptsTheTokenOfTheLink_andNamesTheOrganizationJoined', async () => {
    const fetch = vi.fn(async () =>
      json(201, { organization: { id: 'o9', name: 'Beta Labs' }, role: 'admin', permissions: [] }),
    );
    vi.stubGlobal('fetch', fetch);

    const wrapper = await mountAt('/invitations/tok123');

    expect(fetch).toHaveBeenCalledWith('/v1/invitations/tok123/accept', expect.objectContaining({ method: 'POST' }));
    expect(wrapper.get('[role=status]').text()).toBe('You joined Beta Labs as Admin.');
  });

  it('aRefusal_showsTheApisDetail', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json(410, { type: 'https://topgun.dev/problems/invitation-expired', title: 'Gone', status: 410, detail: 'This invitation expired.' }, 'application/problem+json'),
      ),
    );

    const wrapper = await mountAt('/invitations/old');

    expect(wrapper.get('[role=alert]').text()).toContain('This invitation expired.');
  });

  it('signedOut_theGuardSendsTheLinkToSignInWithNextBackToIt', async () => {
    const router = createConsoleRouter(createMemoryHistory());
    installAuthGuard(router, () => false);

    await router.push('/invitations/tok123');

    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query['next']).toBe('/invitations/tok123');
  });
});
