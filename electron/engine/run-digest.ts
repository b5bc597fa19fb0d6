/**
 * The last runs the console shows at a glance — each task's last run (the last sync among
 * them), the last good PLC read and the last dispatch (health-evaluation.ts) — kept up to date
 * instead of looked up again for every snapshot. Seeded once from the store; this engine's own
 * runs are folded in as they finish; runs written by anyone else (a CLI one-shot beside the
 * console, another station in the plant) are found by comparing the run log's mark
 * (AuthorityStore.runLogMark, two index look-ups) and reading only what changed.
 */
import type { Outcome, RunRecord, TaskName } from '../../shared/domain';
import type { RunLogMark } from '../store/authority-store';
import type { MirrorReader } from '../store/mirror/mirror-reader';

export type RunDigestSource = Pick<MirrorReader, 'lastRun' | 'listRuns' | 'runLogMark' | 'finishedRuns'>;

export interface LastRuns {
  byTask: ReadonlyMap<TaskName, RunRecord>;
  /** plc-read done or idle: the PLC answered (stale-read warning). */
  plcRead: RunRecord | null;
  /** mo-sync fetched or recovered: a wave went to the PLC (wave-not-started warning). */
  dispatch: RunRecord | null;
}

const GOOD_PLC_READ: readonly Outcome[] = ['done', 'idle'];
const DISPATCHED: readonly Outcome[] = ['fetched', 'recovered'];

/** Runs read at most per catch-up; more than this since the last look, and the digest is seeded afresh. */
const CATCH_UP_LIMIT = 200;
/**
 * PostgreSQL hands out ids before commit, so two stations' runs can become visible out of id
 * order (for the instant between nextval and commit). A catch-up re-reads this many ids below the
 * newest it saw, so such a run is not skipped; folding a run twice changes nothing.
 */
const LATE_ID_OVERLAP = 32;

export class RunDigest {
  private last: { byTask: Map<TaskName, RunRecord>; plcRead: RunRecord | null; dispatch: RunRecord | null } | null = null;
  /** The mark the digest is known to be complete up to. */
  private mark: RunLogMark | null = null;

  constructor(private readonly tasks: readonly TaskName[]) {}

  /** A run of this engine just finished: shown at once, and the log's mark moves with it when nothing else can have happened. */
  observe(run: RunRecord): void {
    if (!this.last) return;
    this.fold(run);
    const mark = this.mark;
    if (!mark) return;
    if (mark.openIds.includes(run.id)) {
      this.mark = { ...mark, openIds: mark.openIds.filter((id) => id !== run.id) };
    } else if (run.id === mark.newestId + 1) {
      // The very next id: no one else started a run in between (ids only grow).
      this.mark = { ...mark, newestId: run.id };
    }
    // Otherwise the next read sees a changed mark and catches up from the store.
  }

  async read(source: RunDigestSource): Promise<LastRuns> {
    const mark = await source.runLogMark();
    if (!this.last || !this.mark) await this.seed(source);
    else if (!sameMark(mark, this.mark)) await this.catchUp(source, this.mark);
    // The mark read before the runs: anything that happened since shows as a change next time.
    this.mark = mark;
    const last = this.last!;
    return { byTask: new Map(last.byTask), plcRead: last.plcRead, dispatch: last.dispatch };
  }

  private async seed(source: RunDigestSource): Promise<void> {
    const [byTask, plcRead, dispatch] = await Promise.all([
      Promise.all(this.tasks.map((task) => source.lastRun(task))),
      source.lastRun('plc-read', [...GOOD_PLC_READ]),
      source.lastRun('mo-sync', [...DISPATCHED]),
    ]);
    this.last = { byTask: new Map(), plcRead, dispatch };
    for (const run of byTask) if (run) this.last.byTask.set(run.task, run);
  }

  private async catchUp(source: RunDigestSource, since: RunLogMark): Promise<void> {
    const [fresh, finishedMeanwhile] = await Promise.all([
      source.listRuns({ pageSize: CATCH_UP_LIMIT, after: Math.max(0, since.newestId - LATE_ID_OVERLAP) }),
      source.finishedRuns(since.openIds),
    ]);
    if (fresh.hasNewer) return this.seed(source);
    for (const run of [...finishedMeanwhile, ...fresh.items]) this.fold(run);
  }

  private fold(run: RunRecord): void {
    const last = this.last!;
    if (isNewer(run, last.byTask.get(run.task))) last.byTask.set(run.task, run);
    if (run.task === 'plc-read' && GOOD_PLC_READ.includes(run.outcome) && isNewer(run, last.plcRead)) last.plcRead = run;
    if (run.task === 'mo-sync' && DISPATCHED.includes(run.outcome) && isNewer(run, last.dispatch)) last.dispatch = run;
  }
}

const isNewer = (run: RunRecord, current: RunRecord | null | undefined): boolean => !current || run.id >= current.id;

const sameMark = (a: RunLogMark, b: RunLogMark): boolean =>
  a.newestId === b.newestId && a.openIds.length === b.openIds.length && a.openIds.every((id, i) => id === b.openIds[i]);
