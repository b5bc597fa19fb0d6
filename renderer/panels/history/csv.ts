/**
 * CSV as Excel and LibreOffice open it without an import dialog: RFC 4180
 * (CRLF line ends; a field with a comma, quote or line break in quotes, quotes
 * doubled) and a UTF-8 byte-order mark, without which Excel reads "Timbang
 * manual — 2,5 kg" as Windows-1252.
 */
export type CsvValue = string | number | null | undefined;

const BOM = '\uFEFF';

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** "2026-11-28 08:14:05" in local time: sorts as text and every spreadsheet reads it as a date. */
export function csvTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`;
}

/** A file name that says what period it holds: "runs_2026-11-28_0600_to_2026-11-28_1400.csv". */
export function csvFileName(subject: string, from: string | undefined, to: string | undefined, exportedAt: string): string {
  const stamp = (iso: string): string => csvTime(iso).replace(/:\d\d$/, '').replace(/[ :]/g, (char) => (char === ' ' ? '_' : ''));
  const start = from ? stamp(from) : 'start';
  const end = to ? stamp(to) : stamp(exportedAt);
  return `${subject}_${start}_to_${end}.csv`;
}
