/**
 * A console client that sends 100,000 snapshot calls and never reads the
 * answers: how much memory the host takes on, with the bridge's per-connection
 * limits (ours), without them (the naive way: every answer queued for a client
 * that will never read it), and for a quiet host with one well-behaved client
 * (the minimum). The host runs as a child process (bench/bridge-flood-host.ts);
 * its peak resident memory is read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { BRIDGE_LIMITS } from '../../electron/host/ws-bridge';
import { BRIDGE_PATH } from '../../shared/bridge-protocol';
import { ratio } from '../bench-report';
import type { SectionResult } from '../bench-section';

const CALLS = 100_000;
const HOST_SCRIPT = fileURLToPath(new URL('../bridge-flood-host.ts', import.meta.url));
/** Memory is taken as settled once the peak has not moved for this long. */
const SETTLED_MS = 1_500;
const GIVE_UP_MS = 40_000;

interface Measured {
  beforeMb: number;
  peakMb: number;
  dropped: boolean;
}

export async function benchBridgeFlood(): Promise<SectionResult> {
  const title = `Bridge flood: ${CALLS.toLocaleString('en')} getSnapshot calls from a client that never reads (host memory)`;
  if (!existsSync('/proc/self/status')) return { kind: 'skipped', title, reason: 'no /proc to read a process\'s resident memory from' };
  try {
    const quiet = await measure('limited', false);
    const ours = await measure('limited', true);
    const naive = await measure('unlimited', true);
    const row = (label: string, m: Measured): string[] => [
      label,
      m.beforeMb.toFixed(0),
      m.peakMb.toFixed(0),
      (m.peakMb - m.beforeMb).toFixed(0),
      m.dropped ? 'dropped' : 'kept',
      ratio(m.peakMb, quiet.peakMb),
    ];
    const limitMb = BRIDGE_LIMITS.unsentBytes / (1024 * 1024);
    return {
      kind: 'table',
      title,
      header: ['RSS MB before', 'peak MB', 'growth MB', 'client', 'ratio'],
      rows: [
        row('minimum: a quiet host, one client that reads its answer', quiet),
        row(`Smart MO Sync: at most ${BRIDGE_LIMITS.callsInFlight} calls in flight, ${limitMb} MB unsent per connection`, ours),
        row('naive: no bound (every answer queued for the client)', naive),
      ],
      notes: [
        'The host is a child process serving a console backend with a wave of 10 queued (a snapshot of about 6 kB); peak = VmHWM from /proc once it has not moved for 1.5 s; ratio = peak against the quiet host\'s peak.',
        'The flooding client pauses its socket after connecting, so nothing the host sends is read: the answers pile up in the host until it drops the connection. With the limits the growth is what waits unsent plus answers built and not yet collected: it does not grow with the number of calls.',
      ],
    };
  } catch (error) {
    return { kind: 'failed', title, reason: (error as Error).message };
  }
}

async function measure(mode: 'limited' | 'unlimited', flood: boolean): Promise<Measured> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOST_SCRIPT, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const port = await portOf(child);
    await sleep(500);
    const beforeMb = memoryMb(child, 'VmRSS');
    const client = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}`);
    await new Promise<void>((resolve, reject) => {
      client.once('open', () => resolve());
      client.once('error', reject);
    });
    if (flood) {
      client.pause();
      for (let id = 1; id <= CALLS; id++) client.send(JSON.stringify({ id, method: 'getSnapshot' }));
    } else {
      await new Promise<void>((resolve) => {
        client.once('message', () => resolve());
        client.send(JSON.stringify({ id: 1, method: 'getSnapshot' }));
      });
    }
    const peakMb = await settledPeak(child);
    client.terminate();
    return { beforeMb, peakMb, dropped: /too slow: closed after/.test(stderr) };
  } finally {
    child.kill('SIGKILL');
  }
}

function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`the bench host exited (${String(code)}) before listening`)));
  });
}

async function settledPeak(child: ChildProcess): Promise<number> {
  const started = Date.now();
  let peak = memoryMb(child, 'VmHWM');
  let since = Date.now();
  while (Date.now() - since < SETTLED_MS && Date.now() - started < GIVE_UP_MS) {
    await sleep(100);
    const now = memoryMb(child, 'VmHWM');
    if (now !== peak) {
      peak = now;
      since = Date.now();
    }
  }
  return peak;
}

function memoryMb(child: ChildProcess, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${child.pid}/status`);
  return Number(match[1]) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
