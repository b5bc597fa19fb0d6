import { describe, expect, it } from 'vitest';
import { matchesLogFilter, mergeLogEntries } from '../../../../../renderer/panels/log/log-filter';
import type { LogEntry } from '../../../../../shared/domain';

const entry = (time: string, message: string, overrides: Partial<LogEntry> = {}): LogEntry => ({ time, level: 'info', message, ...overrides });

describe('the log view', () => {
  it('filters live entries like the engine filters its files: minimum level, search in message, MO and task', () => {
    const warn = entry('2026-11-28T08:00:00Z', 'slot 3 stuck', { level: 'warn', moId: 'WH/MO/00013' });
    const debug = entry('2026-11-28T08:00:01Z', 'read D7000', { level: 'debug', task: 'plc-read' });

    expect(matchesLogFilter(warn, { minLevel: 'warn' })).toBe(true);
    expect(matchesLogFilter(debug, { minLevel: 'info' })).toBe(false);
    expect(matchesLogFilter(warn, { search: 'wh/mo/00013' })).toBe(true);
    expect(matchesLogFilter(debug, { search: 'PLC-READ' })).toBe(true);
    expect(matchesLogFilter(debug, { search: 'odoo' })).toBe(false);
    expect(matchesLogFilter(debug, { search: '  ' })).toBe(true);
  });

  it('shows an entry pushed live and also read from the files once, live entries on top', () => {
    const a = entry('2026-11-28T08:00:02Z', 'fetched 10 MOs');
    const b = entry('2026-11-28T08:00:01Z', 'PLC read');
    const c = entry('2026-11-28T07:59:00Z', 'started');

    expect(mergeLogEntries([a, b], [b, c])).toEqual([a, b, c]);
  });
});
