import { describe, expect, it } from 'vitest';
import { isPrintableAscii, toPrintableAscii } from '../../../electron/odoo/printable-ascii';

describe('printable ASCII for the PLC text fields (pitfall P16)', () => {
  it('folds accents and keeps plain names untouched', () => {
    expect(toPrintableAscii('[10092] JF SAPOT 1B')).toBe('[10092] JF SAPOT 1B');
    expect(toPrintableAscii('Pakan Ñandú Crème')).toBe('Pakan Nandu Creme');
  });

  it('turns whitespace into spaces and anything else into one ? per character', () => {
    expect(toPrintableAscii('JF\tSAPOT\n1B')).toBe('JF SAPOT 1B');
    expect(toPrintableAscii('飼料 JF 🐄')).toBe('?? JF ?');
    expect(isPrintableAscii(toPrintableAscii('ß€\u0000'))).toBe(true);
  });
});
