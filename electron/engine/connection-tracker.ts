/**
 * Remembers how the last contact with a peer went, so the console can show
 * "Odoo: down — connection refused (since 08:14)" without probing it itself.
 */
import type { ConnectionState } from '../../shared/domain';
import type { Clock } from './clock';
import { errorMessage } from './task-runner';

export class ConnectionTracker {
  private current: ConnectionState = { state: 'unknown', detail: 'not contacted yet', lastOkAt: null };

  constructor(
    private readonly clock: Clock,
    private readonly onChange: () => void = () => undefined,
  ) {}

  state(): ConnectionState {
    return this.current;
  }

  /** Awaits `work`, recording its success or failure; the result or error passes through unchanged. */
  async track<T>(work: Promise<T>): Promise<T> {
    try {
      const result = await work;
      this.set({ state: 'ok', detail: 'answering', lastOkAt: new Date(this.clock.now()).toISOString() });
      return result;
    } catch (error) {
      this.set({ state: 'down', detail: errorMessage(error), lastOkAt: this.current.lastOkAt });
      throw error;
    }
  }

  private set(next: ConnectionState): void {
    const changed = next.state !== this.current.state || next.detail !== this.current.detail;
    this.current = next;
    if (changed) this.onChange();
  }
}
