/**
 * The embedded demo's plant: the Odoo and PLC simulators, started beside the
 * engine when nothing points at a real plant. The serving process records
 * their endpoints in the data directory so that one-shot CLI commands
 * (`sync --once`, `status`) on the same data talk to the same simulated PLC
 * instead of starting a second, empty one.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isProcessAlive } from '../engine/process-alive';
import { startOdooSimulator } from '../odoo/odoo-simulator';
import { startPlcSimulator, type PlcSimulator } from '../plc/plc-simulator';

export interface DemoPeers {
  odooUrl: string;
  plcPort: number;
  /** True when these are another process's simulators (we must not stop them). */
  borrowed: boolean;
  stop(): Promise<void>;
}

const endpointsSchema = z.object({ odooUrl: z.string().url(), plcPort: z.number().int().positive(), pid: z.number().int() });
const endpointsFile = (dataDir: string) => join(dataDir, 'demo-endpoints.json');

export async function startDemoPeers(options: { dataDir: string; speed: number; shareable: boolean }): Promise<DemoPeers> {
  const running = readRunningPeers(options.dataDir);
  if (running) return { odooUrl: running.odooUrl, plcPort: running.plcPort, borrowed: true, stop: async () => undefined };

  const odoo = await startOdooSimulator({ port: 0, moCount: 300 });
  let plc: PlcSimulator;
  try {
    plc = await startPlcSimulator({ udpPort: 0, speed: options.speed });
  } catch (error) {
    // Nothing may outlive a failed start: the Odoo simulator's port would keep the process alive.
    await odoo.stop();
    throw error;
  }
  const plcPort = plc.ports.udpPort;
  if (plcPort === undefined) {
    await Promise.allSettled([odoo.stop(), plc.stop()]);
    throw new Error('the PLC simulator did not bind a UDP port');
  }
  const file = endpointsFile(options.dataDir);
  if (options.shareable) writeFileSync(file, JSON.stringify({ odooUrl: odoo.url, plcPort, pid: process.pid }));
  return {
    odooUrl: odoo.url,
    plcPort,
    borrowed: false,
    async stop() {
      if (options.shareable) rmSync(file, { force: true });
      await Promise.allSettled([odoo.stop(), plc.stop()]);
    },
  };
}

function readRunningPeers(dataDir: string): z.output<typeof endpointsSchema> | null {
  const file = endpointsFile(dataDir);
  if (!existsSync(file)) return null;
  const parsed = endpointsSchema.safeParse(safeJson(readFileSync(file, 'utf8')));
  if (!parsed.success || !isProcessAlive(parsed.data.pid) || parsed.data.pid === process.pid) return null;
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
