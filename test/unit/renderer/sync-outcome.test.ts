import { describe, expect, it } from 'vitest';
import { describeLastSync, describeSyncFailure, describeSyncOutcome } from '../../../renderer/state/sync-outcome';
import type { RunRecord } from '../../../shared/domain';

function run(overrides: Partial<RunRecord>): RunRecord {
  return {
    id: 1,
    task: 'mo-sync',
    trigger: 'manual',
    startedAt: '2026-11-28T08:00:00Z',
    finishedAt: '2026-11-28T08:00:01Z',
    outcome: 'fetched',
    queueCount: 0,
    moIds: [],
    reason: '',
    durationMs: 1000,
    station: 'L1',
    ...overrides,
  };
}

const wave = (count: number) => Array.from({ length: count }, (_, i) => `WH/MO/${String(11 + i).padStart(5, '0')}`);

describe('describeSyncOutcome', () => {
  it.each([
    [run({ outcome: 'fetched', moIds: wave(10) }), 'Fetched 10 MOs (WH/MO/00011 …)'],
    [run({ outcome: 'fetched', moIds: wave(2) }), 'Fetched 2 MOs (WH/MO/00011, WH/MO/00012)'],
    [run({ outcome: 'fetched', moIds: wave(1) }), 'Fetched 1 MO (WH/MO/00011)'],
    [run({ outcome: 'skipped', queueCount: 4, reason: 'waiting for PLC' }), 'Skipped: 4 batches are still in the queue'],
    [run({ outcome: 'skipped', queueCount: 1 }), 'Skipped: 1 batch is still in the queue'],
    [run({ outcome: 'skipped', queueCount: 0, reason: 'PLC handshake D7076 says the WRITE area is busy' }), 'Skipped: PLC handshake D7076 says the WRITE area is busy'],
    [run({ outcome: 'busy', reason: 'lock held by station L2' }), 'Busy: another sync is running'],
    [run({ outcome: 'empty', reason: 'Odoo listed no MO' }), 'Nothing to fetch'],
    [run({ outcome: 'error', reason: 'PLC read-back of slot 3 differs' }), 'Failed: PLC read-back of slot 3 differs'],
    [run({ outcome: 'recovered', reason: 'wave of 3 MOs found in the PLC after a restart' }), 'Recovered: wave of 3 MOs found in the PLC after a restart'],
  ])('%#: says %s', (record, text) => {
    expect(describeSyncOutcome(record).text).toBe(text);
  });

  it('marks good news, waiting and failure differently', () => {
    expect(describeSyncOutcome(run({ outcome: 'fetched', moIds: wave(3) })).tone).toBe('good');
    expect(describeSyncOutcome(run({ outcome: 'skipped', queueCount: 3 })).tone).toBe('neutral');
    expect(describeSyncOutcome(run({ outcome: 'error', reason: 'x' })).tone).toBe('bad');
  });

  it('turns a failed call into its reason', () => {
    expect(describeSyncFailure(new Error('connection to the engine lost'))).toEqual({ tone: 'bad', text: 'Failed: connection to the engine lost' });
  });
});

describe('describeLastSync', () => {
  const emptyRun = (patch: Partial<RunRecord>) =>
    run({
      trigger: 'schedule',
      station: 'A-12',
      outcome: 'empty',
      reason: 'no new MOs in Odoo; skipped 2 (cancelled in Odoo: WH/MO/00011, WH/MO/00012)',
      ...patch,
    });

  it("says who triggered it, where, and the engine's own reason", () => {
    expect(describeLastSync(emptyRun({}))).toEqual({
      tone: 'neutral',
      text: 'by timer on A-12: Nothing to fetch — no new MOs in Odoo; skipped 2 (cancelled in Odoo: WH/MO/00011, WH/MO/00012)',
    });
  });

  it('does not repeat a reason the headline already carries', () => {
    const failed = describeLastSync(emptyRun({ outcome: 'error', trigger: 'cli', reason: 'Odoo mo-list-detailed: connection refused' }));
    expect(failed.text).toBe('by command line on A-12: Failed: Odoo mo-list-detailed: connection refused');
  });
});
