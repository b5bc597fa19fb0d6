/** Assembles what the console shows at a glance from the engine's parts (pure); warnings come from health-evaluation.ts. */
import type { AuthorityStatus, ConnectionState, NewWavesPause, OutboxEntry, QueueBatch, RunRecord, Snapshot } from '../../shared/domain';
import type { PlcLinkHealth } from '../plc/plc-link';
import type { JobState } from './scheduler';

export interface SnapshotInputs {
  station: string;
  now: number;
  queue: QueueBatch[];
  scheduler: { paused: boolean; jobs: JobState[] };
  /** Last finished run of each job, in the order of `scheduler.jobs`. */
  lastRuns: (RunRecord | null)[];
  lastSync: RunRecord | null;
  connections: { odoo: ConnectionState; plc: PlcLinkHealth; database: ConnectionState };
  outbox: { pending: number; quarantined: OutboxEntry[] };
  authority: AuthorityStatus;
  newWaves: NewWavesPause;
  /** The last successful PLC reading (plc-read done or idle): the age of the queue's PLC values. */
  lastPlcRead: RunRecord | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function buildSnapshot(inputs: SnapshotInputs): Snapshot {
  const { plc } = inputs.connections;
  return {
    station: inputs.station,
    generatedAt: new Date(inputs.now).toISOString(),
    queue: { count: inputs.queue.length, batches: inputs.queue },
    scheduler: {
      paused: inputs.scheduler.paused,
      tasks: inputs.scheduler.jobs.map((job, i) => ({
        task: job.task,
        enabled: job.enabled,
        intervalMinutes: job.intervalMs / 60_000,
        nextRunAt: iso(job.nextRunAt),
        running: job.running,
        lastRun: inputs.lastRuns[i] ?? null,
      })),
    },
    connections: {
      odoo: inputs.connections.odoo,
      plc: { state: plc.state, detail: plc.detail, lastOkAt: iso(plc.lastOkAt) },
      database: inputs.connections.database,
    },
    lastSync: inputs.lastSync,
    warnings: [],
    /** Filled in by the engine from the warnings (electron/engine/alarms). */
    alarms: [],
    outbox: inputs.outbox,
    authority: inputs.authority,
    newWaves: inputs.newWaves,
    plcReadAt: inputs.lastPlcRead?.finishedAt ?? null,
  };
}
