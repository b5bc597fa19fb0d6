/**
 * A settings change through the engine as a host calls it: behind the access guard, written to
 * config.json, and recorded in the audit trail with the editor's before → after. The real engine
 * on a real SQLite store, an in-memory PLC and the virtual clock.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../electron/engine/config';
import { Engine } from '../../../../electron/engine/engine';
import { toRecipe } from '../../../../electron/odoo/mo-recipe';
import type { OdooClient } from '../../../../electron/odoo/odoo-client';
import { SqliteStore } from '../../../../electron/store/sqlite/sqlite-store';
import { ManualClock } from '../../../support/manual-clock';
import { MemoryPlcLink } from '../../../support/memory-plc-link';
import { MemoryLog } from '../../../support/silent-log';

describe('the settings editor, through the engine', () => {
  let dir: string;
  let store: SqliteStore;
  let engine: Engine;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sms-settings-engine-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ODOO_PASSWORD: 'odoo-s3cret' }));
    const env = { DATA_DIR: dir, SMS_STATION: 'ST-1', ODOO_BASE_URL: 'http://odoo.plant.local', ODOO_DB: 'plant', ODOO_USERNAME: 'scada', PLC_IP: '192.168.1.2' };
    store = new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
    const config = loadConfig({ env });
    const odoo = { listMos: async () => [] } as unknown as OdooClient;
    engine = new Engine({ config, store, plc: new MemoryPlcLink(), odoo, toRecipe, clock: new ManualClock(), log: new MemoryLog(), configInputs: { env } });
    await engine.start({ schedule: false });
  });

  afterEach(async () => {
    await engine.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('audits a change with before → after, a secret only as changed, and a refused value with the start-up message', async () => {
    const { handlers } = engine.backend;
    const view = await handlers.saveSettings({ changes: { SYNC_BATCH_LIMIT: '5', ODOO_PASSWORD: 'n3w-odoo-pass' }, reason: 'second line' });
    expect(view.restartNeeded).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ ODOO_PASSWORD: 'n3w-odoo-pass', SYNC_BATCH_LIMIT: 5 });
    await expect(handlers.saveSettings({ changes: { PLC_PROTOCOL: 'serial' }, reason: 'try serial' })).rejects.toThrow(`PLC_PROTOCOL="serial": must be 'udp' or 'tcp'`);

    const { items } = await handlers.listAudit({ pageSize: 10 });
    const saves = items.filter((entry) => entry.action === 'saveSettings');
    expect(saves.map((entry) => [entry.outcome, entry.reason, entry.detail])).toEqual([
      ['failed', 'try serial', `PLC_PROTOCOL="serial": must be 'udp' or 'tcp'`],
      ['done', 'second line', 'SYNC_BATCH_LIMIT: 10 → 5; ODOO_PASSWORD: changed (applies at the next start)'],
    ]);
    expect(JSON.stringify(items)).not.toMatch(/s3cret|n3w-odoo-pass/);
  });
});
