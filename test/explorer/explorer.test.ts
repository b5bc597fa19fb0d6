/**
 * The fault explorer as part of the suite: hundreds of schedules must keep
 * every invariant, a schedule must replay exactly, and each of the three
 * safety mechanisms the issue names — the gate lock, the outbox claim and the
 * send-once hand-over — must be missed: removing it makes the explorer find
 * a violation within the same budget.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { MutationName } from './mutations';
import { runSchedule } from './world';

const CI_SEED = 20261129;
const CI_SCHEDULES = 300;

function explore(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/explorer/explore.ts', ...args], { encoding: 'utf8', timeout: 600_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('fault explorer', () => {
  it('replays a schedule exactly from its seed', async () => {
    const first = await runSchedule({ seed: 4242, faultyMinutes: 15 });
    const again = await runSchedule({ seed: 4242, faultyMinutes: 15 });
    expect(again.trace).toEqual(first.trace);
    expect(first.stats.waves).toBeGreaterThan(0);
  });

  it(`keeps every invariant over ${CI_SCHEDULES} schedules`, () => {
    const { status, output } = explore('--schedules', String(CI_SCHEDULES), '--seed', String(CI_SEED), '--workers', '2');
    expect(output).toMatch(new RegExp(`^explored ${CI_SCHEDULES} schedules: 0 invariant violations$`, 'm'));
    expect(status).toBe(0);
  });

  const mutations: [MutationName, RegExp][] = [
    ['no-gate-lock', /I[0-9]: /],
    ['unclaimed-outbox', /I[0-9]: /],
    ['retried-hand-over', /I1: the PLC took .* 2 times/],
  ];
  it.each(mutations)('finds a violation when %s', (mutation, finding) => {
    const { status, output } = explore('--schedules', String(CI_SCHEDULES), '--seed', String(CI_SEED), '--workers', '2', '--mutation', mutation, '--stop-on-violation');
    expect(output).toMatch(finding);
    expect(status).toBe(1);
  });
});
