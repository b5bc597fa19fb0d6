/**
 * The packaged shape of the app: dist/electron/main.cjs in the real Electron
 * runtime. Runs wherever the Electron binary exists (a workstation after
 * `npm install` with internet); elsewhere it is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requests } from '../../shared/contract';
import { ConsolePage } from './console-page';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Electron executable, or why this machine cannot run it. */
function electronRuntime(): { executable: string } | { skip: string } {
  let executable: string;
  try {
    // In plain Node, the electron package exports the path of its binary.
    executable = String(createRequire(import.meta.url)('electron'));
  } catch {
    return { skip: 'Electron runtime binary not installed (node_modules/electron/dist missing) — see README' };
  }
  if (!existsSync(executable)) return { skip: 'Electron runtime binary not installed (node_modules/electron/dist missing) — see README' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skip: 'no display for the Electron window: set DISPLAY or run under xvfb-run' };
  }
  return { executable };
}

describe('Electron app', () => {
  it('opens the console window with only the contract exposed to the page', async (ctx) => {
    const runtime = electronRuntime();
    if ('skip' in runtime) {
      console.warn(`SKIPPED electron-app: ${runtime.skip}`);
      return ctx.skip(runtime.skip);
    }
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    const dataDir = await mkdtemp(join(tmpdir(), 'sms-electron-'));
    const app = await _electron.launch({
      executablePath: runtime.executable,
      // Chromium refuses to run as root with its OS sandbox; the page stays sandboxed by Electron.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), join(ROOT, 'dist/electron/main.cjs'), '--demo'],
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      const console_ = new ConsolePage(window);

      // The demo fetches its first wave at once: the window shows a live engine, not only a page.
      await expect.poll(() => console_.queueCount(), { timeout: 60_000 }).toBeGreaterThan(0);
      const exposed = await window.evaluate(() => {
        const page = globalThis as unknown as Record<string, unknown>;
        const api = page.smartMoSync;
        return {
          api: typeof api,
          methods: typeof api === 'object' && api !== null ? Object.keys(api).sort() : [],
          require: typeof page.require,
          process: typeof page.process,
          ipcRenderer: typeof page.ipcRenderer,
        };
      });

      expect(exposed).toEqual({
        api: 'object',
        methods: [...Object.keys(requests), 'on'].sort(),
        require: 'undefined',
        process: 'undefined',
        ipcRenderer: 'undefined',
      });
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
