import dgram from 'node:dgram';
import net from 'node:net';
import { systemClock, type Clock } from '../engine/clock';
import type { DmMemory } from './dm-memory';
import { executeFinsCommand, type FinsEndCodeFault } from './fins-command-executor';
import { decodeCommand, wordCountOf } from './fins-frame';
import { serveFinsTcpConnection } from './fins-server-tcp-session';
import { FinsTcpNodePool } from './fins-tcp-node-pool';

/** Faults a test or a demo can inject at runtime, to rehearse what a real plant network does. */
export interface FinsFaults {
  /** Delay before each reply. */
  latencyMs: number;
  /** 0..1: request silently dropped (no reply). */
  dropProbability: number;
  /** 0..1: reply with random bytes instead (the command is not executed). */
  garbageProbability: number;
  /** DM range → end code reply instead of executing. */
  endCodes: FinsEndCodeFault[];
  /** Answer nothing at all, not even the FINS/TCP handshake (PLC unplugged). */
  silent: boolean;
  /**
   * DM range → every command touching it loses its request (never executed)
   * or its reply (executed, the answer never arrives), optionally only reads
   * or writes. A lost reply is the fault a client must not mistake for "the
   * PLC did nothing".
   */
  lostFrames: FinsLostFrameFault[];
}

export interface FinsLostFrameFault {
  from: number;
  to: number;
  command?: 'read' | 'write';
  lose: 'request' | 'reply';
}

export interface FinsServerOptions {
  memory: DmMemory;
  /** Default '127.0.0.1'. */
  host?: string;
  /** 0 = random free port; undefined = no UDP. */
  udpPort?: number;
  /** 0 = random free port; undefined = no TCP. */
  tcpPort?: number;
  /** This PLC's node number (default 2, ../shared/plant/fins.md §2). */
  node?: number;
  /** For deterministic fault injection in tests (default Math.random). */
  random?: () => number;
  /** Called after a successful MEMORY AREA WRITE. */
  onWrite?: (address: number, count: number) => void;
  /** Times the injected latency (default: the system clock). */
  clock?: Clock;
}

export interface FinsServerPorts {
  udpPort?: number;
  tcpPort?: number;
}

export interface FinsServerStats {
  /** FINS frames received (UDP datagrams and FINS/TCP frame sends). */
  requests: number;
  reads: number;
  writes: number;
  /** Frames that got no reply: dropped or silenced by a fault, or not a command for this node. */
  dropped: number;
}

/** The longest garbage reply; long enough to look like a response, short enough to be cheap. */
const MAX_GARBAGE_BYTES = 40;

/**
 * A FINS server over UDP and/or TCP serving a DmMemory: the wire side of the
 * PLC simulator. It answers like a CPU unit (ICF 0xC0, source and destination
 * swapped, SID and command echoed, proper end codes) and injects the faults
 * set in `faults`.
 */
export class FinsServer {
  readonly faults: FinsFaults = { latencyMs: 0, dropProbability: 0, garbageProbability: 0, endCodes: [], silent: false, lostFrames: [] };
  private readonly host: string;
  private readonly node: number;
  private readonly random: () => number;
  private readonly clock: Clock;
  private readonly tcpNodes: FinsTcpNodePool;
  /** Ports to bind on start(): as configured, then as bound, so a restart comes back on the same ports. */
  private ports: FinsServerPorts;
  private udp: dgram.Socket | null = null;
  private tcp: net.Server | null = null;
  private readonly tcpConnections = new Set<net.Socket>();
  private readonly delayedReplies = new Set<() => void>();
  private readonly counters: FinsServerStats = { requests: 0, reads: 0, writes: 0, dropped: 0 };

  constructor(private readonly options: FinsServerOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.node = options.node ?? 2;
    if (!Number.isInteger(this.node) || this.node < 1 || this.node > 254) throw new RangeError(`FINS server node ${this.node} is outside 1..254`);
    for (const [name, port] of Object.entries({ udpPort: options.udpPort, tcpPort: options.tcpPort })) {
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new RangeError(`FINS server ${name} ${port} is outside 0..65535`);
    }
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? systemClock;
    this.tcpNodes = new FinsTcpNodePool(this.node);
    this.ports = { udpPort: options.udpPort, tcpPort: options.tcpPort };
  }

  async start(): Promise<FinsServerPorts> {
    if (this.udp !== null || this.tcp !== null) throw new Error('FinsServer is already running');
    try {
      const bound: FinsServerPorts = {};
      if (this.ports.udpPort !== undefined) {
        this.udp = await this.bindUdp(this.ports.udpPort);
        bound.udpPort = this.udp.address().port;
      }
      if (this.ports.tcpPort !== undefined) {
        this.tcp = await this.listenTcp(this.ports.tcpPort);
        bound.tcpPort = (this.tcp.address() as net.AddressInfo).port;
      }
      this.ports = bound;
      return { ...bound };
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.delayedReplies.forEach((cancel) => cancel());
    this.delayedReplies.clear();
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = null;
    this.tcp = null;
    this.tcpConnections.forEach((socket) => socket.destroy());
    this.tcpConnections.clear();
    await Promise.all([
      udp && new Promise<void>((resolve) => udp.close(() => resolve())),
      tcp && new Promise<void>((resolve) => tcp.close(() => resolve())),
    ]);
  }

  stats(): FinsServerStats {
    return { ...this.counters };
  }

  private async bindUdp(port: number): Promise<dgram.Socket> {
    const socket = dgram.createSocket(net.isIPv6(this.host) ? 'udp6' : 'udp4');
    socket.on('message', (frame, from) =>
      this.handleFrame(frame, (response) => {
        if (this.udp === socket) socket.send(response, from.port, from.address);
      }),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, this.host, () => resolve());
    }).catch((error: unknown) => {
      socket.close();
      throw error;
    });
    socket.removeAllListeners('error');
    // Send errors (e.g. the client went away) must not take the simulated PLC down.
    socket.on('error', () => undefined);
    return socket;
  }

  private async listenTcp(port: number): Promise<net.Server> {
    const server = net.createServer((socket) => {
      this.tcpConnections.add(socket);
      socket.on('close', () => this.tcpConnections.delete(socket));
      serveFinsTcpConnection(socket, {
        serverNode: this.node,
        nodes: this.tcpNodes,
        isSilent: () => this.faults.silent,
        handleFrame: (frame, reply) => this.handleFrame(frame, reply),
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => resolve());
    });
    server.removeAllListeners('error');
    return server;
  }

  private handleFrame(frame: Buffer, reply: (response: Buffer) => void): void {
    this.counters.requests++;
    if (this.faults.silent || this.chance(this.faults.dropProbability) || this.lost(frame, 'request')) {
      this.counters.dropped++;
      return;
    }
    const response = this.chance(this.faults.garbageProbability) ? this.garbage() : this.execute(frame);
    if (response === null) return;
    this.afterLatency(() => reply(response));
  }

  private execute(frame: Buffer): Buffer | null {
    const execution = executeFinsCommand(frame, { memory: this.options.memory, node: this.node, endCodeFaults: this.faults.endCodes });
    if (execution.kind === 'ignored') {
      this.counters.dropped++;
      return null;
    }
    if (execution.access?.kind === 'read') this.counters.reads++;
    if (execution.access?.kind === 'write') {
      this.counters.writes++;
      this.options.onWrite?.(execution.access.address, execution.access.count);
    }
    if (this.lost(frame, 'reply')) {
      this.counters.dropped++;
      return null;
    }
    return execution.response;
  }

  private lost(frame: Buffer, lose: FinsLostFrameFault['lose']): boolean {
    const faults = this.faults.lostFrames.filter((fault) => fault.lose === lose);
    if (faults.length === 0) return false;
    const decoded = decodeCommand(frame);
    if (decoded.kind !== 'command') return false;
    const { command } = decoded;
    const last = command.address + wordCountOf(command) - 1;
    return faults.some((fault) => (fault.command === undefined || fault.command === command.kind) && command.address <= fault.to && fault.from <= last);
  }

  private afterLatency(send: () => void): void {
    if (this.faults.latencyMs <= 0) {
      send();
      return;
    }
    const cancel = this.clock.setTimer(this.faults.latencyMs, () => {
      this.delayedReplies.delete(cancel);
      send();
    });
    this.delayedReplies.add(cancel);
  }

  /** Draws from `random` only when the fault is enabled, so a seeded sequence is not consumed by idle faults. */
  private chance(probability: number): boolean {
    return probability > 0 && this.random() < probability;
  }

  private garbage(): Buffer {
    const length = 1 + Math.floor(this.random() * MAX_GARBAGE_BYTES);
    return Buffer.from(Array.from({ length }, () => Math.floor(this.random() * 256)));
  }
}
