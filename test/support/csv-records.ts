/**
 * Reads a CSV file as a spreadsheet would (RFC 4180: quoted fields may hold
 * commas, doubled quotes and line breaks; CRLF between records; an optional
 * UTF-8 byte-order mark), so a test compares cells, not quoting.
 */
export function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && body[index + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      index++;
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}
