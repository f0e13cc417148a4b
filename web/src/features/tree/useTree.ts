import { reactive } from 'vue';
import { http as appHttp, type Http } from '../../shared/http';
import {
  createChild,
  deleteOrganization,
  listAllDescendants,
  listChildren,
  moveOrganization,
  moveTargets,
  restoreOrganization,
  updateOrganization,
  type NewChild,
  type Organization,
  type OrganizationChange,
} from './api';

/** How many children one "load more" brings. */
export const PAGE_SIZE = 25;

/** One organization of the tree as the page shows it: its children are loaded on demand. */
export interface TreeNode {
  org: Organization;
  expanded: boolean;
  /** Null until the first page of children arrived. */
  childIds: string[] | null;
  nextCursor: string | null;
  loading: boolean;
  failure: Error | null;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export type FormKind = 'create' | 'rename' | 'move' | 'delete';

export interface ActiveForm {
  readonly kind: FormKind;
  readonly id: string;
}

/** The organization tree below one root, loaded one level at a time. */
export function useTree(http: Http = appHttp) {
  const state = reactive({
    rootId: null as string | null,
    nodes: {} as Record<string, TreeNode>,
    /** The organizations deleted on this page, most recent first, for a restore. */
    deleted: [] as Organization[],
    /** The one form open on the page: at most one at a time. */
    active: null as ActiveForm | null,
  });

  function put(org: Organization): TreeNode {
    const known = state.nodes[org.id];
    if (known) {
      known.org = org;
      return known;
    }
    const node: TreeNode = { org, expanded: false, childIds: null, nextCursor: null, loading: false, failure: null };
    state.nodes[org.id] = node;
    return state.nodes[org.id] as TreeNode;
  }

  function node(id: string): TreeNode | undefined {
    return state.nodes[id];
  }

  function setRoot(org: Organization): void {
    state.nodes = {};
    state.deleted = [];
    state.active = null;
    state.rootId = org.id;
    void expand(org.id, put(org));
  }

  async function loadPage(target: TreeNode): Promise<void> {
    target.loading = true;
    target.failure = null;
    try {
      const page = await listChildren(http, target.org.id, {
        limit: PAGE_SIZE,
        cursor: target.childIds === null ? undefined : (target.nextCursor ?? undefined),
      });
      const ids = page.items.map((child) => put(child).org.id);
      const known = target.childIds ?? [];
      target.childIds = [...known, ...ids.filter((id) => !known.includes(id))];
      target.nextCursor = page.nextCursor;
    } catch (error) {
      target.failure = toError(error);
    } finally {
      target.loading = false;
    }
  }

  async function expand(id: string, given?: TreeNode): Promise<void> {
    const target = given ?? node(id);
    if (!target) return;
    target.expanded = true;
    if (target.childIds === null && !target.loading) await loadPage(target);
  }

  function collapse(id: string): void {
    const target = node(id);
    if (target) target.expanded = false;
  }

  async function toggle(id: string): Promise<void> {
    if (node(id)?.expanded) collapse(id);
    else await expand(id);
  }

  /** The next page of children, or the first again after a failure. */
  async function loadMore(id: string): Promise<void> {
    const target = node(id);
    if (target && !target.loading) await loadPage(target);
  }

  /** Creates a child and shows it first under its (expanded) parent; a ProblemError is thrown on. */
  async function addChild(parentId: string, child: NewChild): Promise<Organization> {
    const created = await createChild(http, parentId, child);
    const parent = node(parentId);
    put(created);
    if (parent) {
      parent.childIds = [created.id, ...(parent.childIds ?? []).filter((id) => id !== created.id)];
      parent.expanded = true;
    }
    return created;
  }

  async function update(id: string, change: OrganizationChange): Promise<Organization> {
    return put(await updateOrganization(http, id, change)).org;
  }

  async function remove(id: string, cascade: boolean): Promise<Organization> {
    const gone = await deleteOrganization(http, id, cascade);
    const parent = gone.parentId === null ? undefined : node(gone.parentId);
    if (parent?.childIds) parent.childIds = parent.childIds.filter((c) => c !== id);
    delete state.nodes[id];
    state.deleted = [gone, ...state.deleted.filter((d) => d.id !== id)];
    return gone;
  }

  async function restore(id: string): Promise<Organization> {
    const back = await restoreOrganization(http, id);
    state.deleted = state.deleted.filter((d) => d.id !== id);
    const restored = put(back);
    restored.childIds = null;
    restored.expanded = false;
    const parent = back.parentId === null ? undefined : node(back.parentId);
    if (parent?.childIds) parent.childIds = [back.id, ...parent.childIds.filter((c) => c !== back.id)];
    return back;
  }

  /** Where {@code id} may be moved: active organizations of the page's tree outside its own subtree. */
  async function targets(id: string): Promise<Organization[]> {
    const moving = node(id)?.org;
    const root = state.rootId === null ? undefined : node(state.rootId)?.org;
    if (!moving || !root) return [];
    const [all, subtree] = await Promise.all([listAllDescendants(http, root.id), listAllDescendants(http, id)]);
    return moveTargets(moving, [root, ...all.filter((o) => o.status === 'active')], subtree);
  }

  /** Moves {@code id} with its subtree under {@code newParentId}; it then shows under its new parent. */
  async function move(id: string, newParentId: string): Promise<Organization> {
    const before = node(id)?.org.parentId ?? null;
    const moved = await moveOrganization(http, id, newParentId);
    const old = before === null ? undefined : node(before);
    if (old?.childIds) old.childIds = old.childIds.filter((c) => c !== id);
    put(moved);
    const parent = node(newParentId);
    if (parent?.childIds) parent.childIds = [moved.id, ...parent.childIds.filter((c) => c !== moved.id)];
    return moved;
  }

  function open(kind: FormKind, id: string): void {
    state.active = { kind, id };
  }

  function close(): void {
    state.active = null;
  }

  function isOpen(kind: FormKind, id: string): boolean {
    return state.active?.kind === kind && state.active.id === id;
  }

  return {
    state,
    node,
    open,
    close,
    isOpen,
    setRoot,
    expand,
    collapse,
    toggle,
    loadMore,
    addChild,
    update,
    targets,
    move,
    remove,
    restore,
  };
}

export type Tree = ReturnType<typeof useTree>;
