import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../electron/engine/clock';
import { startOdooSimulator, type OdooSimulator } from '../../electron/odoo/odoo-simulator';
import { plcMemoryMap } from '../../electron/plc/memory-map';
import { readWriteArea } from '../../electron/plc/wave-io';
import { SqliteStore } from '../../electron/store/sqlite/sqlite-store';
import { startPlcSimulator, type PlcSimulator } from '../../electron/plc/plc-simulator';
import { MemoryPlcLink } from './memory-plc-link';

/**
 * Both simulators on loopback plus a fresh data directory: the plant an
 * engine (in this process or in child processes) is pointed at through the
 * plant's own environment variables.
 */
export class TestPlant {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'sms-plant-'));

  private constructor(
    readonly odoo: OdooSimulator,
    readonly plc: PlcSimulator,
  ) {}

  /** `clock`: the PLC doses only as far as this clock has moved (a test's ManualClock holds a wave mid-dose). */
  static async start(
    options: { moCount?: number; speed?: number; batchSeconds?: number; failSlots?: number[]; clock?: Clock } = {},
  ): Promise<TestPlant> {
    const odoo = await startOdooSimulator({ port: 0, moCount: options.moCount ?? 40 });
    const plc = await startPlcSimulator({
      udpPort: 0,
      speed: options.speed ?? 1,
      ...(options.batchSeconds !== undefined ? { batchSeconds: options.batchSeconds } : {}),
      failSlots: options.failSlots ?? [],
      seed: 7,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    return new TestPlant(odoo, plc);
  }

  /** Environment for an engine pointed at this plant (the plant's variable names, README §11). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATA_DIR: this.dataDir,
      SMS_STATION: 'test-station',
      ODOO_BASE_URL: this.odoo.url,
      ODOO_DB: 'plant',
      ODOO_USERNAME: 'admin',
      ODOO_PASSWORD: 'admin',
      ODOO_TIMEOUT_SEC: '5',
      PLC_IP: '127.0.0.1',
      PLC_PORT: String(this.plc.ports.udpPort),
      PLC_TIMEOUT_SEC: '0.5',
      LOG_LEVEL: 'warn',
      ...extra,
    };
  }

  /** What the simulated PLC's WRITE area holds, slot by slot ('' = empty), read straight from its memory. */
  async writeAreaMoIds(): Promise<string[]> {
    return (await readWriteArea(new MemoryPlcLink(this.plc.memory))).slots.map((s) => s.moId);
  }

  /** The PLC takes the handed-over wave without dosing it: D7076 := 1. */
  plcTakesWave(): void {
    this.plc.memory.write(plcMemoryMap.handshake.writeAreaAck, [1]);
  }

  /** Opens the data directory's authority (after the engine using it has stopped, or beside it: WAL). */
  openStore(): SqliteStore {
    return new SqliteStore({ file: join(this.dataDir, 'smart-mo-sync.db'), lockFile: join(this.dataDir, 'sync-gate.lock') });
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.odoo.stop(), this.plc.stop()]);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
