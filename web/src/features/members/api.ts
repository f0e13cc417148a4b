import type { Http } from '../../shared/http';
import type { MyOrganization, Page } from '../organizations/api';

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** A member as the API shows it: `permissions` are the explicit grants on top of the role. */
export interface Member {
  readonly userId: string;
  readonly email: string | null;
  readonly role: string;
  readonly permissions: readonly string[];
}

/** An invitation as its sender sees it (never the token). */
export interface Invitation {
  readonly id: string;
  readonly organizationId: string;
  readonly email: string;
  readonly role: string;
  readonly permissions: readonly string[];
  readonly status: string;
  readonly expiresAt: string;
}

/** The API's largest page (shared-lib Paging.MAX_LIMIT). */
const MAX_LIMIT = 100;

function membersPath(orgId: string): string {
  return `/v1/organizations/${encodeURIComponent(orgId)}/members`;
}

export function listMembers(http: Http, orgId: string, cursor?: string): Promise<Page<Member>> {
  return http.get<Page<Member>>(membersPath(orgId), { query: { limit: MAX_LIMIT, cursor } });
}

/** Every page of the organization's members, in the API's order. */
export async function listAllMembers(http: Http, orgId: string): Promise<Member[]> {
  const all: Member[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMembers(http, orgId, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export function changeMemberRole(
  http: Http,
  orgId: string,
  userId: string,
  role: Role,
): Promise<Member> {
  return http.patch<Member>(`${membersPath(orgId)}/${encodeURIComponent(userId)}`, { role });
}

export function removeMember(http: Http, orgId: string, userId: string): Promise<void> {
  return http.delete<void>(`${membersPath(orgId)}/${encodeURIComponent(userId)}`);
}

export function inviteMember(
  http: Http,
  orgId: string,
  email: string,
  role: Role,
): Promise<Invitation> {
  return http.post<Invitation>(`/v1/organizations/${encodeURIComponent(orgId)}/invitations`, {
    email,
    role,
  });
}

/** The signed-in invitee accepts with the e-mailed token; the answer is the membership joined. */
export function acceptInvitation(http: Http, token: string): Promise<MyOrganization> {
  return http.post<MyOrganization>(`/v1/invitations/${encodeURIComponent(token)}/accept`);
}
