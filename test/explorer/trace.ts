/** A schedule's readable story: what happened, when and to whom. Printed when an invariant breaks. */
import { SIM_EPOCH } from './sim-clock';

export class Trace {
  readonly lines: string[] = [];

  constructor(private readonly now: () => number) {}

  add(who: string, what: string): void {
    this.lines.push(`${stamp(this.now() - SIM_EPOCH)} [${who}] ${what}`);
  }
}

function stamp(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `+${String(minutes).padStart(3, '0')}:${seconds}`;
}
