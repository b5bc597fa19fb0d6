#!/usr/bin/env node
// `npm start`: build, then open the desktop console when the Electron runtime is
// installed; otherwise say so in one line and serve the same console to a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electronBinary = findElectronBinary();
const child = electronBinary
  ? spawn(electronBinary, [join(root, 'dist/electron/main.cjs'), ...args], { cwd: root, stdio: 'inherit', env: electronEnv() })
  : (console.log('Electron runtime not installed (see README: npm run setup online) — serving the console to your browser instead.'),
    spawn(process.execPath, [join(root, 'dist/cli.cjs'), 'serve', ...args], { cwd: root, stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function findElectronBinary() {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function electronEnv() {
  const binding = join(root, '.electron-native/better-sqlite3/build/Release/better_sqlite3.node');
  return existsSync(binding) ? { ...process.env, SMS_SQLITE_ELECTRON_BINDING: binding } : process.env;
}
