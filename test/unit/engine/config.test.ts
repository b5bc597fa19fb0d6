import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../electron/engine/config';

const plant = {
  ODOO_BASE_URL: 'https://odoo.plant.local',
  ODOO_DB: 'plant',
  ODOO_USERNAME: 'scada',
  ODOO_PASSWORD: 's3cret',
  PLC_IP: '192.168.1.2',
};

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

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
