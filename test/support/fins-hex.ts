/** "80 00 02" → bytes, so tests can quote frames exactly as fins.md prints them. */
export function hexBytes(text: string): Buffer {
  const digits = text.replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(digits)) throw new Error(`not a hex byte string: ${text}`);
  return Buffer.from(digits, 'hex');
}

/** Plant strings: 2 ASCII chars per word, first char in the high byte, NUL padded (fins.md §5). */
export function asciiWords(text: string, words: number): number[] {
  const bytes = Buffer.alloc(2 * words);
  bytes.write(text, 'ascii');
  return Array.from({ length: words }, (_, i) => bytes.readUInt16BE(2 * i));
}
