/**
 * The one fetch wrapper for the platform API. Every call is same-origin (the console is served by the
 * API's own host); it carries the signed-in user's id token, an Idempotency-Key on every mutation,
 * and turns the API's RFC 9457 problem+json answers into a {@link ProblemError}.
 */

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** An error answer of the API. Switch on {@link type}, never on title or detail. */
export class ProblemError extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string | null;
  readonly errors: readonly FieldProblem[];
  /** The problem's other members (e.g. a limit-exceeded's `counter`, `limit`, `usage`). */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(problem: {
    type: string;
    title: string;
    status: number;
    detail?: string | null;
    errors?: readonly FieldProblem[];
    extensions?: Readonly<Record<string, unknown>>;
  }) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail ?? null;
    this.errors = problem.errors ?? [];
    this.extensions = problem.extensions ?? {};
  }

  /** The message for one field of the request body, if the API named that field. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

/** The request never got an answer (offline, DNS, connection reset): worth a retry. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The request did not reach the server', { cause });
    this.name = 'NetworkError';
  }
}

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  /** Prefix of every path; empty for the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: FetchFn;
  /** The id token of the signed-in user, or null when nobody is signed in. */
  readonly token?: () => string | null;
  /** Called on every 401 before the error is thrown: the session is over. */
  readonly onUnauthorized?: () => void;
  /**
   * Called once on a 401 to a request that carried a token: true when the session has fresh tokens,
   * and the request is sent once more with them; false ends it through {@link onUnauthorized}.
   */
  readonly refresh?: () => Promise<boolean>;
  readonly idempotencyKey?: () => string;
}

/** A body sent as it is (an image's bytes), with its own Content-Type, instead of JSON. */
export interface RawBody {
  readonly bytes: Blob | ArrayBuffer | Uint8Array<ArrayBuffer>;
  readonly contentType: string;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly raw?: RawBody;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** 'text' answers the body as it came (e.g. a compact JWS) instead of parsing it as JSON. */
  readonly responseAs?: 'json' | 'text';
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const MUTATIONS: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Http {
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Replaces the session hooks (the app sets them once the session store exists). */
  configure(options: Pick<HttpOptions, 'token' | 'onUnauthorized' | 'refresh'>): void;
}

export function createHttp(options: HttpOptions = {}): Http {
  const baseUrl = options.baseUrl ?? '';
  // Looked up per call so that a test's stubbed global fetch is the one used.
  const doFetch: FetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const newKey = options.idempotencyKey ?? (() => crypto.randomUUID());
  let token = options.token ?? (() => null);
  let onUnauthorized = options.onUnauthorized ?? (() => {});
  let refresh = options.refresh ?? null;

  async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
    // One key for the request and its retry after a refresh: the server sees one mutation.
    const key = MUTATIONS.has(method) && opts.headers?.['Idempotency-Key'] === undefined ? newKey() : null;
    return send<T>(method, path, opts, key, true);
  }

  async function send<T>(
    method: Method,
    path: string,
    opts: RequestOptions,
    key: string | null,
    mayRefresh: boolean,
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    const bearer = token();
    if (bearer) {
      headers['Authorization'] = `Bearer ${bearer}`;
    }
    if (key !== null) {
      headers['Idempotency-Key'] = key;
    }
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (opts.raw !== undefined) {
      headers['Content-Type'] = opts.raw.contentType;
      init.body = opts.raw.bytes;
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(opts.body);
    }
    if (opts.signal) {
      init.signal = opts.signal;
    }

    let response: Response;
    try {
      response = await doFetch(baseUrl + path + queryString(opts.query), init);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') {
        throw cause;
      }
      throw new NetworkError(cause);
    }

    if (!response.ok) {
      if (response.status === 401) {
        if (mayRefresh && bearer && refresh && (await refresh())) {
          return send<T>(method, path, opts, key, false);
        }
        onUnauthorized();
      }
      throw await problemOf(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const text = await response.text();
    if (opts.responseAs === 'text') {
      return text as T;
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  return {
    request,
    get: (path, opts) => request('GET', path, opts),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
    patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
    delete: (path, opts) => request('DELETE', path, opts),
    configure(hooks) {
      if (hooks.token) token = hooks.token;
      if (hooks.onUnauthorized) onUnauthorized = hooks.onUnauthorized;
      if (hooks.refresh) refresh = hooks.refresh;
    },
  };
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  const encoded = params.toString();
  return encoded === '' ? '' : `?${encoded}`;
}

const STANDARD: ReadonlySet<string> = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

/** A problem+json body as the API writes it; anything else (a proxy's HTML page) by its status. */
async function problemOf(response: Response): Promise<ProblemError> {
  const fallback = { type: 'about:blank', title: response.statusText, status: response.status };
  const contentType = response.headers.get('Content-Type') ?? '';
  if (!contentType.includes('application/problem+json') && !contentType.includes('json')) {
    return new ProblemError(fallback);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return new ProblemError(fallback);
  }
  if (!isRecord(body)) {
    return new ProblemError(fallback);
  }
  return new ProblemError({
    type: stringOr(body['type'], fallback.type),
    title: stringOr(body['title'], fallback.title),
    status: typeof body['status'] === 'number' ? body['status'] : response.status,
    detail: typeof body['detail'] === 'string' ? body['detail'] : null,
    errors: Array.isArray(body['errors']) ? body['errors'].filter(isFieldProblem) : [],
    extensions: Object.fromEntries(Object.entries(body).filter(([name]) => !STANDARD.has(name))),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return isRecord(value) && typeof value['field'] === 'string' && typeof value['message'] === 'string';
}

function stringOr(value: unknown, otherwise: string): string {
  return typeof value === 'string' ? value : otherwise;
}

/** The app's API client; main.ts connects it to the session. */
export const http: Http = createHttp();
