/**
 * The simulated plant PLC: a FINS server (UDP and/or TCP) over DM memory, with
 * the plant model running batches in that same memory. Every FINS write pokes
 * the model so a hand-over is taken at once, as the real PLC scan would.
 */
import { systemClock, type Clock } from '../engine/clock';
import { DmMemory } from './dm-memory';
import { FinsServer } from './fins-server';
import { PlantModel, seededRandom } from './plant-model';

export interface PlcSimulatorOptions {
  /** 0 = a random free port. With neither port given, UDP on a random port. */
  udpPort?: number;
  tcpPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  speed?: number;
  batchSeconds?: number;
  /** Drives the plant and the server's injected latency. */
  clock?: Clock;
  /** Slots whose next run fails midway (status_operation = 1). */
  failSlots?: number[];
  /** Replayable dosing noise; without it every run differs. */
  seed?: number;
}

export interface PlcSimulator {
  memory: DmMemory;
  plant: PlantModel;
  server: FinsServer;
  ports: { udpPort?: number; tcpPort?: number };
  /** The effective settings, defaults filled in. */
  settings: { host: string; speed: number; batchSeconds: number };
  stop(): Promise<void>;
}

const DEFAULT_BATCH_SECONDS = 30;
/** About twenty ramp steps per batch, never busier than every 10 ms nor lazier than the plant model's default 200 ms. */
const RAMP_STEPS = 20;

export async function startPlcSimulator(options: PlcSimulatorOptions = {}): Promise<PlcSimulator> {
  const speed = options.speed ?? 1;
  const batchSeconds = options.batchSeconds ?? DEFAULT_BATCH_SECONDS;
  const host = options.host ?? '127.0.0.1';
  const memory = new DmMemory();
  const clock = options.clock ?? systemClock;
  const plant = new PlantModel({
    memory,
    clock,
    speed,
    batchSeconds,
    tickMs: Math.min(200, Math.max(10, (batchSeconds * 1000) / speed / RAMP_STEPS)),
    random: options.seed === undefined ? Math.random : seededRandom(options.seed),
    failSlots: options.failSlots ?? [],
  });
  const noPortGiven = options.udpPort === undefined && options.tcpPort === undefined;
  const server = new FinsServer({
    memory,
    host,
    udpPort: noPortGiven ? 0 : options.udpPort,
    tcpPort: options.tcpPort,
    clock,
    onWrite: (address, count) => plant.notifyWrite(address, count),
  });

  plant.start();
  let ports: { udpPort?: number; tcpPort?: number };
  try {
    ports = await server.start();
  } catch (error) {
    plant.stop();
    throw error;
  }
  return {
    memory,
    plant,
    server,
    ports,
    settings: { host, speed, batchSeconds },
    async stop() {
      plant.stop();
      await server.stop();
    },
  };
}
