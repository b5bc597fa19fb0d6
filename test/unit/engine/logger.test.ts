import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../../../shared/domain';
import { createLogger } from '../../../electron/engine/logger';

// /dev/full answers every write with ENOSPC: a real full disk, without filling one.
describe.skipIf(!existsSync('/dev/full'))('the log file on a full disk', () => {
  afterEach(() => vi.restoreAllMocks());

  it('does not stop the engine: the failure is reported once on stderr and in the log panel, and logging goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-log-'));
    symlinkSync('/dev/full', join(dir, 'engine.1.log'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const panel: LogEntry[] = [];
    const logger = await createLogger({ level: 'info', dir, onEntry: (entry) => panel.push(entry) });

    for (let i = 0; i < 250; i++) logger.log.info(`line ${i}`);
    await logger.close();

    const reports = stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('cannot write the log file'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/\(ENOSPC\); the engine keeps running/);
    expect(panel.filter((e) => e.level === 'error' && /cannot write the log file/.test(e.message))).toHaveLength(1);
    // The panel still got every line: only the file is lost.
    expect(panel.filter((e) => /^line \d+$/.test(e.message))).toHaveLength(250);
  });
});
