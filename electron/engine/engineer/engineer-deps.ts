/** What the engineer actions need from the engine. */
import type { RunRecord } from '../../../shared/domain';
import type { PlcLink } from '../../plc/plc-link';
import type { AuthorityStore } from '../../store/authority-store';
import type { Clock } from '../clock';
import type { TaskBody } from '../task-runner';

export interface EngineerDeps {
  store: AuthorityStore;
  plc: PlcLink;
  clock: Clock;
  /** ODOO settle time: how long a consumption push sent without an answer may still be booking. */
  settleAfterMs: number;
  /** Records `body` as a mo-sync run with trigger 'manual' (the engine's RunRecorder). */
  recordMoSyncRun(body: TaskBody): Promise<RunRecord>;
  /** The queue changed: publish a new snapshot to the consoles. */
  queueChanged(): void;
}
