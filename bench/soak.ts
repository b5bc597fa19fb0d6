/**
 * `npm run soak -- --minutes M`: the demo (engine, simulated Odoo and PLC, the
 * headless host with one console polling it) at high simulator speed and fast
 * timers, in this process, on a throwaway data directory. The demo's Odoo holds
 * 300 MOs, a few minutes' worth at this speed: the soak starts the same two
 * simulators itself, with enough MOs for every minute, and points the engine
 * at them as the demo does. Prints one line per
 * minute — waves so far, RSS, heap used, store + WAL size, log size — and fails
 * (exit 1) when the engine logs an error or RSS grows more than 20 % from the
 * end of the warm-up (the first 2 minutes) to the end. Not part of `npm test`.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { startEngine } from '../electron/engine/start-engine';
import { startHeadlessHost } from '../electron/host/http-host';
import { startOdooSimulator } from '../electron/odoo/odoo-simulator';
import { startPlcSimulator } from '../electron/plc/plc-simulator';
import { BRIDGE_PATH } from '../shared/bridge-protocol';

const WARM_UP_MINUTES = 2;
const MAX_RSS_GROWTH = 0.2;
/** The console polls like an operator's screen left open, besides the events pushed to it. */
const CONSOLE_POLL_MS = 2_000;
/** MOs per minute of soak: at SMS_SIM_SPEED=50 the demo runs about 9 waves of 10 a minute. */
const MOS_PER_MINUTE = 150;

/*
 * A wave every few seconds and every task many times a minute, so ten minutes hold what the plant's timers do in
 * weeks; Task 6 each minute with a small cap, so pruning runs too. Any of these can be overridden from the environment.
 */
const SOAK_SETTINGS: Record<string, string> = {
  SMS_SIM_SPEED: '50',
  ENABLE_AUTO_SYNC: 'true',
  ODOO_RETRY_BASE_SEC: '5',
  SYNC_INTERVAL_MINUTES: '0.05',
  PLC_READ_INTERVAL_MINUTES: '0.01',
  PROCESS_COMPLETED_INTERVAL_MINUTES: '0.02',
  HEALTH_MONITOR_INTERVAL_MINUTES: '0.05',
  EQUIPMENT_FAILURE_INTERVAL_MINUTES: '0.05',
  LOG_CLEANUP_INTERVAL_MINUTES: '1',
  SMS_MAX_RUN_RECORDS: '2000',
};

interface Minute {
  minute: number;
  waves: number;
  rssMb: number;
  heapMb: number;
  storeMb: number;
  logMb: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' } }, strict: true });
  const minutes = Number(values.minutes);
  if (!Number.isInteger(minutes) || minutes < 1) {
    console.error(`--minutes must be a whole number of minutes ≥ 1 (got ${values.minutes})`);
    return 2;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sms-soak-'));
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Smart MO Sync</title>');
  const engineDir = join(dataDir, 'data');
  const env: Record<string, string> = { ...SOAK_SETTINGS, ...pick(process.env, Object.keys(SOAK_SETTINGS)), DATA_DIR: engineDir };
  mkdirSync(engineDir);
  const odoo = await startOdooSimulator({ port: 0, moCount: MOS_PER_MINUTE * (minutes + 2) });
  const plc = await startPlcSimulator({ udpPort: 0, speed: Number(env.SMS_SIM_SPEED) });
  const { db, username, password } = odoo.state.credentials;
  const plant = { ODOO_BASE_URL: odoo.url, ODOO_DB: db, ODOO_USERNAME: username, ODOO_PASSWORD: password, PLC_IP: '127.0.0.1', PLC_PORT: String(plc.ports.udpPort) };
  const started = await startEngine({ env: { ...env, ...plant }, schedule: true });
  const host = await startHeadlessHost({ backend: started.backend, rendererDir, log: started.log });
  const console_ = await openConsole(host.port);

  let waves = 0;
  const errors: string[] = [];
  started.backend.subscribe('run', (run) => {
    if (run.task === 'mo-sync' && run.outcome === 'fetched') waves++;
  });
  started.backend.subscribe('log', (entry) => {
    if (entry.level === 'error') {
      errors.push(`${entry.time} ${entry.message}`);
      console.log(`error logged: ${entry.message}`);
    }
  });

  console.log(`soak: ${minutes} min of the demo at SMS_SIM_SPEED=${env.SMS_SIM_SPEED}; data in ${engineDir}`);
  const figures: Minute[] = [];
  try {
    for (let minute = 1; minute <= minutes; minute++) {
      await sleep(60_000);
      const figure = { minute, waves, ...memory(), storeMb: sizeMb(engineDir, (name) => name.endsWith('.db') || name.endsWith('.db-wal') || name.endsWith('.db-shm')), logMb: sizeMb(join(engineDir, 'logs')) };
      figures.push(figure);
      console.log(
        `minute ${String(minute).padStart(3)}: waves ${String(figure.waves).padStart(4)}, RSS ${figure.rssMb.toFixed(0)} MB, heap used ${figure.heapMb.toFixed(0)} MB, ` +
          `store + WAL ${figure.storeMb.toFixed(1)} MB, logs ${figure.logMb.toFixed(1)} MB`,
      );
    }
  } finally {
    console_.close();
    await host.stop();
    await started.stop();
    await Promise.allSettled([odoo.stop(), plc.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return verdict(figures, errors);
}

function verdict(figures: readonly Minute[], errors: readonly string[]): number {
  const largest = Math.max(...figures.map((f) => f.rssMb));
  console.log(`largest RSS: ${largest.toFixed(0)} MB; waves: ${figures.at(-1)?.waves ?? 0}`);
  let failed = false;
  if (errors.length > 0) {
    console.log(`FAIL: ${errors.length} error-level log line(s), the first: ${errors[0]}`);
    failed = true;
  }
  const warm = figures.find((f) => f.minute === WARM_UP_MINUTES);
  const end = figures.at(-1);
  if (!warm || !end || end === warm) {
    console.log(`RSS growth not judged: it needs more than ${WARM_UP_MINUTES} minutes (warm-up)`);
  } else {
    const growth = (end.rssMb - warm.rssMb) / warm.rssMb;
    const text = `RSS ${warm.rssMb.toFixed(0)} MB after warm-up → ${end.rssMb.toFixed(0)} MB at the end (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %)`;
    if (growth > MAX_RSS_GROWTH) {
      console.log(`FAIL: ${text}, more than ${MAX_RSS_GROWTH * 100} %`);
      failed = true;
    } else {
      console.log(`ok: ${text}`);
    }
  }
  return failed ? 1 : 0;
}

/** One console screen: subscribed to every event (the bridge pushes them all) and polling the snapshot. */
async function openConsole(port: number): Promise<{ close(): void }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let id = 0;
  const poll = setInterval(() => socket.send(JSON.stringify({ id: ++id, method: 'getSnapshot' })), CONSOLE_POLL_MS);
  return {
    close() {
      clearInterval(poll);
      socket.terminate();
    },
  };
}

function memory(): { rssMb: number; heapMb: number } {
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 };
}

function sizeMb(dir: string, include: (name: string) => boolean = () => true): number {
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const info = statSync(join(dir, name));
    if (info.isFile() && include(name)) bytes += info.size;
  }
  return bytes / 2 ** 20;
}

function pick(env: NodeJS.ProcessEnv, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((key) => (env[key] ? [[key, env[key]]] : [])));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

process.exitCode = await main();
