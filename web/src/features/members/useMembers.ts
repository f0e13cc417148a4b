import { ref, type Ref } from 'vue';
import { http, ProblemError } from '../../shared/http';
import {
  changeMemberRole,
  inviteMember,
  listAllMembers,
  removeMember,
  type Invitation,
  type Member,
  type Role,
} from './api';

function asError(failure: unknown): Error {
  return failure instanceof Error ? failure : new Error(String(failure));
}

/** One organization's members and the invitations sent from this page. */
export function useMembers(orgId: Ref<string | null>) {
  const members = ref<Member[]>([]);
  const loading = ref(false);
  /** Loading the list failed. */
  const failure = ref<Error | null>(null);
  /** A change or a removal was refused (e.g. the last owner): the API's problem detail. */
  const actionFailure = ref<Error | null>(null);
  const busyUserId = ref<string | null>(null);
  /** Invitations sent while on this page (the API has no list of pending invitations). */
  const sent = ref<Invitation[]>([]);
  const inviting = ref(false);
  const inviteFailure = ref<Error | null>(null);

  async function load(): Promise<void> {
    const id = orgId.value;
    if (!id) return;
    loading.value = true;
    failure.value = null;
    try {
      members.value = await listAllMembers(http, id);
    } catch (error) {
      failure.value = asError(error);
    } finally {
      loading.value = false;
    }
  }

  async function act(userId: string, action: (id: string) => Promise<void>): Promise<void> {
    const id = orgId.value;
    if (!id) return;
    busyUserId.value = userId;
    actionFailure.value = null;
    try {
      await action(id);
    } catch (error) {
      actionFailure.value = asError(error);
    } finally {
      busyUserId.value = null;
    }
  }

  function changeRole(userId: string, role: Role): Promise<void> {
    return act(userId, async (id) => {
      const changed = await changeMemberRole(http, id, userId, role);
      members.value = members.value.map((m) => (m.userId === userId ? changed : m));
    });
  }

  function remove(userId: string): Promise<void> {
    return act(userId, async (id) => {
      await removeMember(http, id, userId);
      members.value = members.value.filter((m) => m.userId !== userId);
    });
  }

  /** True when the invitation was sent. */
  async function invite(email: string, role: Role): Promise<boolean> {
    const id = orgId.value;
    if (!id) return false;
    inviting.value = true;
    inviteFailure.value = null;
    try {
      const invitation = await inviteMember(http, id, email, role);
      sent.value = [invitation, ...sent.value];
      return true;
    } catch (error) {
      inviteFailure.value = asError(error);
      return false;
    } finally {
      inviting.value = false;
    }
  }

  function inviteFieldError(field: string): string | undefined {
    const error = inviteFailure.value;
    return error instanceof ProblemError ? error.fieldError(field) : undefined;
  }

  return {
    members,
    loading,
    failure,
    actionFailure,
    busyUserId,
    sent,
    inviting,
    inviteFailure,
    load,
    changeRole,
    remove,
    invite,
    inviteFieldError,
  };
}
