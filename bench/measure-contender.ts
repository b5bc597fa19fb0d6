/**
 * Runs one way of doing a job over the loopback PLC, repeatedly and from the
 * same DM words each time: frames as the FinsServer counted them, wall time as
 * the median over the repetitions, once per link profile.
 */
import { performance } from 'node:perf_hooks';
import type { PlcLink } from '../electron/plc/plc-link';
import type { LoopbackPlc } from './loopback-plc';
import { restorePlantImage, type PlantImage } from './plant-scenario';

export interface LinkProfile {
  title: string;
  /** Added by the FinsServer before each reply. */
  latencyMs: number;
}

export const LINK_PROFILES: readonly LinkProfile[] = [
  { title: 'loopback', latencyMs: 0 },
  // Stands for a plant network: switches plus the Ethernet unit's service time per FINS request.
  { title: '2 ms link', latencyMs: 2 },
];

export interface Contender {
  label: string;
  repetitions: number;
  /** DM words restored before every repetition. */
  plant: PlantImage;
  run(link: PlcLink): Promise<unknown>;
}

export interface FrameCount {
  frames: number;
  reads: number;
  writes: number;
}

export interface ContenderResult extends FrameCount {
  label: string;
  repetitions: number;
  /** Median wall time in ms, one per link profile, in profile order. */
  medianMs: number[];
}

/** Untimed runs per contender and link before the timed ones: JIT, socket and caches settle. */
export const WARM_UP_RUNS = 2;

/**
 * Measures the contenders side by side: per link profile, round after round,
 * each contender runs once per round until it has its repetitions, so a
 * slowdown of the machine hits all of them alike instead of whoever runs last.
 */
export async function measureContenders(
  plc: LoopbackPlc,
  contenders: readonly Contender[],
  profiles: readonly LinkProfile[],
): Promise<ContenderResult[]> {
  const tallies = contenders.map((contender) => ({ contender, counts: [] as FrameCount[], times: profiles.map(() => [] as number[]) }));
  const rounds = Math.max(0, ...contenders.map((c) => c.repetitions));
  try {
    for (const [p, profile] of profiles.entries()) {
      plc.server.faults.latencyMs = profile.latencyMs;
      for (const tally of tallies) {
        for (let i = 0; i < WARM_UP_RUNS; i++) tally.counts.push((await runOnce(plc, tally.contender)).count);
      }
      for (let round = 0; round < rounds; round++) {
        for (const tally of tallies.filter((t) => round < t.contender.repetitions)) {
          const { ms, count } = await runOnce(plc, tally.contender);
          tally.times[p]?.push(ms);
          tally.counts.push(count);
        }
      }
    }
  } finally {
    plc.server.faults.latencyMs = 0;
  }
  return tallies.map(({ contender, counts, times }) => ({
    label: contender.label,
    repetitions: contender.repetitions,
    ...consistentCount(contender.label, counts),
    medianMs: times.map(median),
  }));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function runOnce(plc: LoopbackPlc, contender: Contender): Promise<{ ms: number; count: FrameCount }> {
  restorePlantImage(plc.memory, contender.plant);
  const before = plc.server.stats();
  const started = performance.now();
  await contender.run(plc.client);
  const ms = performance.now() - started;
  // The server counts a frame on arrival, before its reply: every frame of the run is in.
  const after = plc.server.stats();
  if (after.dropped !== before.dropped) throw new Error(`${contender.label}: the server dropped ${after.dropped - before.dropped} frame(s)`);
  return { ms, count: { frames: after.requests - before.requests, reads: after.reads - before.reads, writes: after.writes - before.writes } };
}

/** Every run of a contender must cost the same frames: a difference means frames were lost or retried. */
function consistentCount(label: string, counts: readonly FrameCount[]): FrameCount {
  const [first, ...rest] = counts;
  if (first === undefined) throw new RangeError(`${label}: nothing was measured (no link profile or no repetitions)`);
  const differing = rest.find((c) => c.frames !== first.frames || c.reads !== first.reads || c.writes !== first.writes);
  if (differing) {
    throw new Error(`${label}: frame count changed between runs (${first.frames}, then ${differing.frames}); frames were lost or retried`);
  }
  return first;
}
