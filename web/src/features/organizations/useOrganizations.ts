import { defineStore } from 'pinia';
import { http } from '../../shared/http';
import { listAllMyOrganizations, type MyOrganization } from './api';

const CURRENT_KEY = 'console.organization';

/** The user's organizations and the one the console is working in. */
export const useOrganizations = defineStore('organizations', {
  state: () => ({
    memberships: [] as MyOrganization[],
    currentId: sessionStorage.getItem(CURRENT_KEY),
    loading: false,
    failure: null as Error | null,
  }),
  getters: {
    current(state): MyOrganization | null {
      return (
        state.memberships.find((m) => m.organization.id === state.currentId) ??
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
    clear(): void {
      this.memberships = [];
      this.currentId = null;
      sessionStorage.removeItem(CURRENT_KEY);
    },
  },
});
