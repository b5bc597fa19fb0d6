/** Between an ISO instant and a datetime-local input's 'YYYY-MM-DDTHH:MM', which is local time without a zone. */
export function toInputValue(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** undefined for an empty (cleared) input. */
export function fromInputValue(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
