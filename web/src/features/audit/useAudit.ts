import { ref, watch, type Ref } from 'vue';
import { http } from '../../shared/http';
import { useRealtimeEvents } from '../../shared/realtime';
import { listAllMembers } from '../members/api';
import {
  DEFAULT_PAGE_SIZE,
  findAudit,
  listAudit,
  matches,
  type AuditEntry,
  type AuditFilters,
} from './api';

function asError(failure: unknown): Error {
  return failure instanceof Error ? failure : new Error(String(failure));
}

/**
 * One organization's audit log as the page shows it: the entries passing `filters`, newest first,
 * a page at a time ({@link loadMore} goes on from the cursor), and the entries of changes pushed
 * through the live channel prepended while the page is open. Actors are named by the e-mails of
 * the organization's members where the caller may read them.
 */
export function useAudit(
  orgId: Ref<string | null>,
  filters: Ref<AuditFilters>,
  pageSize: Ref<number> = ref(DEFAULT_PAGE_SIZE),
) {
  const entries = ref<AuditEntry[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const failure = ref<Error | null>(null);
  const moreFailure = ref<Error | null>(null);
  const actorNames = ref<ReadonlyMap<string, string>>(new Map());
  /** Bumped by every (re)load, so a late answer for an older query is dropped. */
  let generation = 0;

  async function loadNames(id: string): Promise<void> {
    try {
      const members = await listAllMembers(http, id);
      const names = new Map<string, string>();
      for (const m of members) if (m.email) names.set(m.userId, m.email);
      actorNames.value = names;
    } catch {
      // Without members:read the actors stay ids.
      actorNames.value = new Map();
    }
  }

  async function load(): Promise<void> {
    const id = orgId.value;
    if (!id) return;
    const mine = ++generation;
    loading.value = true;
    failure.value = null;
    moreFailure.value = null;
    try {
      if (actorNames.value.size === 0) await loadNames(id);
      const page = await findAudit(http, id, filters.value, {
        pageSize: pageSize.value,
        actorNames: actorNames.value,
      });
      if (mine !== generation) return;
      entries.value = [...page.items];
      nextCursor.value = page.nextCursor;
    } catch (error) {
      if (mine === generation) failure.value = asError(error);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    const id = orgId.value;
    const cursor = nextCursor.value;
    if (!id || cursor === null || loadingMore.value) return;
    const mine = generation;
    loadingMore.value = true;
    moreFailure.value = null;
    try {
      const page = await findAudit(http, id, filters.value, {
        cursor,
        pageSize: pageSize.value,
        actorNames: actorNames.value,
      });
      if (mine !== generation) return;
      const known = new Set(entries.value.map((e) => e.id));
      entries.value = [...entries.value, ...page.items.filter((e) => !known.has(e.id))];
      nextCursor.value = page.nextCursor;
    } catch (error) {
      if (mine === generation) moreFailure.value = asError(error);
    } finally {
      loadingMore.value = false;
    }
  }

  /** Reads the newest page again and puts the entries not shown yet on top. */
  async function prependNew(): Promise<void> {
    const id = orgId.value;
    if (!id || loading.value || failure.value) return;
    const mine = generation;
    try {
      const page = await listAudit(http, id, { limit: pageSize.value });
      if (mine !== generation) return;
      const known = new Set(entries.value.map((e) => e.id));
      const fresh = page.items.filter(
        (e) => !known.has(e.id) && matches(e, filters.value, actorNames.value),
      );
      if (fresh.length > 0) entries.value = [...fresh, ...entries.value];
    } catch {
      // The live channel is a convenience: a failed refresh leaves the page as it was.
    }
  }

  function actorName(actor: string): string {
    return actorNames.value.get(actor) ?? actor;
  }

  watch(
    orgId,
    () => {
      actorNames.value = new Map();
      void load();
    },
    { immediate: true },
  );
  watch(filters, () => void load(), { deep: true });
  watch(pageSize, () => void load());

  // A change writes its audit entry in its own transaction, so a notice means an entry may be
  // there to show: in this organization's log, or (a child created, moved, deleted) in its
  // parent's, whose subscribers hear of their descendants' events too. A member who joined gets
  // a name.
  useRealtimeEvents(['*'], (event) => {
    const id = orgId.value;
    if (id && event.organizationId === id && event.eventType.startsWith('Member')) {
      void loadNames(id);
    }
    void prependNew();
  });

  return {
    entries,
    nextCursor,
    loading,
    loadingMore,
    failure,
    moreFailure,
    load,
    loadMore,
    prependNew,
    actorName,
  };
}
