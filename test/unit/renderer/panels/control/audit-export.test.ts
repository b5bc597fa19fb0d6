import { describe, expect, it } from 'vitest';
import { auditCsv, readAuditForExport, type AuditCsvWords } from '../../../../../renderer/panels/control/audit-export';
import { auditWords } from '../../../../../renderer/panels/control/audit-words';
import type { RequestInput } from '../../../../../shared/contract';
import type { AuditEntry, AuditPage } from '../../../../../shared/domain';
import { inLanguage } from '../../i18n-fixture';

const SIGNED: AuditEntry = {
  id: 7,
  at: '2026-11-28T08:14:05.000Z',
  user: 'sari',
  role: 'engineer',
  station: 'PLANT-02',
  source: 'console',
  action: 'cancelBatch',
  target: 'WH/MO/00013 (Odoo not told)',
  reason: 'wrong recipe, batch dumped',
  outcome: 'done',
  detail: null,
  signature: { meaning: 'I confirm WH/MO/00013 is cancelled here only; Odoo is not told', comment: 'silo C, "dumped"' },
};

const REFUSED: AuditEntry = {
  ...SIGNED,
  id: 6,
  user: 'budi',
  role: 'operator',
  source: 'cli',
  action: 'plc-write',
  target: null,
  reason: null,
  outcome: 'refused',
  detail: 'needs an engineer',
  signature: null,
};

function wordsIn(language: 'en' | 'id'): AuditCsvWords {
  const { t } = inLanguage(language);
  return {
    ...auditWords(t),
    header: ['time', 'user', 'role', 'station', 'source', 'action', 'code', 'target', 'reason', 'outcome', 'details', 'meaning', 'comment'],
    role: (role) => (role === null ? '' : t(`audit:role.${role}`)),
  };
}

describe('the audit trail as a CSV file', () => {
  it('writes every column an auditor asks for: who, where, what in words and as a code, why, how it ended, the signature', () => {
    const lines = auditCsv([SIGNED, REFUSED], wordsIn('en')).replace(/^\uFEFF/, '').split('\r\n');

    expect(lines[1]).toMatch(
      /^2026-11-28 \d\d:14:05,sari,engineer,PLANT-02,console,Cancel a batch,cancelBatch,WH\/MO\/00013 \(Odoo not told\),"wrong recipe, batch dumped",Done,,I confirm WH\/MO\/00013 is cancelled here only; Odoo is not told,"silo C, ""dumped"""$/,
    );
    // A CLI command the console has no words for stays as the engine wrote it.
    expect(lines[2]).toMatch(/,budi,operator,PLANT-02,command line,plc-write,plc-write,,,Refused,needs an engineer,,$/);
  });

  it('speaks the language on screen', () => {
    const line = auditCsv([SIGNED], wordsIn('id')).split('\r\n')[1];
    expect(line).toContain(',teknisi,PLANT-02,konsol,Batalkan batch,cancelBatch,');
    expect(line).toContain(',Selesai,');
  });
});

describe('reading every matching audit entry for the export', () => {
  it('follows the before-cursor to the oldest entry and keeps the filter on every page', async () => {
    const asked: RequestInput<'listAudit'>[] = [];
    const api = {
      async listAudit(input: RequestInput<'listAudit'>): Promise<AuditPage> {
        asked.push(input);
        const newest = Math.min(1_200, (input.before ?? 1_201) - 1);
        const pageSize = input.pageSize ?? 50;
        const items = Array.from({ length: Math.min(pageSize, newest) }, (_, index) => ({ ...SIGNED, id: newest - index }));
        return { items, pageSize, hasOlder: (items.at(-1)?.id ?? 1) > 1 };
      },
    };

    const exported = await readAuditForExport(api, { user: 'sari', outcome: 'done' });

    expect(exported.rows).toHaveLength(1_200);
    expect(exported.capped).toBe(false);
    expect(asked.map((input) => input.before)).toEqual([undefined, 701, 201]);
    expect(asked.every((input) => input.user === 'sari' && input.outcome === 'done')).toBe(true);
  });
});
