/**
 * The quarantined Odoo calls as a file an engineer can take to Odoo: every
 * payload exactly as it would be sent, with why it stopped. Pure, so the
 * console and its tests build the same document.
 */
import type { OutboxEntry } from '../../shared/domain';

export interface OutboxExport {
  fileName: string;
  json: string;
}

export function exportQuarantined(entries: readonly OutboxEntry[], station: string, exportedAt: string): OutboxExport {
  const stamp = exportedAt.replace(/[:.]/g, '-');
  const document = {
    station,
    exportedAt,
    calls: entries.map((entry) => ({
      moId: entry.moId,
      kind: entry.kind,
      payload: entry.payload,
      attempts: entry.attempts,
      lastError: entry.lastError,
      queuedAt: entry.createdAt,
    })),
  };
  return { fileName: `odoo-quarantine-${station}-${stamp}.json`, json: `${JSON.stringify(document, null, 2)}\n` };
}
