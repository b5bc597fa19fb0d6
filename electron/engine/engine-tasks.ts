/** The six tasks, wired to the engine's parts (../shared/plant/README.md §3 for what each one does). */
import type { HealthWarning, TaskName } from '../../shared/domain';
import type { RecipeResult } from '../odoo/mo-recipe';
import type { OdooClient } from '../odoo/odoo-client';
import type { OdooMo } from '../odoo/odoo-replies';
import type { PlcLink } from '../plc/plc-link';
import type { AuthorityStore } from '../store/authority-store';
import type { Clock } from './clock';
import type { EngineConfig } from './config';
import type { ConnectionTracker } from './connection-tracker';
import type { EngineLog } from './engine-log';
import type { TaskBody } from './task-runner';
import { createCompleteTask } from './tasks/complete/complete-task';
import { courierClaimant } from './tasks/complete/courier-claimant';
import { OutboxCourier, type CompleteStep } from './tasks/complete/outbox-courier';
import { createEquipmentFailureTask } from './tasks/equipment-failure/equipment-failure-task';
import { createHealthTask } from './tasks/health/health-task';
import { createLogCleanupTask } from './tasks/log-cleanup/log-cleanup-task';
import { createMoSyncTask, type MoSyncStep } from './tasks/mo-sync/mo-sync-task';
import { PLANT_LIMITS, type Finding } from './tasks/plc-read/feedback-judgement';
import { createPlcReadTask, type PlcReadStep } from './tasks/plc-read/plc-read-task';

/** Crash tests kill the process at these named points. */
export interface Checkpoints {
  moSync?: (step: MoSyncStep) => void;
  plcRead?: (step: PlcReadStep) => void;
  complete?: (step: CompleteStep) => void;
}

export interface TaskWiring {
  config: EngineConfig;
  store: AuthorityStore;
  plc: PlcLink;
  odoo: OdooClient;
  odooLink: ConnectionTracker;
  toRecipe(mo: OdooMo, batchNo: number): RecipeResult;
  clock: Clock;
  log: EngineLog;
  checkpoints: Checkpoints;
  /** This process, as outbox claims name it (engine.ts: the real one, or a simulated one). */
  pid: number;
  onFindings(findings: Finding[]): void;
  /** After each sync's scan: MOs produced here that Odoo still lists. */
  onOdooBacklog(count: number): void;
  /** Whether this station may send to Odoo right now (plant mode: it still holds the PLC lease). */
  mayDeliver(): Promise<boolean>;
  /** MOs whose finish the last PLC reading held back as implausible. */
  heldFinishes(): ReadonlySet<string>;
  evaluateHealth(): Promise<HealthWarning[]>;
}

/** Room in an outbox claim for the store writes around the Odoo calls. */
const CLAIM_MARGIN_MS = 30_000;

export function createTaskBodies(w: TaskWiring): Record<TaskName, TaskBody> {
  const { config, store, plc, clock, log, checkpoints } = w;
  const tracked = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => (...args: A) => w.odooLink.track(call(...args));
  const odoo = {
    listMos: tracked((limit: number, offset: number) => w.odoo.listMos(limit, offset)),
    moDetail: tracked((moId: string) => w.odoo.moDetail(moId)),
    updateWithConsumptions: tracked((payload: Parameters<OdooClient['updateWithConsumptions']>[0]) => w.odoo.updateWithConsumptions(payload)),
    cancelMo: tracked((moId: string) => w.odoo.cancelMo(moId)),
    markDone: tracked((moId: string, kg: number, at: Date) => w.odoo.markDone(moId, kg, at)),
    reportEquipmentFailure: tracked((report: Parameters<OdooClient['reportEquipmentFailure']>[0]) => w.odoo.reportEquipmentFailure(report)),
  };
  const courier = new OutboxCourier({
    store,
    odoo,
    clock,
    retry: config.odoo.retry,
    claimant: courierClaimant(config.station, w.pid, clock.now()),
    // One Odoo call may be a login and the call, twice over (a session expired on the way), each up to the timeout.
    claimMs: 4 * config.odoo.timeoutMs + CLAIM_MARGIN_MS,
    settleAfterMs: config.odoo.settleAfterMs,
    mayDeliver: w.mayDeliver,
    ...(checkpoints.complete ? { checkpoint: checkpoints.complete } : {}),
  });
  return {
    'mo-sync': createMoSyncTask<OdooMo>({
      store,
      plc,
      odoo,
      toRecipe: w.toRecipe,
      clock,
      station: config.station,
      batchLimit: config.syncBatchLimit,
      log: log.child({ task: 'mo-sync' }),
      heldFinishes: w.heldFinishes,
      onOdooBacklog: w.onOdooBacklog,
      ...(checkpoints.moSync ? { checkpoint: checkpoints.moSync } : {}),
    }),
    'plc-read': createPlcReadTask({
      store,
      plc,
      clock,
      limits: { ...PLANT_LIMITS, warnWeightKg: config.expectedBatchMaxKg + config.batchWeightWarnMarginKg },
      log: log.child({ task: 'plc-read' }),
      onFindings: w.onFindings,
      ...(checkpoints.plcRead ? { checkpoint: checkpoints.plcRead } : {}),
    }),
    complete: createCompleteTask({
      store,
      courier,
      clock,
      finishedWeightKey: config.odoo.finishedWeightKey,
      releaseQueueBeforeOdoo: config.releaseQueueBeforeOdoo,
      markDone: config.odoo.markDone,
      odooConcurrency: config.odoo.concurrency,
    }),
    health: createHealthTask(w.evaluateHealth),
    'equipment-failure': createEquipmentFailureTask({ store, plc, clock }),
    'log-cleanup': createLogCleanupTask({
      store,
      clock,
      retentionDays: config.logRetentionDays,
      keepLast: config.logCleanupKeepLast,
      maxRuns: config.maxRunRecords,
    }),
  };
}
