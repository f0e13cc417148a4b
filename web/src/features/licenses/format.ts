/** An ISO instant as a date (and time) in the reader's locale; empty for none. */
export function formatDate(iso: string | null, locale: string, withTime = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, withTime ? { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
