/** The runs matching the history's filter as a CSV file: every page, newest first, through the keyset cursor. */
import type { ConsoleApi } from '../../../shared/contract';
import type { Outcome, RunRecord, TaskName, Trigger } from '../../../shared/domain';
import type { RunsQuery } from '../../state/live-runs';
import { collectPages, type CollectedRows } from './collect-pages';
import { csvDocument, csvTime } from './csv';

/** The largest page listRuns gives. */
export const EXPORT_PAGE_SIZE = 500;
export const EXPORT_CAP = 100_000;

export type RunsFilter = Omit<RunsQuery, 'pageSize' | 'before' | 'after' | 'at'>;

export function readRunsForExport(
  api: Pick<ConsoleApi, 'listRuns'>,
  filter: RunsFilter,
  onProgress?: (rows: number) => void,
  cap = EXPORT_CAP,
): Promise<CollectedRows<RunRecord>> {
  return collectPages<RunRecord, number>(
    async (before) => {
      const page = await api.listRuns({ ...filter, pageSize: EXPORT_PAGE_SIZE, ...(before === null ? {} : { before }) });
      return { items: page.items, next: page.hasOlder ? (page.items.at(-1)?.id ?? null) : null };
    },
    cap,
    onProgress,
  );
}

/** The operator's words for the codes, in the language on screen. */
export interface RunsCsvWords {
  header: readonly [string, string, string, string, string, string, string, string, string, string];
  task(task: TaskName): string;
  trigger(trigger: Trigger): string;
  outcome(outcome: Outcome): string;
}

export function runsCsv(runs: readonly RunRecord[], words: RunsCsvWords): string {
  return csvDocument(
    words.header,
    runs.map((run) => [
      csvTime(run.startedAt),
      csvTime(run.finishedAt),
      words.task(run.task),
      words.trigger(run.trigger),
      words.outcome(run.outcome),
      run.reason,
      run.moIds.join(' '),
      run.queueCount,
      run.durationMs,
      run.station,
    ]),
  );
}
