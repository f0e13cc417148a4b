import { defineStore } from 'pinia';
import { http } from '../../shared/http';
import { listAllMyOrganizations, type MyOrganization, type Organization } from './api';

const CURRENT_KEY = 'console.organization';
const VISITED_KEY = 'console.visited';

/** The roles whose permissions hold on every organization below their own (shared-lib Authorization). */
const INHERITED_ROLES: readonly string[] = ['owner', 'admin'];

/** Whether a membership may open the organizations below its own, as if it were theirs. */
export function reachesBelow(membership: MyOrganization): boolean {
  return INHERITED_ROLES.includes(membership.role);
}

function restoreVisited(): MyOrganization | null {
  try {
    const saved = sessionStorage.getItem(VISITED_KEY);
    return saved ? (JSON.parse(saved) as MyOrganization) : null;
  } catch {
    return null;
  }
}

/** The user's organizations and the one the console is working in. */
export const useOrganizations = defineStore('organizations', {
  state: () => ({
    memberships: [] as MyOrganization[],
    currentId: sessionStorage.getItem(CURRENT_KEY),
    /** An organization below a membership, opened from the tree: worked in with that membership's rights. */
    visited: restoreVisited(),
    loading: false,
    failure: null as Error | null,
  }),
  getters: {
    current(state): MyOrganization | null {
      return (
        state.memberships.find((m) => m.organization.id === state.currentId) ??
        (state.visited && state.visited.organization.id === state.currentId ? state.visited : null) ??
        state.memberships[0] ??
        null
      );
    },
  },
  actions: {
    async load(): Promise<void> {
      this.loading = true;
      this.failure = null;
      try {
        this.memberships = await listAllMyOrganizations(http);
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
      } finally {
        this.loading = false;
      }
    },
    select(orgId: string): void {
      this.currentId = orgId;
      sessionStorage.setItem(CURRENT_KEY, orgId);
    },
    /**
     * Works in {@code org}, an organization below the membership {@code via} (an owner's or admin's,
     * whose rights hold there too); the API still decides every call.
     */
    visit(org: Organization, via: MyOrganization): void {
      if (!reachesBelow(via)) return;
      this.visited = { organization: org, role: via.role, permissions: via.permissions };
      sessionStorage.setItem(VISITED_KEY, JSON.stringify(this.visited));
      this.select(org.id);
    },
    clear(): void {
      this.memberships = [];
      this.currentId = null;
      this.visited = null;
      sessionStorage.removeItem(CURRENT_KEY);
      sessionStorage.removeItem(VISITED_KEY);
    },
  },
});
