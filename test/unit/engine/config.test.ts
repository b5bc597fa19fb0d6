import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../electron/engine/config';
import { parseEngineFlags } from '../../../electron/engine/engine-flags';
import { publicConfig } from '../../../electron/engine/public-config';
import { configErrorOf as errorOf } from '../../support/config-error';

const plant = {
  ODOO_BASE_URL: 'https://odoo.plant.local',
  ODOO_DB: 'plant',
  ODOO_USERNAME: 'scada',
  ODOO_PASSWORD: 's3cret',
  PLC_IP: '192.168.1.2',
};

describe('configuration', () => {
  it('with nothing configured, runs the embedded demo with the loop switched on', () => {
    const config = loadConfig({ env: { DATA_DIR: '/tmp/x' }, file: {} });
    expect(config.demo).toBe(true);
    expect(config.autoSync).toBe(true);
    expect(config.syncBatchLimit).toBe(10);
  });

  it("reads the plant's own variable names with the plant's defaults", () => {
    const config = loadConfig({ env: { ...plant, DATA_DIR: '/tmp/x' }, file: {} });
    expect(config.demo).toBe(false);
    expect(config.autoSync).toBe(false);
    expect(config.tasks['mo-sync']).toEqual({ enabled: true, intervalMs: 60 * 60_000 });
    expect(config.tasks['plc-read'].intervalMs).toBe(5 * 60_000);
    expect(config.plc).toMatchObject({ host: '192.168.1.2', port: 9600, protocol: 'udp', timeoutMs: 2000, clientNode: 1, plcNode: 2 });
    expect(config.odoo.baseUrl).toBe('https://odoo.plant.local');
  });

  it('refuses SYNC_BATCH_LIMIT=11 with one message naming the key and the rule', () => {
    expect(errorOf(() => loadConfig({ env: { ...plant, SYNC_BATCH_LIMIT: '11' }, file: {} }))).toBe(
      'SYNC_BATCH_LIMIT="11": must be between 1 and 10 (the PLC has 10 slots)',
    );
  });

  it('reads a timed-out push back only after ODOO_SETTLE_AFTER_SEC (default 150 s, beyond Odoo 14\'s 120 s); 0 is refused', () => {
    expect(loadConfig({ env: { ...plant, DATA_DIR: '/tmp/x' }, file: {} }).odoo.settleAfterMs).toBe(150_000);
    expect(loadConfig({ env: { ...plant, ODOO_SETTLE_AFTER_SEC: '300' }, file: {} }).odoo.settleAfterMs).toBe(300_000);
    expect(errorOf(() => loadConfig({ env: { ...plant, ODOO_SETTLE_AFTER_SEC: '0' }, file: {} }))).toBe(
      "ODOO_SETTLE_AFTER_SEC=\"0\": must be a positive number of seconds (beyond Odoo's limit_time_real, 120 s by default)",
    );
  });

  it('caps an Odoo reply at ODOO_MAX_REPLY_MB (default 16); below the size of a page of MOs is refused', () => {
    expect(loadConfig({ env: { ...plant }, file: {} }).odoo.maxReplyBytes).toBe(16 * 1024 * 1024);
    expect(loadConfig({ env: { ...plant, ODOO_MAX_REPLY_MB: '64' }, file: {} }).odoo.maxReplyBytes).toBe(64 * 1024 * 1024);
    expect(errorOf(() => loadConfig({ env: { ...plant, ODOO_MAX_REPLY_MB: '0.5' }, file: {} }))).toBe(
      'ODOO_MAX_REPLY_MB="0.5": must be at least 2 (a page of 100 MOs is about 0.7 MB)',
    );
  });

  it('delivers to Odoo 4 MOs at a time by default (ODOO_CONCURRENCY 1..10); 0 and 11 are refused', () => {
    expect(loadConfig({ env: { ...plant, DATA_DIR: '/tmp/x' }, file: {} }).odoo.concurrency).toBe(4);
    expect(loadConfig({ env: { ...plant, ODOO_CONCURRENCY: '1' }, file: {} }).odoo.concurrency).toBe(1);
    expect(errorOf(() => loadConfig({ env: { ...plant, ODOO_CONCURRENCY: '0' }, file: {} }))).toBe('ODOO_CONCURRENCY="0": must be between 1 and 10 (1 books one MO after another)');
    expect(errorOf(() => loadConfig({ env: { ...plant, ODOO_CONCURRENCY: '11' }, file: {} }))).toBe('ODOO_CONCURRENCY="11": must be between 1 and 10 (a wave has at most 10 MOs)');
  });

  it("opens the console in Bahasa Indonesia by default (UI_LANGUAGE=id|en, shown to the console); anything else is refused", () => {
    expect(publicConfig(loadConfig({ env: { ...plant }, file: {} }), 'sqlite').uiLanguage).toBe('id');
    expect(publicConfig(loadConfig({ env: { ...plant, UI_LANGUAGE: 'en' }, file: {} }), 'sqlite').uiLanguage).toBe('en');
    expect(errorOf(() => loadConfig({ env: { ...plant, UI_LANGUAGE: 'de' }, file: {} }))).toBe(
      "UI_LANGUAGE=\"de\": must be 'id' (Bahasa Indonesia) or 'en' (English)",
    );
  });

  it("reads the plant env file's Python log levels (INFO, WARNING); an unknown level is refused", () => {
    expect(loadConfig({ env: { ...plant, LOG_LEVEL: 'INFO' }, file: {} }).logLevel).toBe('info');
    expect(loadConfig({ env: { ...plant, LOG_LEVEL: 'WARNING' }, file: {} }).logLevel).toBe('warn');
    expect(errorOf(() => loadConfig({ env: { ...plant, LOG_LEVEL: 'LOUD' }, file: {} }))).toMatch(/^LOG_LEVEL=/);
  });

  it('opens the desktop window in kiosk mode only when SMS_KIOSK says so; anything but a yes or no is refused', () => {
    expect(loadConfig({ env: { ...plant }, file: {} }).kiosk).toBe(false);
    expect(loadConfig({ env: { ...plant, SMS_KIOSK: 'true' }, file: {} }).kiosk).toBe(true);
    expect(loadConfig({ env: { ...plant }, file: { SMS_KIOSK: true } }).kiosk).toBe(true);
    expect(errorOf(() => loadConfig({ env: { ...plant, SMS_KIOSK: 'fullscreen' }, file: {} }))).toMatch(/^SMS_KIOSK="fullscreen": /);
  });

  it('signs a person out after SMS_SIGN_OUT_MINUTES without an action (default 15; 1..1440)', () => {
    expect(loadConfig({ env: { ...plant }, file: {} }).signOutMinutes).toBe(15);
    expect(loadConfig({ env: { ...plant, SMS_SIGN_OUT_MINUTES: '5' }, file: {} }).signOutMinutes).toBe(5);
    expect(errorOf(() => loadConfig({ env: { ...plant, SMS_SIGN_OUT_MINUTES: '0' }, file: {} }))).toBe('SMS_SIGN_OUT_MINUTES="0": must be at least 1 minute');
    expect(errorOf(() => loadConfig({ env: { ...plant, SMS_SIGN_OUT_MINUTES: '2000' }, file: {} }))).toMatch(/^SMS_SIGN_OUT_MINUTES="2000": must be at most 1440/);
  });

  it('keeps at most SMS_MAX_RUN_RECORDS runs (default 200,000), never fewer than LOG_CLEANUP_KEEP_LAST', () => {
    expect(loadConfig({ env: { ...plant, DATA_DIR: '/tmp/x' }, file: {} }).maxRunRecords).toBe(200_000);
    expect(loadConfig({ env: { ...plant, SMS_MAX_RUN_RECORDS: '5000' }, file: {} }).maxRunRecords).toBe(5000);
    expect(errorOf(() => loadConfig({ env: { ...plant, SMS_MAX_RUN_RECORDS: '500' }, file: {} }))).toBe(
      'SMS_MAX_RUN_RECORDS=500: must be at least LOG_CLEANUP_KEEP_LAST (1000), the runs always kept',
    );
    expect(errorOf(() => loadConfig({ env: { ...plant, SMS_MAX_RUN_RECORDS: '0' }, file: {} }))).toBe('SMS_MAX_RUN_RECORDS="0": must be at least 1');
  });

  it('names the key for a bad protocol, port or node', () => {
    expect(errorOf(() => loadConfig({ env: { ...plant, PLC_PROTOCOL: 'serial' }, file: {} }))).toBe(
      `PLC_PROTOCOL="serial": must be 'udp' or 'tcp'`,
    );
    expect(errorOf(() => loadConfig({ env: { ...plant, PLC_NODE: '300' }, file: {} }))).toBe('PLC_NODE="300": must be a FINS node number 1..254');
    expect(errorOf(() => loadConfig({ env: { ...plant, ENABLE_AUTO_SYNC: 'maybe' }, file: {} }))).toMatch(/^ENABLE_AUTO_SYNC="maybe": /);
  });

  it('defaults < config file < environment < flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...plant, SYNC_BATCH_LIMIT: 4, PLC_PORT: 9700, PLC_NODE: 5 }));
    const config = loadConfig({ env: { DATA_DIR: dir, SYNC_BATCH_LIMIT: '6', PLC_NODE: '7' }, flags: { SYNC_BATCH_LIMIT: 8 } });
    expect(config.dataDir).toBe(dir);
    expect(config.syncBatchLimit).toBe(8);
    expect(config.plc.plcNode).toBe(7);
    expect(config.plc.port).toBe(9700);
  });

  it('refuses a config file with an unknown key (a typo must not be silently ignored)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ PLC_HOST: '10.0.0.1' }));
    expect(errorOf(() => loadConfig({ env: { DATA_DIR: dir } }))).toMatch(/config\.json: unknown key PLC_HOST/);
    writeFileSync(join(dir, 'config.json'), '{ not json');
    expect(errorOf(() => loadConfig({ env: { DATA_DIR: dir } }))).toMatch(/config\.json: not valid JSON/);
  });

  it('never repeats a secret in an error message', () => {
    const message = errorOf(() => loadConfig({ env: { ...plant, SMS_HOST_TOKEN: 'x'.repeat(300), SMS_HOST_PORT: 'abc' }, file: {} }));
    expect(message).not.toContain('s3cret');
    const dbMessage = errorOf(() => loadConfig({ env: { ...plant, DATABASE_URL: 'mysql://u:pw@h/db' }, file: {} }));
    expect(dbMessage).toBe('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });

  it('one Odoo: ODOO_URL alone is accepted, a different ODOO_BASE_URL is refused (pitfall P18)', () => {
    const { ODOO_BASE_URL: _unused, ...withoutBase } = plant;
    expect(loadConfig({ env: { ...withoutBase, ODOO_URL: 'https://odoo.plant.local/' }, file: {} }).odoo.baseUrl).toBe('https://odoo.plant.local');
    expect(errorOf(() => loadConfig({ env: { ...plant, ODOO_URL: 'https://other.local' }, file: {} }))).toMatch(/ODOO_URL .* and ODOO_BASE_URL .* differ/);
  });

  it('outside the demo, the PLC address is required', () => {
    const { PLC_IP: _unused, ...withoutPlc } = plant;
    expect(errorOf(() => loadConfig({ env: withoutPlc, file: {} }))).toBe('PLC_IP is required outside the demo (the PLC address, e.g. 192.168.1.2)');
  });
});

describe('configuration: values that would hurt the plant or leak a secret', () => {
  it('refuses a task interval that would turn the scheduler into a busy loop, naming the key and the minimum', () => {
    expect(errorOf(() => loadConfig({ env: { ...plant, PLC_READ_INTERVAL_MINUTES: '1e-9' }, file: {} }))).toBe(
      'PLC_READ_INTERVAL_MINUTES="1e-9": must be at least 0.0017 minutes (0.1 s)',
    );
    expect(errorOf(() => loadConfig({ env: { ...plant, SYNC_INTERVAL_MINUTES: '0' }, file: {} }))).toMatch(/^SYNC_INTERVAL_MINUTES="0": must be at least/);
    // The demo's own fastest interval (Task 2 every 3 s) stays valid.
    expect(loadConfig({ env: { DATA_DIR: '/tmp/x' }, file: {} }).tasks['plc-read'].intervalMs).toBe(3_000);
  });

  it('never keeps user and password written into ODOO_BASE_URL: not in the config, the console, nor an error', () => {
    const config = loadConfig({ env: { ...plant, ODOO_BASE_URL: 'http://scada:hunter2@odoo.plant.local:8069/' }, file: {} });
    expect(config.odoo.baseUrl).toBe('http://odoo.plant.local:8069');
    expect(JSON.stringify(publicConfig(config, 'sqlite'))).not.toContain('hunter2');

    const differ = errorOf(() =>
      loadConfig({ env: { ...plant, ODOO_BASE_URL: 'https://scada:hunter2@a.plant.local', ODOO_URL: 'https://scada:hunter2@b.plant.local' }, file: {} }),
    );
    expect(differ).toBe('ODOO_URL (https://b.plant.local) and ODOO_BASE_URL (https://a.plant.local) differ: this app talks to one Odoo; set only ODOO_BASE_URL');
    expect(errorOf(() => loadConfig({ env: { ...plant, ODOO_BASE_URL: 'scada:hunter2@odoo' }, file: {} }))).not.toContain('hunter2');
  });

  it('reads the host token from a file (kept out of the process list), refuses two sources and an empty file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-token-'));
    const file = join(dir, 'token');
    writeFileSync(file, 'feed-line-token-0123456789\n');
    expect(loadConfig({ env: plant, flags: parseEngineFlags(['--token-file', file]), file: {} }).host.token).toBe('feed-line-token-0123456789');
    expect(loadConfig({ env: { ...plant, SMS_HOST_TOKEN_FILE: file }, file: {} }).host.token).toBe('feed-line-token-0123456789');
    expect(loadConfig({ env: { ...plant, SMS_HOST_TOKEN: 'from-the-environment-0123' }, file: {} }).host.token).toBe('from-the-environment-0123');

    expect(errorOf(() => loadConfig({ env: { ...plant, SMS_HOST_TOKEN: 'x'.repeat(16), SMS_HOST_TOKEN_FILE: file }, file: {} }))).toMatch(
      /^SMS_HOST_TOKEN and SMS_HOST_TOKEN_FILE are both set/,
    );
    writeFileSync(file, '  \n');
    expect(errorOf(() => loadConfig({ env: { ...plant, SMS_HOST_TOKEN_FILE: file }, file: {} }))).toBe(`SMS_HOST_TOKEN_FILE: ${file} is empty`);
    expect(errorOf(() => loadConfig({ env: { ...plant, SMS_HOST_TOKEN_FILE: join(dir, 'missing') }, file: {} }))).toBe(
      `SMS_HOST_TOKEN_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`,
    );
  });
});
