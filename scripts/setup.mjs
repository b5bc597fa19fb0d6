#!/usr/bin/env node
// Installs the project on a fresh machine, online or offline.
//
// `npm ci` would exit 1 where Electron's runtime cannot be downloaded (its
// install script fetches it from the internet, ../shared/TOOLCHAIN.md), so
// the packages are installed with that download deferred, then the download
// is tried on its own: on a workstation with internet it installs the real
// runtime (and a better-sqlite3 built for Electron's ABI); offline it says so
// in one line and `npm start` falls back to the console in a browser.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
}

// `--test`: the browser tests drive Debian's Chromium (never a downloaded one: ../shared/TOOLCHAIN.md).
if (process.argv.includes('--test') && !existsSync('/usr/bin/chromium')) {
  const [command, ...prefix] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', 'apt-get'];
  const apt = (...args) => run(command, [...prefix, ...args], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt('update', '-qq').status !== 0 || apt('install', '-y', '-qq', '--no-install-recommends', 'chromium').status !== 0) {
    console.error('Could not install Chromium for the browser tests: install the Debian package `chromium` (it must end up at /usr/bin/chromium).');
    process.exit(1);
  }
}

const install = run(npm, ['ci', '--no-audit', '--no-fund'], { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
if (install.status !== 0) process.exit(install.status ?? 1);

const download = run(process.execPath, [join(root, 'node_modules/electron/install.js')], { stdio: 'pipe', timeout: 10 * 60_000 });
if (download.status !== 0) {
  console.log('Electron runtime not downloaded (no internet here?): `npm start` will serve the console to your browser instead; run `npm run setup` again online to get the desktop app.');
  process.exit(0);
}
console.log('Electron runtime installed.');
buildSqliteForElectron();

// The tests and the headless host load better-sqlite3 built for Node; Electron's main
// process needs one built for Electron's ABI. Keep that one apart (.electron-native/)
// and let electron/main.ts load it through SMS_SQLITE_ELECTRON_BINDING (set by npm start).
function buildSqliteForElectron() {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const target = join(root, '.electron-native/better-sqlite3');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(join(root, 'node_modules/better-sqlite3'), target, { recursive: true, filter: (src) => !src.includes('/build/') });
  const prebuilt = run(join(root, 'node_modules/.bin/prebuild-install'), ['--runtime', 'electron', '--target', electronVersion], { cwd: target });
  if (prebuilt.status === 0 && existsSync(join(target, 'build/Release/better_sqlite3.node'))) return;
  const built = run(join(root, 'node_modules/.bin/node-gyp'), ['rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], { cwd: target });
  if (built.status !== 0) console.log('Could not build better-sqlite3 for Electron: the desktop app will not open its database; `npm start` still serves the console to your browser.');
}
