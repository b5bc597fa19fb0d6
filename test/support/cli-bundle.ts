import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundles = new Map<string, string>();

/**
 * A TypeScript entry point bundled once per test process (inside node_modules/.cache, so that
 * better-sqlite3 resolves): dozens of child processes then start in ~0.2 s each instead of
 * compiling TypeScript every time.
 */
export function bundleForTest(entry: string): string {
  const cached = bundles.get(entry);
  if (cached) return cached;
  const dir = join(root, 'node_modules/.cache/smart-mo-sync-test');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${basename(entry, '.ts')}-${process.pid}.cjs`);
  buildSync({
    entryPoints: [join(root, entry)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'pg-native', 'electron'],
    logLevel: 'error',
  });
  bundles.set(entry, out);
  return out;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runBundled(entry: string, args: string[], env: Record<string, string>): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundleForTest(entry), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export const runCli = (args: string[], env: Record<string, string>): Promise<ProcessResult> => runBundled('electron/host/cli.ts', args, env);
