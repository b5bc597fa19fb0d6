/**
 * One field of the memory map, decoded by its type alone: the engineer's
 * labelled view of the PLC (what the words say, never judged or repaired).
 */
import type { MapField } from './memory-map';
import { decodeBcd, decodeBool, decodeInt16, decodeScaled, decodeText } from './word-codec';

/** `words`: the field's own words. A BCD word that is not BCD is shown as its hex, not thrown. */
export function mapFieldValue(field: MapField, words: readonly number[]): string | number | boolean {
  const [first = 0, second = 0] = words;
  switch (field.type) {
    case 'int16':
      return decodeInt16(first);
    case 'uint32':
      return decodeScaled(first, second, field.scale);
    case 'string':
      return decodeText(words);
    case 'bool':
      return decodeBool(first);
    case 'bcd':
      try {
        return decodeBcd(first, field.bcdDigits === 4 ? 4 : 2, field.label);
      } catch {
        return `not BCD: 0x${first.toString(16).toUpperCase().padStart(4, '0')}`;
      }
  }
}
