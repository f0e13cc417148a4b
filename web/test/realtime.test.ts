import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import {
  createRealtime,
  useRealtimeEvents,
  type RealtimeEvent,
  type SocketLike,
  type Timers,
} from '../src/shared/realtime';

/** A WebSocket the test drives: it opens, answers and drops when told. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closedByClient = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(message: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
}

/** Timers that fire only when the test says so, remembering each delay asked for. */
class ManualTimers implements Timers {
  delays: number[] = [];
  private pending = new Map<number, () => void>();
  private next = 1;
  set(callback: () => void, ms: number): unknown {
    this.delays.push(ms);
    const id = this.next++;
    this.pending.set(id, callback);
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get waiting(): number {
    return this.pending.size;
  }
  fire(): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    all.forEach((callback) => callback());
  }
}

function setUp() {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  const channel = createRealtime({
    url: () => 'ws://console.test/v1/realtime',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    timers,
    initialDelayMs: 1000,
    maxDelayMs: 8000,
    jitter: 0,
  });
  const last = (): FakeSocket => {
    const socket = sockets[sockets.length - 1];
    if (!socket) throw new Error('no socket opened');
    return socket;
  };
  return { sockets, timers, channel, last };
}

function notice(eventType: string, organizationId = 'o1') {
  return {
    type: 'event',
    eventType,
    eventId: `e-${eventType}`,
    organizationId,
    occurredAt: '2026-12-04T10:00:00Z',
    version: 1,
  };
}

describe('realtime', () => {
  it('connects_withTheTokenInTheQuery_andSubscribesTheOrganizationOnceOpen', () => {
    const { channel, last } = setUp();

    channel.subscribe('o1');
    channel.connect(() => 'tok en');
    const socket = last();
    expect(socket.url).toBe('ws://console.test/v1/realtime?token=tok%20en');
    expect(socket.sent).toEqual([]);
    socket.open();

    expect(socket.sent).toEqual([{ action: 'subscribe', organizationId: 'o1' }]);
    expect(channel.status).toBe('open');
  });

  it('anotherOrganization_unsubscribesTheOld_andSubscribesTheNew', () => {
    const { channel, last } = setUp();
    channel.connect(() => 't');
    last().open();
    channel.subscribe('o1');

    channel.subscribe('o2');
    channel.subscribe('o2');

    expect(last().sent).toEqual([
      { action: 'subscribe', organizationId: 'o1' },
      { action: 'unsubscribe', organizationId: 'o1' },
      { action: 'subscribe', organizationId: 'o2' },
    ]);
  });

  it('aDroppedChannel_reconnectsAfterDoublingDelaysUpToTheCap_andResubscribes', () => {
    const { channel, sockets, timers, last } = setUp();
    channel.subscribe('o1');
    channel.connect(() => 't');

    // Five attempts that never open (the token refused, the server away).
    for (let attempt = 0; attempt < 5; attempt++) {
      last().drop();
      expect(channel.status).toBe('reconnecting');
      timers.fire();
    }
    expect(timers.delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(sockets).toHaveLength(6);

    // Once one opens, the organization is subscribed again and the delays start over.
    last().open();
    expect(last().sent).toEqual([{ action: 'subscribe', organizationId: 'o1' }]);
    last().drop();
    expect(timers.delays[timers.delays.length - 1]).toBe(1000);
  });

  it('theJitter_shortensADelayByAtMostItsShare', () => {
    const timers = new ManualTimers();
    const sockets: FakeSocket[] = [];
    const channel = createRealtime({
      url: () => 'ws://console.test/v1/realtime',
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      timers,
      initialDelayMs: 1000,
      jitter: 0.5,
      random: () => 1,
    });
    channel.connect(() => 't');

    sockets[0]?.drop();

    expect(timers.delays).toEqual([500]);
  });

  it('dispatchesEachNotice_toItsTypesHandlers_andToTheWildcards_untilUnsubscribed', () => {
    const { channel, last } = setUp();
    channel.connect(() => 't');
    last().open();
    const renamed: RealtimeEvent[] = [];
    const all: string[] = [];
    const stopRenamed = channel.onEvent('OrganizationUpdated', (e) => renamed.push(e));
    channel.onEvent('*', (e) => all.push(e.eventType));

    last().receive(notice('OrganizationUpdated'));
    last().receive(notice('MemberAdded'));
    last().receive({ type: 'subscribed', organizationId: 'o1' });
    stopRenamed();
    last().receive(notice('OrganizationUpdated'));

    expect(renamed).toEqual([
      {
        eventType: 'OrganizationUpdated',
        eventId: 'e-OrganizationUpdated',
        organizationId: 'o1',
        occurredAt: '2026-12-04T10:00:00Z',
        version: 1,
      },
    ]);
    expect(all).toEqual(['OrganizationUpdated', 'MemberAdded', 'OrganizationUpdated']);
  });

  it('aFailingHandler_doesNotKeepTheOthersFromTheNotice', () => {
    const { channel, last } = setUp();
    channel.connect(() => 't');
    last().open();
    const heard: string[] = [];
    const original = console.error;
    console.error = () => {};
    try {
      channel.onEvent('MemberAdded', () => {
        throw new Error('broken page');
      });
      channel.onEvent('*', (e) => heard.push(e.eventType));

      last().receive(notice('MemberAdded'));
    } finally {
      console.error = original;
    }

    expect(heard).toEqual(['MemberAdded']);
  });

  it('close_closesTheSocket_andNeverReconnects', () => {
    const { channel, sockets, timers, last } = setUp();
    channel.connect(() => 't');
    last().open();
    const socket = last();

    channel.close();
    socket.drop();

    expect(socket.closedByClient).toBe(true);
    expect(timers.waiting).toBe(0);
    expect(sockets).toHaveLength(1);
    expect(channel.status).toBe('closed');
  });

  it('aReconnectWithoutAToken_staysClosed', () => {
    const { channel, sockets, timers, last } = setUp();
    let token: string | null = 't';
    channel.connect(() => token);
    last().drop();
    token = null;

    timers.fire();

    expect(sockets).toHaveLength(1);
    expect(channel.status).toBe('closed');
  });

  it('useRealtimeEvents_stopsListeningWhenItsScopeEnds', () => {
    const { channel, last } = setUp();
    channel.connect(() => 't');
    last().open();
    const heard: string[] = [];
    const scope = effectScope();
    scope.run(() => useRealtimeEvents(['MemberAdded'], (e) => heard.push(e.eventId), channel));

    last().receive(notice('MemberAdded'));
    scope.stop();
    last().receive(notice('MemberAdded'));

    expect(heard).toEqual(['e-MemberAdded']);
  });
});
