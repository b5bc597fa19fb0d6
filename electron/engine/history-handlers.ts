/**
 * The console's reports and the engine's past log: the shift report and hourly throughput of a
 * period (read from the authority, or from the mirror while it is away), and pages of the log files.
 */
import type { ParsedInput, ResponseMap } from '../../shared/contract';
import type { MirrorReader } from '../store/mirror/mirror-reader';
import { readLogPage } from './logs/log-reader';
import { shiftReport, throughputByHour } from './reports/report-aggregation';
import { readReportRows } from './reports/report-rows';

export interface HistorySources {
  readThrough<T>(read: (source: MirrorReader) => Promise<T>): Promise<T>;
  /** DATA_DIR/logs; without it (tests without files) the log has no past entries. */
  logDir?: string;
}

/** Reads: whoever calls, the answer is the same, so these take the input only. */
type HistoryHandlers = { [K in 'shiftReport' | 'throughput' | 'listLogs']: (input: ParsedInput<K>) => Promise<ResponseMap[K]> };

export function historyHandlers(sources: HistorySources): HistoryHandlers {
  const { readThrough, logDir } = sources;
  return {
    shiftReport: (period) => readThrough(async (source) => shiftReport(period, await readReportRows(source, period))),
    throughput: (period) => readThrough(async (source) => throughputByHour(period, await readReportRows(source, period))),
    listLogs: async (query) => (logDir === undefined ? { items: [], older: null } : readLogPage(logDir, query)),
  };
}
