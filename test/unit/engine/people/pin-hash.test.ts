import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../../../electron/engine/people/pin-hash';

describe('PIN hashes', () => {
  it('never contain the PIN, differ for the same PIN (random salt), and say how they were made', async () => {
    const [first, second] = await Promise.all([hashPin('482913'), hashPin('482913')]);

    expect(first).not.toContain('482913');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
  });

  it('accept the PIN they were made from and nothing else', async () => {
    const stored = await hashPin('482913');

    expect(await verifyPin('482913', stored)).toBe(true);
    expect(await verifyPin('482914', stored)).toBe(false);
    expect(await verifyPin('48291', stored)).toBe(false);
  });

  it('refuse, without throwing, a stored value that is not one of ours', async () => {
    expect(await verifyPin('482913', '482913')).toBe(false);
    expect(await verifyPin('482913', 'scrypt$0$8$1$AAAA$AAAA')).toBe(false);
  });
});
