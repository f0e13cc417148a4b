import { http } from '../../shared/http';
import { useRealtimeEvents } from '../../shared/realtime';
import { listAllMyOrganizations } from './api';
import { useOrganizations } from './useOrganizations';

/** Events after which the user's memberships (names, roles, which organizations) may differ. */
export const MEMBERSHIP_EVENTS = [
  'OrganizationUpdated',
  'OrganizationDeleted',
  'OrganizationRestored',
  'OrganizationMoved',
  'MemberAdded',
  'MemberUpdated',
  'MemberRemoved',
] as const;

/**
 * While the calling page is open, reads the memberships again (quietly: what the page shows stays
 * until the answer) when the live channel tells of a change to them, e.g. another user renaming
 * the organization.
 */
export function useLiveOrganizations(): void {
  const organizations = useOrganizations();
  let running: Promise<void> | null = null;
  let again = false;

  async function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          organizations.memberships = await listAllMyOrganizations(http);
        } catch {
          // The page keeps what it shows; the next notice or a reload tries again.
        }
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  }

  useRealtimeEvents(MEMBERSHIP_EVENTS, () => void refresh());
}
