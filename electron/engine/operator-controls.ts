/**
 * The operator's controls (issue 10), as the console's handlers call them: pause or resume new
 * waves for the whole plant, and tick the hand-weighed additives of a queued batch. Each change
 * is stored in the authority (every station sees it), logged with the station, and announced.
 */
import type { ManualAdditive, NewWavesPause } from '../../shared/domain';
import { AuthorityUnavailableError, type AuthorityStore } from '../store/authority-store';
import { NEVER_PAUSED } from '../store/operator-controls';
import type { Clock } from './clock';
import type { EngineLog } from './engine-log';
import { newWavesPausedReason } from './tasks/mo-sync/new-waves-pause';

export interface OperatorControlsDeps {
  store: AuthorityStore;
  clock: Clock;
  log: EngineLog;
  station: string;
  /** Something every console shows changed (publish a snapshot). */
  changed(): void;
}

export interface OperatorControls {
  /** For the snapshot; while the authority cannot be reached, the last known state (the mirror holds no controls). */
  newWavesPause(): Promise<NewWavesPause>;
  /** `by` signs the change (a signed-in person, "Sari @ ST-1"); the station when nobody is signed in. */
  setNewWavesPaused(input: { paused: boolean; reason: string }, by?: string): Promise<NewWavesPause>;
  checkManualAdditive(input: { moId: string; position: number; checked: boolean }, by?: string): Promise<ManualAdditive>;
}

export function createOperatorControls(deps: OperatorControlsDeps): OperatorControls {
  const { store, clock, log, station } = deps;
  const now = () => new Date(clock.now()).toISOString();
  let lastKnownPause = NEVER_PAUSED;

  return {
    async newWavesPause() {
      try {
        lastKnownPause = await store.newWavesPause();
      } catch (error) {
        if (!(error instanceof AuthorityUnavailableError)) throw error;
      }
      return lastKnownPause;
    },

    async setNewWavesPaused({ paused, reason }, by = station) {
      const { pause, changed } = await store.setNewWavesPause({ paused, reason, at: now(), station: by });
      if (!changed) throw new Error(`nothing changed: ${newWavesPausedReason(pause) ?? 'new waves are not paused'}`);
      if (paused) log.warn(`New waves paused at station ${station}: ${reason} (PLC reading and Odoo booking go on)`, { station, reason });
      else log.info(`New waves resumed at station ${station}: ${reason}`, { station, reason });
      lastKnownPause = pause;
      deps.changed();
      return pause;
    },

    async checkManualAdditive({ moId, position, checked }, by = station) {
      const result = await store.checkManualAdditive({ moId, position, checked, at: now(), station: by });
      if (!result) {
        const queued = (await store.listQueue()).some((batch) => batch.moId === moId);
        throw new Error(queued ? `${moId} has no manual additive at position ${position}` : `${moId} is not in the queue`);
      }
      const { additive, changed } = result;
      // Ticking a line already ticked (two operators at once) keeps the first tick and says nothing twice.
      if (!changed) return additive;
      const amount = additive.quantity === null ? '' : ` ${additive.quantity} ${additive.uom}`;
      log.info(`MO ${moId}: ${by === station ? 'operator' : by} ${checked ? 'ticked' : 'unticked'} ${additive.name}${amount} (station ${station})`, { moId, station });
      deps.changed();
      return additive;
    },
  };
}
