import type { Http } from '../../shared/http';

export type HierarchyType = 'top_branch' | 'master_branch' | 'sub_user' | 'end_user';

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly hierarchyType: HierarchyType;
  readonly parentId: string | null;
  readonly status: string;
  readonly createdAt: string;
}

/** One of the signed-in user's memberships, with the permissions it gives there. */
export interface MyOrganization {
  readonly organization: Organization;
  readonly role: string;
  readonly permissions: readonly string[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** The API's largest page (shared-lib Paging.MAX_LIMIT). */
const MAX_LIMIT = 100;

export function listMyOrganizations(http: Http, cursor?: string): Promise<Page<MyOrganization>> {
  return http.get<Page<MyOrganization>>('/v1/me/organizations', {
    query: { limit: MAX_LIMIT, cursor },
  });
}

/** Every page of the user's memberships, in the API's order. */
export async function listAllMyOrganizations(http: Http): Promise<MyOrganization[]> {
  const all: MyOrganization[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMyOrganizations(http, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** The organizations above {@code orgId}, nearest first (the API's order), without itself. */
export async function listAncestors(http: Http, orgId: string): Promise<Organization[]> {
  const all: Organization[] = [];
  let cursor: string | undefined;
  do {
    const page = await http.get<Page<Organization>>(`/v1/organizations/${encodeURIComponent(orgId)}/ancestors`, {
      query: { limit: MAX_LIMIT, cursor },
    });
    all.push(...(page.items ?? []).filter((o) => o.id !== orgId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
