/**
 * The rows a report of a period sums, as the store gives them: the batches archived in it, and the
 * waves fetched in it (Task 1 runs with outcome `fetched`, read page by page through the run log's
 * keyset, so only that period's waves are read). The sums themselves are report-aggregation.ts.
 */
import type { HistoryEntry, RunRecord } from '../../../shared/domain';
import type { MirrorReader } from '../../store/mirror/mirror-reader';

export interface ReportPeriod {
  from: string;
  to: string;
}

export interface ReportRows {
  archived: HistoryEntry[];
  waves: RunRecord[];
}

const WAVE_PAGE = 500;

export async function readReportRows(source: Pick<MirrorReader, 'archivedBetween' | 'listRuns'>, period: ReportPeriod): Promise<ReportRows> {
  const [archived, waves] = await Promise.all([source.archivedBetween(period.from, period.to), wavesIn(source, period)]);
  return { archived, waves };
}

async function wavesIn(source: Pick<MirrorReader, 'listRuns'>, period: ReportPeriod): Promise<RunRecord[]> {
  const filter = { pageSize: WAVE_PAGE, task: 'mo-sync', outcome: 'fetched', ...period } as const;
  const waves: RunRecord[] = [];
  let page = await source.listRuns(filter);
  waves.push(...page.items);
  while (page.hasOlder && page.items.length > 0) {
    page = await source.listRuns({ ...filter, before: page.items.at(-1)!.id });
    waves.push(...page.items);
  }
  return waves;
}
