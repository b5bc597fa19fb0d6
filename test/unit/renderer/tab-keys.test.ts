import { describe, expect, it } from 'vitest';
import { tabAfterKey } from '../../../renderer/state/tab-keys';

describe('tabs follow WAI-ARIA keys', () => {
  it('moves with the arrows, wrapping at both ends', () => {
    expect(tabAfterKey('ArrowRight', 2, 7)).toBe(3);
    expect(tabAfterKey('ArrowRight', 6, 7)).toBe(0);
    expect(tabAfterKey('ArrowLeft', 0, 7)).toBe(6);
  });

  it('jumps to the first and last with Home and End', () => {
    expect(tabAfterKey('Home', 4, 7)).toBe(0);
    expect(tabAfterKey('End', 1, 7)).toBe(6);
  });

  it('leaves every other key to the browser (Tab leaves the tab list)', () => {
    expect(tabAfterKey('Tab', 1, 7)).toBeNull();
    expect(tabAfterKey('ArrowDown', 1, 7)).toBeNull();
  });
});
