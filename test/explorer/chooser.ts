/** Every choice of a schedule comes from one seeded PRNG, so a seed replays exactly. */
import { seededRandom } from '../../electron/plc/plant-model';

export class Chooser {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** An integer in lo..hi inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
}
