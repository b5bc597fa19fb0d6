/**
 * Builds the renderer with the project's vite.config.ts into a temporary
 * directory, so an e2e run always drives the current source, never a stale
 * dist/ (and never races a `npm run build` running beside it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export interface BuiltRenderer {
  dir: string;
  remove(): Promise<void>;
}

export async function buildRendererForTest(): Promise<BuiltRenderer> {
  const dir = await mkdtemp(join(tmpdir(), 'sms-renderer-'));
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  // vitest sets NODE_ENV=test, which would make vite bundle React's development build; test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      logLevel: 'warn',
      build: { outDir: dir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
