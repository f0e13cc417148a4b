/** The actions the platform's audit trail records (`AuditTrail.record` callers), for suggestions. */
export const KNOWN_ACTIONS: readonly string[] = [
  'organization.created',
  'organization.updated',
  'organization.deleted',
  'organization.restored',
  'organization.moved',
  'organization.moved_in',
  'organization.moved_out',
  'organization.child_deleted',
  'member.added',
  'member.changed',
  'member.removed',
  'invitation.created',
  'branding.updated',
  'branding.deleted',
  'hostname.claimed',
  'hostname.verified',
  'hostname.suspended',
  'hostname.released',
  'license.issued',
  'license.updated',
  'license.suspended',
  'license.resumed',
  'license.revoked',
  'license.reevaluated',
];

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** An ISO instant as a `datetime-local` input's value, in the browser's time zone, to the minute. */
export function toLocalInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}`
  );
}

/**
 * A `datetime-local` value (the browser's time zone) as an ISO instant for the URL: `start` is the
 * minute's first millisecond, `end` its last, so a range "to 10:15" includes 10:15:40.
 */
export function fromLocalInput(value: string, edge: 'start' | 'end'): string {
  if (value.trim() === '') return '';
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return '';
  at.setSeconds(edge === 'end' ? 59 : 0, edge === 'end' ? 999 : 0);
  return at.toISOString();
}
