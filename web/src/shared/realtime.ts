/**
 * The console's one live channel: a WebSocket to the platform's `/v1/realtime` (functions/platform
 * RealtimeRoutes). The browser cannot set headers on a WebSocket, so the sign-in token goes in the
 * query (`?token=`); after it opens, the client sends `{"action":"subscribe","organizationId":…}`
 * for the organization the console works in and is pushed a short notice of every committed event
 * about it or its descendants: `{"type":"event","eventType":"OrganizationUpdated","eventId",
 * "organizationId","occurredAt","version"}` — never the event's data; a page reads what changed
 * through the API. Other messages: `subscribed`, `unsubscribed`, `subscription_refused`,
 * `subscription_closed` (access revoked; the server then closes the connection) and `error`.
 *
 * A dropped connection is opened again after a growing delay (1 s, 2 s, 4 s… capped at 30 s, with
 * jitter) and the current organization subscribed again; signing out closes it for good.
 */

import { getCurrentScope, onScopeDispose } from 'vue';

/** A pushed notice of an event (RealtimeService.Notice). */
export interface RealtimeEvent {
  readonly eventType: string;
  readonly eventId: string;
  readonly organizationId: string;
  readonly occurredAt: string;
  readonly version: number;
}

export type RealtimeHandler = (event: RealtimeEvent) => void;

export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The part of the browser's WebSocket the client uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface RealtimeOptions {
  /** The channel's URL without the token; by default `/v1/realtime` on the page's own host. */
  readonly url?: () => string;
  readonly createSocket?: (url: string) => SocketLike;
  readonly timers?: Timers;
  /** First reconnect delay; doubled on each failed attempt up to {@link maxDelayMs}. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** 0..1, the share of each delay drawn at random (0 in tests). */
  readonly jitter?: number;
  readonly random?: () => number;
}

export interface Realtime {
  /** Opens the channel with this token (again, if the token changed). */
  connect(token: () => string | null): void;
  /** The organization to hear about (null: none); the previous one is unsubscribed. */
  subscribe(organizationId: string | null): void;
  /** Closes the channel and stops reconnecting (sign-out). */
  close(): void;
  /** Calls `handler` for every notice of `type` (`'*'`: all); returns the unsubscribe. */
  onEvent(type: string, handler: RealtimeHandler): () => void;
  /** Calls `listener` whenever the status changes; returns the unsubscribe. */
  onStatus(listener: (status: RealtimeStatus) => void): () => void;
  readonly status: RealtimeStatus;
  /** Consecutive failed attempts since the channel was last open. */
  readonly attempts: number;
}

const OPEN = 1;
const CONNECTING = 0;

function defaultUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/v1/realtime`;
}

const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function noticeOf(message: Record<string, unknown>): RealtimeEvent | null {
  const { eventType, eventId, organizationId, occurredAt, version } = message;
  if (typeof eventType !== 'string' || typeof organizationId !== 'string') return null;
  return {
    eventType,
    eventId: typeof eventId === 'string' ? eventId : '',
    organizationId,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : '',
    version: typeof version === 'number' ? version : 1,
  };
}

export function createRealtime(options: RealtimeOptions = {}): Realtime {
  const url = options.url ?? defaultUrl;
  const createSocket = options.createSocket ?? ((u: string) => new WebSocket(u) as SocketLike);
  const timers = options.timers ?? browserTimers;
  const initialDelay = options.initialDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const jitter = options.jitter ?? 0.3;
  const random = options.random ?? Math.random;

  const handlers = new Map<string, Set<RealtimeHandler>>();
  const statusListeners = new Set<(status: RealtimeStatus) => void>();
  let token: (() => string | null) | null = null;
  let socket: SocketLike | null = null;
  let organizationId: string | null = null;
  let retry: unknown = null;
  let attempts = 0;
  let status: RealtimeStatus = 'idle';

  function setStatus(next: RealtimeStatus): void {
    if (status === next) return;
    status = next;
    statusListeners.forEach((listener) => listener(next));
  }

  function send(message: Record<string, string>): void {
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  function dispatch(event: RealtimeEvent): void {
    for (const key of [event.eventType, '*']) {
      for (const handler of [...(handlers.get(key) ?? [])]) {
        try {
          handler(event);
        } catch (error) {
          // One page's failing handler must not keep the others from hearing the event.
          console.error('realtime handler failed', error);
        }
      }
    }
  }

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!isRecord(message)) return;
    if (message['type'] === 'event') {
      const notice = noticeOf(message);
      if (notice) dispatch(notice);
    }
  }

  function delay(): number {
    const base = Math.min(maxDelay, initialDelay * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (1 - jitter * random()));
  }

  function scheduleReconnect(): void {
    if (token === null || retry !== null) return;
    attempts++;
    setStatus('reconnecting');
    retry = timers.set(() => {
      retry = null;
      open();
    }, delay());
  }

  function detach(old: SocketLike): void {
    old.onopen = null;
    old.onmessage = null;
    old.onclose = null;
    old.onerror = null;
    if (old.readyState === OPEN || old.readyState === CONNECTING) old.close(1000, 'closed by the console');
  }

  function open(): void {
    const bearer = token?.() ?? null;
    if (bearer === null) {
      // Signed out meanwhile (or the token expired): nothing to connect with.
      setStatus('closed');
      return;
    }
    if (socket) detach(socket);
    const next = createSocket(`${url()}?token=${encodeURIComponent(bearer)}`);
    socket = next;
    setStatus('connecting');
    next.onopen = () => {
      // A refused token never opens (the upgrade answers 401): an open channel was accepted.
      attempts = 0;
      setStatus('open');
      if (organizationId) send({ action: 'subscribe', organizationId });
    };
    next.onmessage = (event) => onMessage(event.data);
    next.onerror = () => {
      // A close event follows; reconnecting is decided there.
    };
    next.onclose = () => {
      if (socket !== next) return;
      socket = null;
      scheduleReconnect();
    };
  }

  function cancelRetry(): void {
    if (retry !== null) {
      timers.clear(retry);
      retry = null;
    }
  }

  return {
    connect(getToken) {
      token = getToken;
      cancelRetry();
      attempts = 0;
      open();
    },
    subscribe(next) {
      if (next === organizationId) return;
      if (organizationId) send({ action: 'unsubscribe', organizationId });
      organizationId = next;
      if (organizationId) send({ action: 'subscribe', organizationId });
    },
    close() {
      token = null;
      cancelRetry();
      attempts = 0;
      if (socket) {
        detach(socket);
        socket = null;
      }
      setStatus('closed');
    },
    onEvent(type, handler) {
      let set = handlers.get(type);
      if (!set) {
        set = new Set();
        handlers.set(type, set);
      }
      set.add(handler);
      return () => {
        handlers.get(type)?.delete(handler);
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    get status() {
      return status;
    },
    get attempts() {
      return attempts;
    },
  };
}

/** The app's channel; main.ts connects it to the session and the current organization. */
export const realtime: Realtime = createRealtime();

/**
 * For a component or composable: calls `handler` on each notice of one of `types` while the
 * calling scope lives (unsubscribed when it is disposed).
 */
export function useRealtimeEvents(
  types: readonly string[],
  handler: RealtimeHandler,
  channel: Realtime = realtime,
): void {
  const stops = types.map((type) => channel.onEvent(type, handler));
  if (getCurrentScope()) {
    onScopeDispose(() => stops.forEach((stop) => stop()));
  }
}
