/**
 * ENV_FILE: the plant middleware's existing .env file, read with its own key names, between
 * config.json and the environment; a line or value it cannot take stops start-up naming the file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, readConfigLayers } from '../../../../electron/engine/config';
import { parseEngineFlags } from '../../../../electron/engine/engine-flags';
import { parseEnvText } from '../../../../electron/engine/settings/env-file-syntax';
import { configErrorOf as errorOf } from '../../../support/config-error';

const PLANT_ENV = `# Smart SCADA middleware — production
APP_NAME=fastapi-scada-odoo
ENVIRONMENT=production
export DATABASE_URL=postgresql://scada:db-pa55@db.plant.local:5432/scada
ODOO_BASE_URL=https://odoo.plant.local
ODOO_URL=https://odoo.plant.local
ODOO_DB=plant
ODOO_USERNAME=scada
ODOO_PASSWORD=pa#ss word  # the middleware reads "pa#ss word"
PLC_IP = 192.168.1.2
PLC_PORT=9600
SYNC_BATCH_LIMIT="8"
PLC_READ_INTERVAL_MINUTES='2'
CORS_ALLOW_ORIGINS=http://localhost:5173,http://localhost:8080
PLC_HOST=192.168.1.2
TIMEZONE=Asia/Jakarta
`;

function plantFiles(envText = PLANT_ENV, configJson?: object): { dir: string; envFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sms-env-file-'));
  const envFile = join(dir, '.env');
  writeFileSync(envFile, envText);
  if (configJson) writeFileSync(join(dir, 'config.json'), JSON.stringify(configJson));
  return { dir, envFile };
}

describe('the .env syntax, read as the middleware reads it', () => {
  it('takes comments, export, quotes, escapes, inline comments and CRLF line ends', () => {
    const entries = parseEnvText(
      '\uFEFF# header\r\nexport A=1\r\nB = spaced value   # note\r\nC="quoted # not a comment"\r\nD=\'single \\\'q\\\'\'\r\nE="line\\nbreak"\r\nF=pa#ss\r\nG=\r\nBARE\r\nA=2\r\n',
    );
    expect(Object.fromEntries([...entries].map(([key, entry]) => [key, entry.value]))).toEqual({
      B: 'spaced value',
      C: 'quoted # not a comment',
      D: "single 'q'",
      E: 'line\nbreak',
      F: 'pa#ss',
      G: '',
      // A key given twice keeps its last value.
      A: '2',
    });
    expect(entries.get('A')?.line).toBe(10);
  });
});

describe('ENV_FILE: the plant middleware\'s .env file', () => {
  it("runs the plant from the middleware's file alone, with its key names", () => {
    const { dir, envFile } = plantFiles();
    const config = loadConfig({ env: { DATA_DIR: dir, ENV_FILE: envFile } });
    expect(config.demo).toBe(false);
    expect(config.odoo).toMatchObject({ baseUrl: 'https://odoo.plant.local', db: 'plant', username: 'scada', password: 'pa#ss word' });
    expect(config.databaseUrl).toBe('postgresql://scada:db-pa55@db.plant.local:5432/scada');
    expect(config.plc).toMatchObject({ host: '192.168.1.2', port: 9600 });
    expect(config.syncBatchLimit).toBe(8);
    expect(config.tasks['plc-read'].intervalMs).toBe(2 * 60_000);
  });

  it("lists the middleware's own keys it ignores, once, instead of refusing them", () => {
    const { dir, envFile } = plantFiles();
    expect(readConfigLayers({ env: { DATA_DIR: dir, ENV_FILE: envFile } }).envFile?.ignored).toEqual([
      'APP_NAME',
      'ENVIRONMENT',
      'CORS_ALLOW_ORIGINS',
      'PLC_HOST',
      'TIMEZONE',
    ]);
  });

  it('defaults < config.json < ENV_FILE < environment < flags', () => {
    const { dir, envFile } = plantFiles(PLANT_ENV, { PLC_NODE: 5, CLIENT_NODE: 3, SYNC_BATCH_LIMIT: 4, PLC_PORT: 9700 });
    const config = loadConfig({
      env: { DATA_DIR: dir, ENV_FILE: envFile, PLC_NODE: '7', SYNC_BATCH_LIMIT: '6' },
      flags: { SYNC_BATCH_LIMIT: 9 },
    });
    expect(config.plc.clientNode).toBe(3); // config.json over the default
    expect(config.plc.port).toBe(9600); // the env file over config.json
    expect(config.plc.plcNode).toBe(7); // the environment over config.json
    expect(config.syncBatchLimit).toBe(9); // the flag over all
    expect(config.odoo.settleAfterMs).toBe(150_000); // set nowhere: the default
  });

  it('is named by --env-file as well, and the flag wins over the environment', () => {
    const { dir, envFile } = plantFiles();
    const other = plantFiles('SYNC_BATCH_LIMIT=2\n').envFile;
    const config = loadConfig({ env: { DATA_DIR: dir, ENV_FILE: other }, flags: parseEngineFlags(['--env-file', envFile]) });
    expect(config.syncBatchLimit).toBe(8);
  });

  it('refuses a bad value exactly like the other sources, naming the file and the key', () => {
    const { dir, envFile } = plantFiles(`${PLANT_ENV}SYNC_BATCH_LIMIT=11\n`);
    expect(errorOf(() => loadConfig({ env: { DATA_DIR: dir, ENV_FILE: envFile } }))).toBe(
      `${envFile}: SYNC_BATCH_LIMIT="11": must be between 1 and 10 (the PLC has 10 slots)`,
    );
    // The same value from the environment is refused with the same words, without a file.
    expect(errorOf(() => loadConfig({ env: { DATA_DIR: dir, ENV_FILE: envFile, SYNC_BATCH_LIMIT: '12' } }))).toBe(
      'SYNC_BATCH_LIMIT="12": must be between 1 and 10 (the PLC has 10 slots)',
    );
  });

  it('refuses a line it cannot read with its number, never its text (it may hold a password)', () => {
    const { dir, envFile } = plantFiles(`${PLANT_ENV}ODOO_PASSWORD hunter2\nPLC_IP=10.0.0.9\n`);
    const message = errorOf(() => loadConfig({ env: { DATA_DIR: dir, ENV_FILE: envFile } }));
    expect(message).toBe(`${envFile}: line 17: not a KEY=VALUE line (a comment starts with #)`);
    expect(message).not.toContain('hunter2');

    const unclosed = plantFiles('ODOO_PASSWORD="hunter2\nPLC_IP=10.0.0.9\n');
    expect(errorOf(() => loadConfig({ env: { DATA_DIR: unclosed.dir, ENV_FILE: unclosed.envFile } }))).toBe(
      `${unclosed.envFile}: line 1: the " quote is not closed on this line (a value over several lines is not read)`,
    );
  });

  it('refuses ${…} expansion in a key it reads (the middleware would expand it, this app would not)', () => {
    const { dir, envFile } = plantFiles(`${PLANT_ENV}ODOO_URL=\${ODOO_BASE_URL}\nAPP_TITLE="\${APP_NAME} prod"\n`);
    expect(errorOf(() => loadConfig({ env: { DATA_DIR: dir, ENV_FILE: envFile } }))).toBe(
      `${envFile}: ODOO_URL (line 17) uses \${…} expansion, which this app does not do: write the value out`,
    );
  });

  it('says so when the file cannot be read, and refuses config.json naming where the file is', () => {
    const { dir } = plantFiles();
    const missing = join(dir, 'missing.env');
    expect(errorOf(() => loadConfig({ env: { DATA_DIR: dir, ENV_FILE: missing } }))).toBe(`ENV_FILE: cannot read ${missing} (ENOENT)`);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ENV_FILE: '/etc/scada/.env' }));
    expect(errorOf(() => loadConfig({ env: { DATA_DIR: dir } }))).toMatch(/config\.json: ENV_FILE is read from the environment or --env-file/);
  });
});
