import type { Http } from '../../shared/http';

/**
 * `GET /v1/organizations/{orgId}/audit` (organizations' OrganizationsController.audit, permission
 * `audit:read`): the organization's entries, newest first, `?limit=` (1 to 100) and `?cursor=`.
 * The API filters nothing: the filters of this page ({@link AuditFilters}) are applied here, to the
 * pages it returns.
 */
export interface AuditEntry {
  readonly id: string;
  /** A user's `sub` or an API key's id. */
  readonly actor: string;
  /** `<entity>.<verb>`, e.g. `organization.updated`, `invitation.created`. */
  readonly action: string;
  /** `<entity>:<id>`, e.g. `organization:<id>`, `member:<userId>`. */
  readonly target: string;
  /** ISO-8601 instant. */
  readonly at: string;
  readonly sourceIp: string | null;
  readonly requestId: string | null;
  readonly details: Readonly<Record<string, string>>;
}

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly nextCursor: string | null;
}

/** The API's largest page (shared-lib Paging.MAX_LIMIT). */
export const MAX_LIMIT = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function listAudit(
  http: Http,
  orgId: string,
  options: { limit?: number; cursor?: string | null; signal?: AbortSignal } = {},
): Promise<AuditPage> {
  const request: Parameters<Http['get']>[1] = {
    query: { limit: clampLimit(options.limit ?? DEFAULT_PAGE_SIZE), cursor: options.cursor ?? undefined },
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return http.get<AuditPage>(`/v1/organizations/${encodeURIComponent(orgId)}/audit`, request);
}

export function clampLimit(limit: number): number {
  if (!Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

/** What the audit log page narrows the entries to; every field optional. */
export interface AuditFilters {
  /** Part of the actor's id (or of the e-mail the page knows it by), any case. */
  readonly actor?: string;
  /** Part of the action, any case: `member.` finds every member action. */
  readonly action?: string;
  /** Part of the target, any case. */
  readonly target?: string;
  /** ISO-8601 instant: entries at or after it. */
  readonly from?: string;
  /** ISO-8601 instant: entries at or before it. */
  readonly to?: string;
}

const FILTER_KEYS = ['actor', 'action', 'target', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The filters of a route's query (`?actor=&action=&target=&from=&to=`); blanks and bad times dropped. */
export function filtersFromQuery(query: Readonly<Record<string, unknown>>): AuditFilters {
  const filters: Partial<Record<FilterKey, string>> = {};
  for (const key of FILTER_KEYS) {
    const raw = query[key];
    const value = (Array.isArray(raw) ? raw[0] : raw) as unknown;
    if (typeof value !== 'string' || value.trim() === '') continue;
    if ((key === 'from' || key === 'to') && Number.isNaN(Date.parse(value))) continue;
    filters[key] = value.trim();
  }
  return filters;
}

/** The route query of `filters`, only the fields that are set (so a shared link stays short). */
export function filtersToQuery(filters: AuditFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value.trim() !== '') query[key] = value.trim();
  }
  return query;
}

export function hasFilters(filters: AuditFilters): boolean {
  return Object.keys(filtersToQuery(filters)).length > 0;
}

function contains(value: string, wanted: string | undefined): boolean {
  return wanted === undefined || value.toLocaleLowerCase().includes(wanted.toLocaleLowerCase());
}

/**
 * Whether `entry` passes `filters`. `actorNames` maps actor ids to the names the page shows for
 * them (members' e-mails), so the actor filter finds either.
 */
export function matches(
  entry: AuditEntry,
  filters: AuditFilters,
  actorNames: ReadonlyMap<string, string> = new Map(),
): boolean {
  if (filters.actor !== undefined) {
    const name = actorNames.get(entry.actor) ?? '';
    if (!contains(entry.actor, filters.actor) && !(name !== '' && contains(name, filters.actor))) {
      return false;
    }
  }
  if (!contains(entry.action, filters.action) || !contains(entry.target, filters.target)) {
    return false;
  }
  const at = Date.parse(entry.at);
  if (filters.from !== undefined && at < Date.parse(filters.from)) return false;
  if (filters.to !== undefined && at > Date.parse(filters.to)) return false;
  return true;
}

/** One page of the filtered log, and where the next begins (`null`: nothing more can match). */
export interface FilteredPage {
  readonly items: readonly AuditEntry[];
  readonly nextCursor: string | null;
}

/**
 * Reads the log from `cursor`, `pageSize` entries a request, until `pageSize` entries passed the
 * filters (a page the API sent is never split, so its cursor stays exact: up to twice as many
 * may come), the log ends, or `maxRequests` pages were read (the next call goes on from there:
 * the page then offers to search older entries). The log is newest first, so an entry older than
 * `from` ends the search: nothing after it can match.
 */
export async function findAudit(
  http: Http,
  orgId: string,
  filters: AuditFilters,
  options: {
    cursor?: string | null;
    pageSize?: number;
    maxRequests?: number;
    actorNames?: ReadonlyMap<string, string>;
    signal?: AbortSignal;
  } = {},
): Promise<FilteredPage> {
  const pageSize = clampLimit(options.pageSize ?? DEFAULT_PAGE_SIZE);
  // Pages of the page's own size, so that a page shows about that many entries, filtered or not.
  const maxRequests = Math.max(1, options.maxRequests ?? 10);
  const limit = pageSize;
  const from = filters.from === undefined ? null : Date.parse(filters.from);
  const found: AuditEntry[] = [];
  let cursor = options.cursor ?? null;
  for (let request = 0; request < maxRequests; request++) {
    const page = await listAudit(http, orgId, {
      limit,
      cursor,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    for (const entry of page.items) {
      if (from !== null && Date.parse(entry.at) < from) {
        return { items: found, nextCursor: null };
      }
      if (matches(entry, filters, options.actorNames)) found.push(entry);
    }
    cursor = page.nextCursor;
    if (cursor === null || found.length >= pageSize) break;
  }
  return { items: found, nextCursor: cursor };
}
