import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ELECTRON_DIR = fileURLToPath(new URL('../../../electron/', import.meta.url));

/** The engine and everything the headless host and the CLI run: none may need the Electron runtime. */
const RUNTIME_FREE = ['engine', 'store', 'odoo', 'plc', 'host'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('the Electron boundary', () => {
  it('keeps Electron out of the engine, the stores, the peers and the hosts', () => {
    const importers = RUNTIME_FREE.flatMap((dir) => sourceFiles(join(ELECTRON_DIR, dir))).filter((file) =>
      /from ['"]electron['"]|require\(['"]electron['"]\)/.test(readFileSync(file, 'utf8')),
    );

    expect(importers).toEqual([]);
  });
});
