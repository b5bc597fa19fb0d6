/**
 * Values ⇄ 16-bit DM words, exactly as the plant's PLC program stores them
 * (../shared/plant/fins.md §5). Bad input is rejected with an error naming the
 * field: a value the PLC would misread must never be written.
 */

export class WordCodecError extends RangeError {
  override name = 'WordCodecError';
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

const WORD_MAX = 0xffff;
/**
 * Largest raw 32-bit value accepted. Scaled values are read back as unsigned but
 * the plant's tools range-check them as signed, so both agree only up to 2^31 − 1
 * (21 474 836.47 kg, ../shared/plant/fins.md §5).
 */
const UINT32_SAFE_MAX = 0x7fffffff;

export function assertWord(word: number, field: string): void {
  if (!Number.isInteger(word) || word < 0 || word > WORD_MAX) {
    throw new WordCodecError(field, `${word} is not a 16-bit word (0..65535)`);
  }
}

export function encodeInt16(value: number, field: string): number {
  if (!Number.isInteger(value) || value < -0x8000 || value > 0x7fff) {
    throw new WordCodecError(field, `${value} is not a signed 16-bit integer (-32768..32767)`);
  }
  return value & WORD_MAX;
}

export function decodeInt16(word: number): number {
  return word >= 0x8000 ? word - 0x10000 : word;
}

/** High word first: D n holds bits 31..16, D n+1 bits 15..0 (the plant map's order, not Omron's native one). */
export function encodeUint32(value: number, field: string): [number, number] {
  if (!Number.isInteger(value) || value < 0 || value > UINT32_SAFE_MAX) {
    throw new WordCodecError(field, `${value} is outside 0..${UINT32_SAFE_MAX}`);
  }
  return [Math.floor(value / 0x10000), value % 0x10000];
}

export function decodeUint32(high: number, low: number): number {
  return high * 0x10000 + low;
}

/**
 * kg → kg × scale as uint32, rounded half away from zero. The old middleware
 * truncated, so 33.3 kg became 3329 (pitfall P3). Rounding the product to 12
 * significant digits first removes binary noise (33.3 × 100 = 3329.9999999999995,
 * 1.005 × 100 = 100.49999999999999) without touching any real digit.
 */
export function encodeScaled(value: number, scale: number, field: string): [number, number] {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new WordCodecError(field, `${String(value)} is not a number`);
  if (!Number.isFinite(value)) throw new WordCodecError(field, `${value} is not a finite number`);
  if (value < 0) throw new WordCodecError(field, `${value} is negative; the PLC holds only 0 or more`);
  const product = Number((value * scale).toPrecision(12));
  const raw = Math.floor(product + 0.5);
  if (raw > UINT32_SAFE_MAX) {
    throw new WordCodecError(field, `${value} is too large; the PLC holds at most ${UINT32_SAFE_MAX / scale}`);
  }
  return encodeUint32(raw, field);
}

export function decodeScaled(high: number, low: number, scale: number): number {
  return decodeUint32(high, low) / scale;
}

/** Printable ASCII: the only bytes the PLC's text fields and the plant's readers handle (pitfall P16). */
function isPrintableAscii(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

export type TextOverflow = 'truncate' | 'reject';

/**
 * Text → words, two ASCII characters per word, first character in the high
 * byte, NUL padded. `overflow` says what a too-long text means: product names
 * are cut to the field on purpose (plant rule); an identifier such as an MO id
 * must be rejected, since a shortened one names another MO (pitfall P11).
 */
export function encodeText(text: string, words: number, field: string, overflow: TextOverflow): number[] {
  if (typeof text !== 'string') throw new WordCodecError(field, `${String(text)} is not text`);
  const maxChars = words * 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isPrintableAscii(code)) {
      const shown = code < 0x20 || code === 0x7f ? `control character 0x${code.toString(16).padStart(2, '0')}` : `"${text[i]}"`;
      throw new WordCodecError(field, `${JSON.stringify(text)} contains ${shown} at position ${i + 1}; the PLC takes printable ASCII only`);
    }
  }
  if (text.length > maxChars && overflow === 'reject') {
    throw new WordCodecError(field, `${JSON.stringify(text)} is ${text.length} characters; the PLC field holds ${maxChars}`);
  }
  const kept = text.slice(0, maxChars);
  return Array.from({ length: words }, (_, w) => ((kept.charCodeAt(2 * w) || 0) << 8) | (kept.charCodeAt(2 * w + 1) || 0));
}

/** Words → text: printable bytes only (NUL padding and noise dropped), trimmed. */
export function decodeText(words: readonly number[]): string {
  let text = '';
  for (const word of words) {
    for (const byte of [word >> 8, word & 0xff]) {
      if (isPrintableAscii(byte)) text += String.fromCharCode(byte);
    }
  }
  return text.trim();
}

export function encodeBool(value: boolean): number {
  return value ? 1 : 0;
}

/** Any nonzero word counts as true, as the PLC program and the plant's readers treat it. */
export function decodeBool(word: number): boolean {
  return word !== 0;
}

export type BcdDigits = 2 | 4;

/** One value per word: 4 digits fill the word (0x2026), 2 digits use the low byte (0x0023). */
export function encodeBcd(value: number, digits: BcdDigits, field: string): number {
  const max = 10 ** digits - 1;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new WordCodecError(field, `${value} does not fit ${digits} BCD digits (0..${max})`);
  }
  let word = 0;
  for (let i = 0, rest = value; i < digits; i++, rest = Math.floor(rest / 10)) {
    word |= (rest % 10) << (4 * i);
  }
  return word;
}

export function decodeBcd(word: number, digits: BcdDigits, field: string): number {
  assertWord(word, field);
  if (digits === 2 && word > 0xff) {
    throw new WordCodecError(field, `0x${hex(word)} is not 2-digit BCD (the high byte must be 0)`);
  }
  let value = 0;
  for (let i = digits - 1; i >= 0; i--) {
    const nibble = (word >> (4 * i)) & 0xf;
    if (nibble > 9) throw new WordCodecError(field, `0x${hex(word)} is not BCD (nibble ${nibble.toString(16).toUpperCase()} is not a decimal digit)`);
    value = value * 10 + nibble;
  }
  return value;
}

function hex(word: number): string {
  return word.toString(16).toUpperCase().padStart(4, '0');
}
