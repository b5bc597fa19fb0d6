/** `smart-mo-sync alarms`: the alarms the console shows, from the authority, for scripts and for a shell at the plant. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alarm } from '../../../shared/domain';
import type { AlarmRecord } from '../../../electron/store/alarm-records';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { runCli } from '../../support/cli-bundle';

const plcDown: AlarmRecord = {
  key: 'connection-down:plc',
  kind: 'connection-down',
  priority: 'high',
  active: true,
  message: 'plc: request timed out',
  affected: [{ message: 'plc: request timed out' }],
  occurrences: 1,
  firstRaisedAt: '2026-11-28T08:00:00.000Z',
  lastRaisedAt: '2026-11-28T08:00:00.000Z',
  returnedAt: null,
  acknowledged: null,
  shelved: null,
};

describe('alarms command', () => {
  let dataDir: string;
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function envWith(alarms: AlarmRecord[]): Promise<Record<string, string>> {
    dataDir = mkdtempSync(join(tmpdir(), 'sms-cli-alarms-'));
    const store = new SqliteStore({ file: join(dataDir, 'smart-mo-sync.db'), lockFile: join(dataDir, 'sync-gate.lock') });
    await store.transitionAlarms('2026-11-28T08:00:00.000Z', () => ({ alarms, events: [] }));
    await store.close();
    return { DATA_DIR: dataDir, SMS_DEMO: 'true', SMS_STATION: 'cli-test', LOG_LEVEL: 'warn' };
  }

  it('lists the alarms as the console shows them, and leaves them as the driving console recorded them', async () => {
    const env = await envWith([plcDown]);
    const json = await runCli(['alarms', '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as Alarm[]).map((a) => [a.key, a.state, a.priority])).toEqual([['connection-down:plc', 'unacknowledged', 'high']]);

    const text = await runCli(['alarms'], env);
    expect(text.stdout.trim().split('\n')).toEqual([
      'high   unacknowledged          connection-down:plc  raised 2026-11-28T08:00:00.000Z: plc: request timed out',
    ]);
  });

  it('says so when there is none', async () => {
    const text = await runCli(['alarms'], await envWith([]));
    expect(text.stdout.trim()).toBe('no alarms');
  });
});
