/** The archive rows matching the archive's filter as a CSV file, with the actual kg of every silo and tank. */
import type { ConsoleApi, RequestInput } from '../../../shared/contract';
import { EQUIPMENT_IDS, type HistoryEntry, type HistoryStatus } from '../../../shared/domain';
import { equipmentById } from '../../../shared/equipment';
import { collectPages, type CollectedRows } from './collect-pages';
import { csvDocument, csvTime } from './csv';
import { EXPORT_CAP, EXPORT_PAGE_SIZE } from './runs-export';

export type ArchiveFilter = Omit<RequestInput<'listHistory'>, 'page' | 'pageSize'>;

export function readArchiveForExport(
  api: Pick<ConsoleApi, 'listHistory'>,
  filter: ArchiveFilter,
  onProgress?: (rows: number) => void,
  cap = EXPORT_CAP,
): Promise<CollectedRows<HistoryEntry>> {
  return collectPages<HistoryEntry, number>(
    async (page) => {
      const shown = await api.listHistory({ ...filter, page: page ?? 1, pageSize: EXPORT_PAGE_SIZE });
      return { items: shown.items, next: shown.page * shown.pageSize < shown.total ? shown.page + 1 : null };
    },
    cap,
    onProgress,
  );
}

export interface ArchiveCsvWords {
  /** Archived, MO, slot, product, status, planned kg, actual kg, notes; a column per silo and tank follows. */
  header: readonly [string, string, string, string, string, string, string, string];
  status(status: HistoryStatus): string;
  /** "SILO A kg". */
  equipmentKg(name: string): string;
}

export function archiveCsv(entries: readonly HistoryEntry[], words: ArchiveCsvWords): string {
  return csvDocument(
    [...words.header, ...EQUIPMENT_IDS.map((id) => words.equipmentKg(equipmentById(id).name))],
    entries.map((entry) => [
      csvTime(entry.archivedAt),
      entry.moId,
      entry.batchNo,
      entry.finishedGoods,
      words.status(entry.status),
      entry.quantityKg,
      entry.actualWeightKg,
      entry.notes,
      ...EQUIPMENT_IDS.map((id) => entry.actualKg[id]),
    ]),
  );
}
