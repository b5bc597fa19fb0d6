/**
 * A station started from the plant middleware's own .env file (ENV_FILE) and nothing else: it
 * reaches the plant it names, logs the middleware's keys it ignores, and the settings editor shows
 * where each value comes from.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_SET } from '../../../shared/domain';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { TestPlant } from '../../support/test-plant';

describe('a station started from the plant middleware\'s .env file', () => {
  let plant: TestPlant | undefined;
  let started: StartedEngine | undefined;
  afterEach(async () => {
    await started?.stop();
    await plant?.stop();
  });

  it('reaches the plant the file names, and says which keys it ignored', async () => {
    plant = await TestPlant.start({ moCount: 3 });
    const { DATA_DIR: dataDir, ...plantKeys } = plant.env({ LOG_LEVEL: 'info' });
    const envFile = join(dataDir ?? '', 'scada.env');
    writeFileSync(
      envFile,
      [
        '# the middleware\'s production file',
        'APP_NAME=fastapi-scada-odoo',
        ...Object.entries(plantKeys).map(([key, value]) => `export ${key}="${value}"`),
        'CORS_ALLOW_ORIGINS=http://localhost:5173',
        '',
      ].join('\n'),
    );

    started = await startEngine({ env: { DATA_DIR: dataDir, ENV_FILE: envFile }, schedule: false });
    expect(started.config.demo).toBe(false);
    expect(started.config.odoo.baseUrl).toBe(plant.odoo.url);

    const run = await started.backend.handlers.syncNow();
    expect(run.outcome).toBe('fetched');

    const logs = await started.backend.handlers.listLogs({ pageSize: 100 });
    expect(logs.items.map((entry) => entry.message)).toContain(`ENV_FILE ${envFile}: ignored the keys this app does not use: APP_NAME, CORS_ALLOW_ORIGINS`);

    const settings = await started.backend.handlers.getSettings();
    expect(settings.settings.find((s) => s.key === 'PLC_IP')).toMatchObject({ value: '127.0.0.1', source: 'env-file', overridden: true });
    expect(settings.settings.find((s) => s.key === 'ODOO_PASSWORD')).toEqual({ key: 'ODOO_PASSWORD', value: SECRET_SET, secret: true, source: 'env-file', overridden: true });
  });
});
