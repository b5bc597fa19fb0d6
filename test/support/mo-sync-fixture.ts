import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord, Trigger, WaveResolution } from '../../shared/domain';
import { RunRecorder, type TaskBody } from '../../electron/engine/task-runner';
import { createMoSyncTask, type MoSyncStep } from '../../electron/engine/tasks/mo-sync/mo-sync-task';
import { createWaveResolution } from '../../electron/engine/tasks/mo-sync/resolve-wave';
import { toRecipe } from '../../electron/odoo/mo-recipe';
import type { OdooMo } from '../../electron/odoo/odoo-replies';
import { DmMemory } from '../../electron/plc/dm-memory';
import { plcMemoryMap } from '../../electron/plc/memory-map';
import { readWriteArea } from '../../electron/plc/wave-io';
import { SqliteStore } from '../../electron/store/sqlite/sqlite-store';
import { archiveQueue } from './archive-queue';
import { ManualClock } from './manual-clock';
import { MemoryPlcLink } from './memory-plc-link';
import { MemoryLog } from './silent-log';

/** Task 1 wired to a real SQLite store in a temp dir, an in-memory PLC and a scripted Odoo list. */
export class MoSyncFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'mo-sync-'));
  readonly store = new SqliteStore({ file: join(this.dir, 'authority.db'), lockFile: join(this.dir, 'gate.lock') });
  readonly memory = new DmMemory();
  readonly plc = new MemoryPlcLink(this.memory);
  readonly clock = new ManualClock();
  readonly log = new MemoryLog();
  odooListCalls = 0;
  odooFailure: Error | null = null;
  /** Odoo answering every page with the first one, as a server that ignores `offset` would. */
  odooIgnoresOffset = false;
  /** Called before Odoo answers each list request: a test changes Odoo's list while a sync pages through it. */
  beforeListing: ((offset: number) => void) | undefined;
  /** What the last scans told the console about MOs produced here that Odoo still lists. */
  odooBacklog: number | null = null;
  checkpoint: ((step: MoSyncStep) => void) | undefined;

  constructor(public mos: OdooMo[]) {
    this.memory.write(plcMemoryMap.handshake.writeAreaAck, [1]);
  }

  task = this.startTask();

  /** A new process on the same store: what the task kept in memory is gone. */
  restart(): void {
    this.task = this.startTask();
  }

  private startTask(): TaskBody {
    return createMoSyncTask<OdooMo>({
      store: this.store,
      plc: this.plc,
      odoo: {
        listMos: async (limit, offset) => {
          this.odooListCalls++;
          if (this.odooFailure) throw this.odooFailure;
          this.beforeListing?.(offset);
          const from = this.odooIgnoresOffset ? 0 : offset;
          return this.mos.slice(from, from + limit);
        },
      },
      toRecipe,
      clock: this.clock,
      station: 'test-station',
      batchLimit: 10,
      log: this.log,
      checkpoint: (step) => this.checkpoint?.(step),
      onOdooBacklog: (count) => (this.odooBacklog = count),
    });
  }

  /** MOs produced and archived here before the test began, as Odoo still lists them (P8). */
  recordProducedEarlier(moIds: readonly string[]): void {
    const insert = this.store.connection.prepare(
      `INSERT INTO mo_histories (id, batch_no, mo_id, consumption, equipment_id_batch, status, archived_at)
       VALUES (?, 1, ?, 1000, 'PLC01', 'completed', '2026-11-01T00:00:00.000Z')`,
    );
    this.store.connection.transaction(() => {
      for (const moId of moIds) insert.run(`earlier-${moId}`, moId);
    })();
  }

  private readonly recorder = new RunRecorder({ store: this.store, clock: this.clock, station: 'test-station', pid: process.pid, onRun: () => undefined });

  sync(trigger: Trigger = 'manual'): Promise<RunRecord> {
    return this.recorder.run('mo-sync', trigger, this.task);
  }

  /** An operator's Hand over / Withdraw of a wave held for them, recorded as the engine records it. */
  resolve(action: WaveResolution, reason: string): Promise<RunRecord> {
    return this.recorder.run('mo-sync', 'manual', createWaveResolution(this, action, reason));
  }

  /** What the PLC's WRITE area holds, slot by slot ('' = empty slot). */
  async plcWaveMoIds(): Promise<string[]> {
    return (await readWriteArea(this.plc)).slots.map((s) => s.moId);
  }

  handshake(): number {
    return this.memory.read(plcMemoryMap.handshake.writeAreaAck, 1)[0] ?? -1;
  }

  /** The PLC takes the handed-over wave: D7076 := 1 (as the real PLC does after reading the recipes). */
  plcTakesWave(): void {
    this.memory.write(plcMemoryMap.handshake.writeAreaAck, [1]);
  }

  async queueMoIds(): Promise<string[]> {
    return (await this.store.listQueue()).map((b) => b.moId);
  }

  /** Moves every queued batch to the archive, as Task 3 does after Odoo accepted the consumption. */
  archiveQueue(status: 'completed' | 'cancelled' = 'completed'): void {
    archiveQueue(this.store.connection, status);
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
