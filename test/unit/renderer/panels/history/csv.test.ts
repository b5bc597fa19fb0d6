import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, csvFileName, csvTime } from '../../../../../renderer/panels/history/csv';
import { runsCsv } from '../../../../../renderer/panels/history/runs-export';
import type { RunRecord } from '../../../../../shared/domain';

describe('CSV as spreadsheets open it (RFC 4180, UTF-8 with BOM)', () => {
  it('quotes a field only when it holds a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvField('WH/MO/00011')).toBe('WH/MO/00011');
    expect(csvField('skipped, 4 in the PLC')).toBe('"skipped, 4 in the PLC"');
    expect(csvField('operator said "wait"')).toBe('"operator said ""wait"""');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(1234.5)).toBe('1234.5');
  });

  it('starts with a byte-order mark and ends every record with CRLF', () => {
    const document = csvDocument(['MO', 'Catatan'], [['WH/MO/1', 'Timbang manual — 2,5 kg']]);
    expect(document).toBe('\uFEFFMO,Catatan\r\nWH/MO/1,"Timbang manual — 2,5 kg"\r\n');
  });

  it('writes times as local "YYYY-MM-DD HH:MM:SS", 24-hour', () => {
    const time = new Date(2026, 10, 28, 22, 5, 9).toISOString();
    expect(csvTime(time)).toBe('2026-11-28 22:05:09');
    expect(csvTime(null)).toBe('');
  });

  it('names the file after its period', () => {
    const from = new Date(2026, 10, 28, 6).toISOString();
    const to = new Date(2026, 10, 28, 14).toISOString();
    expect(csvFileName('runs', from, to, to)).toBe('runs_2026-11-28_0600_to_2026-11-28_1400.csv');
    expect(csvFileName('archive', undefined, undefined, to)).toBe('archive_start_to_2026-11-28_1400.csv');
  });

  it('writes a run in the operator’s words, its MOs in one field', () => {
    const run: RunRecord = {
      id: 7,
      task: 'mo-sync',
      trigger: 'manual',
      startedAt: new Date(2026, 10, 28, 8, 0, 0).toISOString(),
      finishedAt: new Date(2026, 10, 28, 8, 0, 2).toISOString(),
      outcome: 'fetched',
      queueCount: 0,
      moIds: ['WH/MO/00011', 'WH/MO/00012'],
      reason: 'fetched 2 MOs (WH/MO/00011, WH/MO/00012) into PLC slots 1–2',
      durationMs: 2000,
      station: 'ST-1',
    };
    const csv = runsCsv([run], {
      header: ['Started', 'Finished', 'Task', 'By', 'Outcome', 'Reason', 'MOs', 'Queue', 'ms', 'Station'],
      task: (task) => (task === 'mo-sync' ? 'Ambil MO baru' : task),
      trigger: (trigger) => (trigger === 'manual' ? 'Operator' : trigger),
      outcome: (outcome) => (outcome === 'fetched' ? 'Diambil' : outcome),
    });
    expect(csv.split('\r\n')[1]).toBe(
      '2026-11-28 08:00:00,2026-11-28 08:00:02,Ambil MO baru,Operator,Diambil,"fetched 2 MOs (WH/MO/00011, WH/MO/00012) into PLC slots 1–2",WH/MO/00011 WH/MO/00012,0,2000,ST-1',
    );
  });
});
