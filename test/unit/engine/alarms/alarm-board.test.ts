import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlarmBoard } from '../../../../electron/engine/alarms/alarm-board';
import type { AuthorityStore } from '../../../../electron/store/authority-store';
import { SqliteStore } from '../../../../electron/store/sqlite/sqlite-store';
import { flakyAuthority } from '../../../support/flaky-authority';
import { ManualClock } from '../../../support/manual-clock';
import { MemoryLog } from '../../../support/silent-log';
import { plcDown, stuck } from './alarm-fixtures';

describe('the alarm board (the I/O around the alarm step)', () => {
  let dir: string;
  let sqlite: SqliteStore;
  afterEach(async () => {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function setUp(drives = true) {
    dir = mkdtempSync(join(tmpdir(), 'smo-alarms-'));
    sqlite = new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
    const flaky = flakyAuthority(sqlite);
    let writes = 0;
    const counted = new Proxy(flaky.store, {
      get(target, property, receiver) {
        if (property === 'transitionAlarms') writes++;
        return Reflect.get(target, property, receiver) as unknown;
      },
    }) as AuthorityStore;
    const clock = new ManualClock();
    const log = new MemoryLog();
    let changes = 0;
    const board = new AlarmBoard({ store: counted, clock, log, station: 'ST-1', recordsTransitions: () => drives, onChange: () => changes++ });
    return { board, clock, log, flaky, writes: () => writes, changes: () => changes };
  }

  it('writes to the authority only when the alarms change, however often the snapshot is built', async () => {
    const { board, clock, writes } = setUp();
    await board.update([plcDown]);
    expect(writes()).toBe(1);
    for (let i = 0; i < 5; i++) {
      await clock.advance(10_000);
      await board.update([plcDown]);
    }
    expect(writes()).toBe(1);
    await board.update([plcDown, stuck(2)]);
    expect(writes()).toBe(2);
  });

  it('a monitoring station records no transition: it shows what the driving station wrote', async () => {
    const { board, writes } = setUp(false);
    expect(await board.update([plcDown])).toEqual([]);
    expect(writes()).toBe(0);
  });

  it('while the authority cannot be reached, the last known alarms are shown (no crash)', async () => {
    const { board, flaky } = setUp();
    const [known] = await board.update([plcDown]);
    flaky.setDown(true);
    expect(await board.update([])).toEqual([known]);
    await expect(board.acknowledge('connection-down:plc', null)).rejects.toThrow(/PostgreSQL unreachable/);
  });

  it('an operator action is logged, shown at once (onChange) and returned in its new state', async () => {
    const { board, log, changes } = setUp();
    await board.update([plcDown]);
    const alarm = await board.acknowledge('connection-down:plc', 'electrician called');
    expect(alarm).toMatchObject({ state: 'acknowledged', acknowledged: { by: 'ST-1', note: 'electrician called' } });
    expect(changes()).toBe(1);
    expect(log.entries.map((e) => [e.level, e.message])).toEqual([['info', 'alarm connection-down:plc acknowledged at station ST-1: electrician called']]);
  });

  it('a shelve that runs out is shown by itself: a timer for its end asks for a new snapshot', async () => {
    const { board, clock, changes } = setUp();
    await board.update([plcDown]);
    await board.shelve('connection-down:plc', 5, 'PLC maintenance');
    expect(changes()).toBe(1);
    await clock.advance(5 * 60_000 - 1);
    expect(changes()).toBe(1);
    await clock.advance(1);
    expect(changes()).toBe(2);
    expect((await board.update([plcDown])).map((a) => a.state)).toEqual(['unacknowledged']);
    expect(clock.pendingTimers()).toBe(0);
  });
});
