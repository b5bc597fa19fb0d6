/**
 * The operator's controls through the engine as a console calls them: pause new waves (plant-wide,
 * separate from PLC reading), the manual-additive checklist, the PLC values' age. The real engine on
 * a real SQLite store, an in-memory PLC, a scripted Odoo and the virtual clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/domain';
import { loadConfig } from '../../../electron/engine/config';
import { Engine } from '../../../electron/engine/engine';
import { toRecipe } from '../../../electron/odoo/mo-recipe';
import type { OdooClient } from '../../../electron/odoo/odoo-client';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { ManualClock } from '../../support/manual-clock';
import { MemoryPlcLink } from '../../support/memory-plc-link';
import { openMos } from '../../support/mo-factory';
import { MemoryLog } from '../../support/silent-log';

const HOUR = 60 * 60_000;

describe("the operator's controls, through the engine", () => {
  let dir: string;
  let store: SqliteStore;
  let plc: MemoryPlcLink;
  let clock: ManualClock;
  let log: MemoryLog;
  let engine: Engine;
  let odooListCalls: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sms-controls-'));
    store = new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
    plc = new MemoryPlcLink();
    plc.memory.write(plcMemoryMap.handshake.writeAreaAck, [1]);
    clock = new ManualClock();
    log = new MemoryLog();
    odooListCalls = 0;
    const mos = openMos(3);
    const odoo = {
      listMos: async (limit: number, offset = 0) => {
        odooListCalls++;
        return mos.slice(offset, offset + limit);
      },
    } as unknown as OdooClient;
    const config = loadConfig({
      env: {
        DATA_DIR: dir,
        SMS_STATION: 'ST-1',
        ODOO_BASE_URL: 'http://odoo.plant.local',
        ODOO_DB: 'plant',
        ODOO_USERNAME: 'scada',
        PLC_IP: '192.168.1.2',
        ENABLE_AUTO_SYNC: 'true',
        SYNC_INTERVAL_MINUTES: '60',
        PLC_READ_INTERVAL_MINUTES: '5',
        ENABLE_TASK_5_EQUIPMENT_FAILURE: 'false',
        ENABLE_TASK_6_LOG_CLEANUP: 'false',
      },
      file: {},
    });
    engine = new Engine({ config, store, plc, odoo, toRecipe, clock, log });
    await engine.start();
  });

  afterEach(async () => {
    await engine.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const handlers = () => engine.backend.handlers;
  const nextSnapshot = () => new Promise<Snapshot>((resolve) => engine.bus.subscribe('snapshot', resolve));
  const logged = (level: string) => log.entries.filter((e) => e.level === level).map((e) => e.message);

  describe('pause new waves', () => {
    it('is stored with when, where and why, logged as a warning, and every console is told', async () => {
      const published = nextSnapshot();

      const pause = await handlers().setNewWavesPaused({ paused: true, reason: 'cleaning silo C' });

      expect(pause).toEqual({ paused: true, changedAt: new Date(clock.now()).toISOString(), changedBy: 'ST-1', reason: 'cleaning silo C' });
      expect((await published).newWaves).toEqual(pause);
      expect((await engine.snapshot()).newWaves).toEqual(pause);
      expect(log.entries).toContainEqual({
        level: 'warn',
        message: 'New waves paused at station ST-1: cleaning silo C (PLC reading and Odoo booking go on)',
        fields: { station: 'ST-1', reason: 'cleaning silo C' },
      });
    });

    it('while paused the timer and Sync now fetch nothing, and PLC reading goes on; resumed, the next sync fetches', async () => {
      await handlers().setNewWavesPaused({ paused: true, reason: 'cleaning silo C' });

      await clock.advance(HOUR);
      const timed = await engine.snapshot();
      const manual = await handlers().syncNow();

      expect(timed.lastSync).toMatchObject({ trigger: 'schedule', outcome: 'skipped' });
      expect(timed.lastSync?.reason).toMatch(/^New waves are paused \(since .* at station ST-1: cleaning silo C\); PLC reading and Odoo booking go on$/);
      expect(manual).toMatchObject({ trigger: 'manual', outcome: 'skipped', reason: timed.lastSync?.reason });
      expect(odooListCalls).toBe(0);
      expect(timed.scheduler.paused).toBe(false);
      expect(timed.scheduler.tasks.find((t) => t.task === 'plc-read')?.lastRun?.outcome).toBe('idle');

      const resumed = await handlers().setNewWavesPaused({ paused: false, reason: 'silo C clean' });
      expect(resumed).toMatchObject({ paused: false, changedBy: 'ST-1', reason: 'silo C clean' });
      expect(logged('info')).toContain('New waves resumed at station ST-1: silo C clean');
      expect((await handlers().syncNow()).outcome).toBe('fetched');
    });

    it('pausing twice is refused with what holds already; nothing more is logged', async () => {
      await handlers().setNewWavesPaused({ paused: true, reason: 'cleaning silo C' });

      await expect(handlers().setNewWavesPaused({ paused: true, reason: 'again' })).rejects.toThrow(
        /^nothing changed: New waves are paused \(since .* at station ST-1: cleaning silo C\)/,
      );
      await expect(handlers().setNewWavesPaused({ paused: false, reason: 'resume' })).resolves.toMatchObject({ paused: false });
      await expect(handlers().setNewWavesPaused({ paused: false, reason: 'resume twice' })).rejects.toThrow('nothing changed: new waves are not paused');
      expect(log.entries.filter((e) => /^New waves/.test(e.message))).toHaveLength(2);
    });

    it("the engineer's pause of the scheduler is logged with what it stops (all timers, PLC reading included)", async () => {
      await handlers().setSchedulerPaused({ paused: true });
      await handlers().setSchedulerPaused({ paused: true });
      await handlers().setSchedulerPaused({ paused: false });

      expect(logged('warn')).toEqual(['Scheduler paused at station ST-1: all timers stop, PLC reading included']);
      expect(logged('info')).toContain('Scheduler resumed at station ST-1: all timers run again');
    });
  });

  describe('manual additives', () => {
    it("the wave's hand-weighed additives are on each batch, unticked; the operator ticks and unticks them (recorded and logged)", async () => {
      await handlers().syncNow();
      const [batch] = (await engine.snapshot()).queue.batches;
      expect(batch?.manualAdditives).toEqual([{ position: 2, name: '[40022] GARAM', quantity: 2.5, uom: 'kg', checkedAt: null, checkedBy: null }]);

      await clock.advance(90_000);
      const ticked = await handlers().checkManualAdditive({ moId: 'WH/MO/00011', position: 2, checked: true });
      await handlers().checkManualAdditive({ moId: 'WH/MO/00011', position: 2, checked: true });

      expect(ticked).toMatchObject({ position: 2, checkedAt: new Date(clock.now()).toISOString(), checkedBy: 'ST-1' });
      expect((await engine.snapshot()).queue.batches[0]?.manualAdditives[0]).toEqual(ticked);

      const unticked = await handlers().checkManualAdditive({ moId: 'WH/MO/00011', position: 2, checked: false });
      expect(unticked).toMatchObject({ checkedAt: null, checkedBy: null });
      expect(logged('info').filter((m) => m.startsWith('MO WH/MO/00011: operator'))).toEqual([
        'MO WH/MO/00011: operator ticked [40022] GARAM 2.5 kg (station ST-1)',
        'MO WH/MO/00011: operator unticked [40022] GARAM 2.5 kg (station ST-1)',
      ]);
    });

    it('only an existing line of a batch in the queue', async () => {
      await handlers().syncNow();

      await expect(handlers().checkManualAdditive({ moId: 'WH/MO/00011', position: 0, checked: true })).rejects.toThrow(
        'WH/MO/00011 has no manual additive at position 0',
      );
      await expect(handlers().checkManualAdditive({ moId: 'WH/MO/00099', position: 2, checked: true })).rejects.toThrow('WH/MO/00099 is not in the queue');
    });
  });

  describe("the PLC values' age", () => {
    it('is the end of the last successful PLC reading; a failed reading does not make old values look new', async () => {
      expect((await engine.snapshot()).plcReadAt).toBeNull();
      await handlers().syncNow();

      await clock.advance(2_000);
      const read = await handlers().runTask({ task: 'plc-read' });
      await clock.advance(60_000);
      plc.failNext = new Error('PLC unreachable (192.168.1.2:9600/udp): timeout after 3 attempts');
      const failed = await handlers().runTask({ task: 'plc-read' });

      expect(read.outcome).toBe('idle');
      expect(failed.outcome).toBe('error');
      expect((await engine.snapshot()).plcReadAt).toBe(read.finishedAt);
    });
  });
});
