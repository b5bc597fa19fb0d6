/**
 * The settings editor, engine side: every key with its value in force and its source, secrets only
 * as set / not set, a save validated by start-up's own rules and written to config.json (what the
 * next start reads), and the before → after the access guard puts in the audit entry.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SECRET_SET, type SettingsView } from '../../../../shared/domain';
import { BadRequestError } from '../../../../electron/engine/bad-request-error';
import { ConfigError, loadConfig } from '../../../../electron/engine/config';
import type { Caller } from '../../../../electron/engine/people/caller';
import { createSettingsHandlers } from '../../../../electron/engine/settings/settings-handlers';

const plant = {
  ODOO_BASE_URL: 'https://scada:url-pa55@odoo.plant.local',
  ODOO_DB: 'plant',
  ODOO_USERNAME: 'scada@plant.local',
  PLC_IP: '192.168.1.2',
};
const ODOO_PASSWORD = 'odoo-s3cret';
const HOST_TOKEN = 'host-token-0123456789abcdef';
const DATABASE_URL = 'postgresql://app:db-s3cret@db.plant.local/scada';

function engineer(): Caller & { notes: string[] } {
  const notes: string[] = [];
  return { user: 'Sari', role: 'engineer', station: 'ST-1', source: 'console', signature: null, notes, noteForAudit: (detail) => notes.push(detail) };
}

const setting = (view: SettingsView, key: string) => view.settings.find((s) => s.key === key);

describe('the settings editor', () => {
  let dir: string;
  let configFile: string;
  let envFile: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sms-settings-'));
    configFile = join(dir, 'config.json');
    envFile = join(dir, 'plant.env');
    writeFileSync(configFile, JSON.stringify({ ...plant, ODOO_PASSWORD, SYNC_BATCH_LIMIT: 6, PLC_NODE: 5 }));
    writeFileSync(envFile, `APP_NAME=fastapi-scada-odoo\nPLC_PORT=9700\nPLC_NODE=8\nDATABASE_URL=${DATABASE_URL}\n`);
    env = { DATA_DIR: dir, ENV_FILE: envFile, SMS_HOST_TOKEN: HOST_TOKEN, PLC_NODE: '9' };
  });

  it('shows every setting with its value in force, where it comes from and whether config.json is overridden', async () => {
    const view = await createSettingsHandlers({ env, flags: { LOG_LEVEL: 'debug' } }).getSettings(undefined, engineer());
    expect(view.configFile).toBe(configFile);
    expect(view.restartNeeded).toBe(false);
    expect(setting(view, 'ODOO_TIMEOUT_SEC')).toEqual({ key: 'ODOO_TIMEOUT_SEC', value: '30', secret: false, source: 'default', overridden: false });
    expect(setting(view, 'SYNC_BATCH_LIMIT')).toMatchObject({ value: '6', source: 'config-file', overridden: false });
    expect(setting(view, 'PLC_PORT')).toMatchObject({ value: '9700', source: 'env-file', overridden: true });
    expect(setting(view, 'PLC_NODE')).toMatchObject({ value: '9', source: 'environment', overridden: true });
    expect(setting(view, 'LOG_LEVEL')).toMatchObject({ value: 'debug', source: 'flag', overridden: true });
    expect(setting(view, 'ODOO_USERNAME')?.value).toBe('scada@plant.local');
    expect(setting(view, 'ODOO_BASE_URL')?.value).toBe('https://odoo.plant.local');
    // Where the configuration lives is not the editor's to change.
    expect(view.settings.map((s) => s.key)).not.toContain('DATA_DIR');
    expect(view.settings.map((s) => s.key)).not.toContain('ENV_FILE');
  });

  it('never returns a secret: only whether it is set', async () => {
    const view = await createSettingsHandlers({ env }).getSettings(undefined, engineer());
    expect(setting(view, 'ODOO_PASSWORD')).toMatchObject({ value: SECRET_SET, secret: true, source: 'config-file' });
    expect(setting(view, 'SMS_HOST_TOKEN')).toMatchObject({ value: SECRET_SET, secret: true, source: 'environment' });
    expect(setting(view, 'DATABASE_URL')).toMatchObject({ value: SECRET_SET, secret: true, source: 'env-file' });
    const shown = JSON.stringify(view);
    for (const secret of [ODOO_PASSWORD, HOST_TOKEN, 'db-s3cret', 'url-pa55']) expect(shown).not.toContain(secret);

    const { SMS_HOST_TOKEN: _unset, ...withoutToken } = env;
    expect(setting(await createSettingsHandlers({ env: withoutToken }).getSettings(undefined, engineer()), 'SMS_HOST_TOKEN')).toMatchObject({ value: null, secret: true });
  });

  it('writes a change to config.json, keeps its other keys, and the next start reads it', async () => {
    const caller = engineer();
    const settings = createSettingsHandlers({ env });
    const view = await settings.saveSettings({ changes: { SYNC_BATCH_LIMIT: '4', ENABLE_AUTO_SYNC: 'true', ODOO_DB: 'plant-2' }, reason: 'second line' }, caller);

    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({
      ...plant,
      ODOO_PASSWORD,
      PLC_NODE: 5,
      SYNC_BATCH_LIMIT: 4,
      ENABLE_AUTO_SYNC: true,
      ODOO_DB: 'plant-2',
    });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'plant.env']);
    const next = loadConfig({ env });
    expect(next.syncBatchLimit).toBe(4);
    expect(next.autoSync).toBe(true);
    expect(next.odoo.db).toBe('plant-2');
    // Applies at the next start, and the editor says so.
    expect(view.restartNeeded).toBe(true);
    expect(setting(view, 'SYNC_BATCH_LIMIT')).toMatchObject({ value: '4', source: 'config-file' });
    expect((await settings.getSettings(undefined, caller)).restartNeeded).toBe(true);
  });

  it('notes before → after for the audit entry, and says when the change is not in force', async () => {
    const caller = engineer();
    await createSettingsHandlers({ env }).saveSettings(
      { changes: { SYNC_BATCH_LIMIT: '4', ODOO_TIMEOUT_SEC: '45', PLC_NODE: '6', BATCH_STUCK_THRESHOLD_MINUTES: null }, reason: 'tuning' },
      caller,
    );
    expect(caller.notes).toEqual([
      'SYNC_BATCH_LIMIT: 6 → 4; ODOO_TIMEOUT_SEC: 30 → 45; PLC_NODE: 5 → 6 (not in force: the environment sets it) (applies at the next start)',
    ]);
  });

  it('refuses a bad value with the start-up message naming the key and the rule, and writes nothing', async () => {
    const before = readFileSync(configFile, 'utf8');
    const caller = engineer();
    const settings = createSettingsHandlers({ env });
    await expect(settings.saveSettings({ changes: { SYNC_BATCH_LIMIT: '11' }, reason: 'more MOs' }, caller)).rejects.toThrow(
      // What start-up says of this config.json: the number as written there.
      new ConfigError('SYNC_BATCH_LIMIT=11: must be between 1 and 10 (the PLC has 10 slots)'),
    );
    // A rule across keys, exactly as at start-up.
    await expect(settings.saveSettings({ changes: { SMS_MAX_RUN_RECORDS: '500' }, reason: 'smaller database' }, caller)).rejects.toThrow(
      'SMS_MAX_RUN_RECORDS=500: must be at least LOG_CLEANUP_KEEP_LAST (1000), the runs always kept',
    );
    await expect(settings.saveSettings({ changes: { PLC_IP: null }, reason: 'no PLC' }, caller)).rejects.toThrow(
      'PLC_IP is required outside the demo (the PLC address, e.g. 192.168.1.2)',
    );
    await expect(settings.saveSettings({ changes: { PLC_HOST: '10.0.0.1' }, reason: 'typo' }, caller)).rejects.toThrow(BadRequestError);
    await expect(settings.saveSettings({ changes: { DATA_DIR: '/elsewhere' }, reason: 'move' }, caller)).rejects.toThrow(BadRequestError);
    expect(readFileSync(configFile, 'utf8')).toBe(before);
    expect(caller.notes).toEqual([]);
  });

  it('takes a secret write-only: an empty field keeps it, a new one is noted only as changed, null removes it', async () => {
    const settings = createSettingsHandlers({ env });
    const stored = () => JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;

    const kept = engineer();
    await settings.saveSettings({ changes: { ODOO_PASSWORD: '', SMS_HOST_TOKEN: SECRET_SET }, reason: 'left blank' }, kept);
    expect(stored().ODOO_PASSWORD).toBe(ODOO_PASSWORD);
    expect(kept.notes).toEqual(['no change']);

    const changed = engineer();
    const view = await settings.saveSettings({ changes: { ODOO_PASSWORD: 'n3w-odoo-pass' }, reason: 'rotated' }, changed);
    expect(stored().ODOO_PASSWORD).toBe('n3w-odoo-pass');
    expect(changed.notes).toEqual(['ODOO_PASSWORD: changed (applies at the next start)']);
    expect(JSON.stringify(view)).not.toContain('n3w-odoo-pass');

    // The same value again is still "changed": the trail must not confirm a guessed password.
    const again = engineer();
    await settings.saveSettings({ changes: { ODOO_PASSWORD: 'n3w-odoo-pass' }, reason: 'guess' }, again);
    expect(again.notes).toEqual(['ODOO_PASSWORD: changed (applies at the next start)']);

    const removed = engineer();
    await settings.saveSettings({ changes: { ODOO_PASSWORD: null }, reason: 'Odoo user without password' }, removed);
    expect(stored()).not.toHaveProperty('ODOO_PASSWORD');
    expect(removed.notes).toEqual(['ODOO_PASSWORD: removed (applies at the next start)']);
  });
});
