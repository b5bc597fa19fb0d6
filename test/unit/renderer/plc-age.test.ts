import { describe, expect, it } from 'vitest';
import { plcAge } from '../../../renderer/state/plc-age';
import type { Snapshot } from '../../../shared/domain';

/** Only what the age reads: the engine's times and the plc-read interval (1 min). */
const snapshot = (generatedAt: string, plcReadAt: string | null): Snapshot =>
  ({ generatedAt, plcReadAt, scheduler: { paused: false, tasks: [{ task: 'plc-read', intervalMinutes: 1 }] } }) as unknown as Snapshot;

describe('plcAge', () => {
  it("measures on the engine's clock, whatever this screen's clock says", () => {
    // This screen's clock is an hour off; it received the snapshot 5 s ago.
    const screenNow = Date.parse('2026-11-28T09:00:05Z');
    const age = plcAge(snapshot('2026-11-28T08:00:00Z', '2026-11-28T07:59:50Z'), screenNow - 5000, screenNow);
    expect(age).toEqual({ readAt: '2026-11-28T07:59:50Z', ageMs: 15_000, stale: false });
  });

  it('is stale after two missed readings, not before', () => {
    const at = Date.parse('2026-11-28T08:02:00Z');
    expect(plcAge(snapshot('2026-11-28T08:02:00Z', '2026-11-28T08:00:00Z'), at, at)?.stale).toBe(false);
    expect(plcAge(snapshot('2026-11-28T08:02:01Z', '2026-11-28T08:00:00Z'), at, at)?.stale).toBe(true);
  });

  it('says nothing before the first reading', () => {
    expect(plcAge(snapshot('2026-11-28T08:00:00Z', null), 0, 0)).toBeNull();
  });
});
