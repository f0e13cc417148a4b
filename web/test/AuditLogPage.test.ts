import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { AuditEntry } from '../src/features/audit/api';
import AuditLogPage from '../src/features/audit/AuditLogPage.vue';
import { useOrganizations } from '../src/features/organizations/useOrganizations';
import { createConsoleI18n } from '../src/i18n';
import { realtime } from '../src/shared/realtime';

function json(status: number, body: unknown): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const root = {
  organization: {
    id: 'o1',
    name: 'Root Org',
    slug: 'root',
    hierarchyType: 'top_branch' as const,
    parentId: null,
    status: 'active',
    createdAt: '2025-01-01T00:00:00Z',
  },
  role: 'owner',
  permissions: ['audit:read', 'members:read'],
};

function entry(id: string, action: string, actor = 'u1'): AuditEntry {
  return {
    id,
    actor,
    action,
    target: `organization:${id}`,
    at: `2026-01-0${id}T10:00:00Z`,
    sourceIp: null,
    requestId: null,
    details: action === 'organization.updated' ? { name: `Name ${id}` } : {},
  };
}

/** The audit answers in order (members are answered apart, always the same). */
function stubApi(audit: Array<() => Response>) {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.startsWith('/v1/organizations/o1/members')) {
        return json(200, { items: [{ userId: 'u1', email: 'op@example.test', role: 'owner', permissions: [] }], nextCursor: null });
      }
      urls.push(url);
      const answer = audit.shift();
      if (!answer) throw new Error(`unexpected ${url}`);
      return answer();
    }),
  );
  return urls;
}

async function mountAt(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useOrganizations().memberships = [root];
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/audit', component: AuditLogPage },
      { path: '/', component: defineComponent({ template: '<div />' }) },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(AuditLogPage, { global: { plugins: [pinia, router, createConsoleI18n()] } });
  await flushPromises();
  return { wrapper, router };
}

function actions(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper']): string[] {
  return wrapper.findAll('tbody tr').map((row) => row.findAll('td')[2]?.text() ?? '');
}

class FakeSocket {
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

// A page left mounted would go on hearing the shared channel's notices in the next test.
enableAutoUnmount(afterEach);

describe('AuditLogPage', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    realtime.close();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('theUrlsFilters_fillTheForm_andOnlyMatchingEntriesShow_withActorsByEmail', async () => {
    const urls = stubApi([
      () => json(200, { items: [entry('3', 'member.added'), entry('2', 'organization.updated')], nextCursor: null }),
    ]);

    const { wrapper } = await mountAt('/audit?action=member.');

    expect((wrapper.get('input[name="action"]').element as HTMLInputElement).value).toBe('member.');
    expect(actions(wrapper)).toEqual(['member.added']);
    expect(wrapper.get('tbody tr').text()).toContain('op@example.test');
    expect(urls).toEqual(['/v1/organizations/o1/audit?limit=20']);
  });

  it('applyingTheForm_putsTheFiltersInTheUrl', async () => {
    stubApi([
      () => json(200, { items: [], nextCursor: null }),
      () => json(200, { items: [entry('2', 'organization.updated')], nextCursor: null }),
    ]);
    const { wrapper, router } = await mountAt('/audit');
    expect(wrapper.text()).toContain('Nothing has been recorded yet.');

    await wrapper.get('input[name="target"]').setValue('organization:2');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(router.currentRoute.value.fullPath).toBe('/audit?target=organization:2');
    expect(actions(wrapper)).toEqual(['organization.updated']);
  });

  it('loadMore_appendsTheNextPageFromTheCursor_thenDisappearsAtTheEnd', async () => {
    const urls = stubApi([
      () => json(200, { items: [entry('3', 'a.x'), entry('2', 'a.y')], nextCursor: 'c1' }),
      () => json(200, { items: [entry('1', 'a.z')], nextCursor: null }),
    ]);
    const { wrapper } = await mountAt('/audit?limit=2');

    await wrapper.get('button.button:not([type="submit"])').trigger('click');
    await flushPromises();

    expect(actions(wrapper)).toEqual(['a.x', 'a.y', 'a.z']);
    expect(urls[1]).toBe('/v1/organizations/o1/audit?limit=2&cursor=c1');
    expect(wrapper.findAll('button').map((b) => b.text())).not.toContain('Load more');
  });

  it('aFailedLoad_offersARetry_thatShowsTheEntries', async () => {
    stubApi([
      () => json(503, { type: 'about:blank', title: 'Unavailable', status: 503 }),
      () => json(200, { items: [entry('1', 'member.added')], nextCursor: null }),
    ]);
    const { wrapper } = await mountAt('/audit');
    expect(wrapper.get('[role="alert"]').text()).toContain('Unavailable');

    await wrapper.get('[role="alert"] button').trigger('click');
    await flushPromises();

    expect(actions(wrapper)).toEqual(['member.added']);
  });

  it('aPushedNotice_prependsTheNewEntry_withoutReadingTheLogAgainFromScratch', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const urls = stubApi([
      () => json(200, { items: [entry('1', 'member.added')], nextCursor: null }),
      () => json(200, { items: [entry('2', 'organization.updated'), entry('1', 'member.added')], nextCursor: null }),
    ]);
    const { wrapper } = await mountAt('/audit');
    realtime.connect(() => 'token');
    const socket = FakeSocket.last;
    if (!socket) throw new Error('no socket');
    socket.readyState = 1;
    socket.onopen?.(new Event('open'));

    socket.onmessage?.(
      new MessageEvent('message', {
        data: JSON.stringify({
          type: 'event',
          eventType: 'OrganizationUpdated',
          eventId: 'e1',
          organizationId: 'o1',
          occurredAt: '2026-01-02T10:00:00Z',
          version: 1,
        }),
      }),
    );
    await flushPromises();

    expect(actions(wrapper)).toEqual(['organization.updated', 'member.added']);
    expect(urls).toEqual([
      '/v1/organizations/o1/audit?limit=20',
      '/v1/organizations/o1/audit?limit=20',
    ]);
  });
});
