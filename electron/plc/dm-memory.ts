/** DM words D0..D32767 of an Omron CPU, as unsigned 16-bit values. */
export const DM_WORDS = 32768;

export class DmMemory {
  private readonly words = new Uint16Array(DM_WORDS);

  read(address: number, count: number): number[] {
    assertRange(address, count);
    return Array.from(this.words.subarray(address, address + count));
  }

  write(address: number, values: readonly number[]): void {
    assertRange(address, values.length);
    values.forEach((value, i) => {
      if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
        throw new RangeError(`D${address + i}: ${value} is not an unsigned 16-bit word`);
      }
      this.words[address + i] = value;
    });
  }
}

function assertRange(address: number, count: number): void {
  if (!Number.isInteger(address) || !Number.isInteger(count) || address < 0 || count < 0 || address + count > DM_WORDS) {
    throw new RangeError(`D${address}+${count} is outside the DM area D0..D${DM_WORDS - 1}`);
  }
}
