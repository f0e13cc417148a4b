import type { Http } from '../../shared/http';
import type { HierarchyType, Organization, Page } from '../organizations/api';

export type { HierarchyType, Organization, Page };

/** The tree's levels, top to bottom: a child is always strictly below its parent. */
export const HIERARCHY: readonly HierarchyType[] = ['top_branch', 'master_branch', 'sub_user', 'end_user'];

/** The types a child of an organization of type {@code parent} may have (none under end_user). */
export function allowedChildTypes(parent: HierarchyType): HierarchyType[] {
  return HIERARCHY.slice(HIERARCHY.indexOf(parent) + 1);
}

export interface NewChild {
  readonly name: string;
  readonly slug: string;
  readonly hierarchyType: HierarchyType;
}

export interface OrganizationChange {
  readonly name?: string;
  readonly slug?: string;
}

const path = (orgId: string): string => `/v1/organizations/${encodeURIComponent(orgId)}`;

/** One page of the direct children of an organization. */
export function listChildren(
  http: Http,
  orgId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<Page<Organization>> {
  return http.get<Page<Organization>>(`${path(orgId)}/children`, {
    query: { limit: options.limit, cursor: options.cursor },
  });
}

export function getOrganization(http: Http, orgId: string): Promise<Organization> {
  return http.get<Organization>(path(orgId));
}

export function createChild(http: Http, parentId: string, child: NewChild): Promise<Organization> {
  return http.post<Organization>(`${path(parentId)}/children`, child);
}

export function updateOrganization(http: Http, orgId: string, change: OrganizationChange): Promise<Organization> {
  return http.patch<Organization>(path(orgId), change);
}

/** Soft delete; with {@code cascade} the whole subtree goes too (else 409 while it has children). */
export function deleteOrganization(http: Http, orgId: string, cascade = false): Promise<Organization> {
  return http.delete<Organization>(path(orgId), { query: { cascade: cascade ? 'true' : undefined } });
}

/** Undoes a delete made within the last 30 days. */
export function restoreOrganization(http: Http, orgId: string): Promise<Organization> {
  return http.post<Organization>(`${path(orgId)}/restore`);
}

/** One page of every organization below {@code orgId} (not itself), in tree order. */
export function listDescendants(
  http: Http,
  orgId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<Page<Organization>> {
  return http.get<Page<Organization>>(`${path(orgId)}/descendants`, {
    query: { limit: options.limit, cursor: options.cursor },
  });
}

/** Every organization below {@code orgId}, page by page (the API's largest page each time). */
export async function listAllDescendants(http: Http, orgId: string): Promise<Organization[]> {
  const all: Organization[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDescendants(http, orgId, { limit: 100, cursor });
    all.push(...(page.items ?? []));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Moves an organization, with its subtree, under a new parent. */
export function moveOrganization(http: Http, orgId: string, newParentId: string): Promise<Organization> {
  return http.post<Organization>(`${path(orgId)}/move`, { newParentId });
}

/**
 * The organizations {@code moving} may be moved under: of {@code candidates} (the tree's root and
 * its descendants), those whose type may have a child of its type, neither {@code moving} itself,
 * its current parent, nor anything in its own subtree ({@code subtree}).
 */
export function moveTargets(
  moving: Organization,
  candidates: readonly Organization[],
  subtree: readonly Organization[],
): Organization[] {
  const below = new Set(subtree.map((o) => o.id));
  return candidates.filter(
    (candidate) =>
      candidate.id !== moving.id &&
      candidate.id !== moving.parentId &&
      !below.has(candidate.id) &&
      allowedChildTypes(candidate.hierarchyType).includes(moving.hierarchyType),
  );
}
