/**
 * The PLC's text fields hold printable ASCII only; the old middleware threw on
 * any character above 255 and rolled back the whole wave (pitfall P16,
 * ../shared/plant/README.md §13). Accents are folded (NFKD, combining marks
 * dropped: "Café" → "Cafe"), whitespace becomes a space, anything else → '?'.
 */
export function toPrintableAscii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\s/gu, ' ')
    .replace(/[^\x20-\x7E]/gu, '?');
}

export function isPrintableAscii(text: string): boolean {
  return /^[\x20-\x7E]*$/.test(text);
}
