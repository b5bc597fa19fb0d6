import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/domain';
import { RunRecorder, type TaskBody } from '../../../electron/engine/task-runner';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { flakyAuthority } from '../../support/flaky-authority';
import { ManualClock } from '../../support/manual-clock';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const sqlite = new SqliteStore({ file: join(dir, 'a.db'), lockFile: join(dir, 'lock') });
  const authority = flakyAuthority(sqlite);
  const shown: RunRecord[] = [];
  const recorder = new RunRecorder({ store: authority.store, clock: new ManualClock(), station: 'st-1', pid: process.pid, onRun: (run) => shown.push(run) });
  return { sqlite, authority, shown, recorder };
}

describe('recording runs', () => {
  it('a body that throws ends as an error run with its message, recorded and shown', async () => {
    const { sqlite, recorder, shown } = setup();
    const run = await recorder.run('plc-read', 'manual', async () => {
      throw new Error('FINS end code 0x1103 (address range error) reading D6000+977');
    });
    expect(run).toMatchObject({ outcome: 'error', reason: 'FINS end code 0x1103 (address range error) reading D6000+977' });
    expect(shown).toEqual([run]);
    expect((await sqlite.listRuns({ pageSize: 5 })).items).toEqual([run]);
  });

  it('with the authority unreachable, a sync is skipped with that reason and still shown — never decided elsewhere', async () => {
    const { authority, recorder, shown } = setup();
    authority.setDown(true);
    let ran = false;
    const run = await recorder.run('mo-sync', 'schedule', async () => {
      ran = true;
      return { outcome: 'fetched', reason: 'must not happen' };
    });
    expect(ran).toBe(false);
    expect(run).toMatchObject({ id: 0, outcome: 'skipped' });
    expect(run.reason).toBe(
      'PostgreSQL unreachable (127.0.0.1:5432/plant): connection refused; nothing was fetched (the gate is never decided on the local mirror)',
    );
    expect(shown).toEqual([run]);
  });

  it('a run whose finish cannot be stored is shown now and written when the authority answers again', async () => {
    const { sqlite, authority, recorder } = setup();
    const cutOff: TaskBody = async () => {
      authority.setDown(true);
      return { outcome: 'done', reason: 'completed WH/MO/00011', moIds: ['WH/MO/00011'] };
    };
    const first = await recorder.run('complete', 'schedule', cutOff);
    expect(first).toMatchObject({ outcome: 'done', reason: 'completed WH/MO/00011' });
    expect((await sqlite.listRuns({ pageSize: 5 })).items).toEqual([]);

    authority.setDown(false);
    await recorder.run('health', 'schedule', async () => ({ outcome: 'idle', reason: 'all healthy' }));
    const stored = (await sqlite.listRuns({ pageSize: 5 })).items;
    expect(stored.map((r) => [r.task, r.outcome, r.reason])).toEqual([
      ['health', 'idle', 'all healthy'],
      ['complete', 'done', 'completed WH/MO/00011'],
    ]);
  });
});
