import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import MembersPage from '../src/features/members/MembersPage.vue';
import DashboardPage from '../src/features/organizations/DashboardPage.vue';
import { useOrganizations } from '../src/features/organizations/useOrganizations';
import { createConsoleI18n } from '../src/i18n';
import { createHttp } from '../src/shared/http';
import { reapplyBrandOnChange } from '../src/shared/liveBrand';
import { createRealtime, realtime, type Realtime, type SocketLike } from '../src/shared/realtime';
import type { BrandManifest } from '../src/shared/theme';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

class FakeSocket implements SocketLike {
  static last: FakeSocket | null = null;
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
}

/** Opens `channel` on a fake socket and returns a function that pushes one notice down it. */
function openChannel(channel: Realtime): (eventType: string, organizationId?: string) => void {
  channel.connect(() => 'token');
  const socket = FakeSocket.last;
  if (!socket) throw new Error('no socket');
  socket.readyState = 1;
  socket.onopen?.(new Event('open'));
  return (eventType, organizationId = 'o1') =>
    socket.onmessage?.(
      new MessageEvent('message', {
        data: JSON.stringify({ type: 'event', eventType, eventId: 'e', organizationId, occurredAt: '', version: 1 }),
      }),
    );
}

function membership(name: string) {
  return {
    organization: {
      id: 'o1',
      name,
      slug: 'root',
      hierarchyType: 'top_branch' as const,
      parentId: null,
      status: 'active',
      createdAt: '2025-01-01T00:00:00Z',
    },
    role: 'owner',
    permissions: ['members:read'],
  };
}

enableAutoUnmount(afterEach);

describe('live updates', () => {
  beforeEach(() => {
    sessionStorage.clear();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    realtime.close();
    document.head.innerHTML = '';
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('theDashboard_showsTheNameAnotherUserGaveTheOrganization', async () => {
    let name = 'Old Name';
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ items: [membership(name)], nextCursor: null })),
    );
    const pinia = createPinia();
    setActivePinia(pinia);
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: DashboardPage }] });
    await router.push('/');
    const wrapper = mount(DashboardPage, { global: { plugins: [pinia, router, createConsoleI18n()] } });
    await flushPromises();
    expect(wrapper.get('h1').text()).toBe('Old Name');
    const push = openChannel(realtime);

    name = 'New Name';
    push('OrganizationUpdated');
    await flushPromises();

    expect(wrapper.get('h1').text()).toBe('New Name');
  });

  it('theMembersPage_readsTheListAgain_whenAMemberOfItsOrganizationIsAdded_notOfAnother', async () => {
    const members = [{ userId: 'u1', email: 'op@example.test', role: 'owner', permissions: [] }];
    const fetch = vi.fn(async () => json({ items: [...members], nextCursor: null }));
    vi.stubGlobal('fetch', fetch);
    const pinia = createPinia();
    setActivePinia(pinia);
    useOrganizations().memberships = [membership('Root')];
    const wrapper = mount(MembersPage, { global: { plugins: [pinia, createConsoleI18n()] } });
    await flushPromises();
    expect(wrapper.findAll('tbody tr')).toHaveLength(1);
    const push = openChannel(realtime);

    members.push({ userId: 'u2', email: 'new@example.test', role: 'viewer', permissions: [] });
    push('MemberAdded', 'elsewhere');
    await flushPromises();
    expect(wrapper.findAll('tbody tr')).toHaveLength(1);
    push('MemberAdded');
    await flushPromises();

    expect(wrapper.findAll('tbody tr').map((r) => r.find('td').text())).toEqual([
      'op@example.test',
      'new@example.test',
    ]);
  });

  it('aBrandingChanged_putsTheHostsNewBrandOnThePage', async () => {
    const brand = (platformName: string, css: string) =>
      ({ platformName, themeCssUrl: css, favicons: [], faviconIcoUrl: '/f.ico', manifestUrl: '/m' }) as unknown as BrandManifest;
    const http = createHttp({ fetch: async () => json(brand('Renamed Cloud', '/v1/branding/css/new.css')) });
    const channel = createRealtime({ createSocket: (url) => new FakeSocket(url), jitter: 0 });
    const booted: string[] = [];
    const stop = reapplyBrandOnChange(channel, http, (m) => booted.push(m.platformName));
    const push = openChannel(channel);

    push('MemberAdded');
    await flushPromises();
    expect(document.head.querySelector('link[rel=stylesheet]')).toBeNull();
    push('BrandingChanged');
    await flushPromises();

    const sheet = document.head.querySelector('link[rel=stylesheet]');
    expect(sheet?.getAttribute('href')).toBe('/v1/branding/css/new.css');
    expect(document.title).toBe('Renamed Cloud');
    sheet?.dispatchEvent(new Event('load'));
    await flushPromises();
    expect(booted).toEqual(['Renamed Cloud']);
    stop();
    channel.close();
  });
});
