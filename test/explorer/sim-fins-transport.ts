/**
 * A FINS transport over the simulated network: the real FinsClient (SIDs,
 * retries, timeouts, late-frame discarding) talks to the simulated PLC
 * through it, and every datagram may be dropped, delayed or duplicated on
 * the way out or back, as the schedule's fault plan says.
 */
import type { FinsRoute, FinsTransport, FinsTransportListener } from '../../electron/plc/fins-transport';
import type { FaultPlan } from './faults';
import type { SimClock } from './sim-clock';
import { CLIENT_NODE, PLC_NODE, type SimPlc } from './sim-plc';
import type { Trace } from './trace';

export interface SimLinkEnds {
  clock: SimClock;
  plc: SimPlc;
  faults: FaultPlan;
  trace: Trace;
  /** The owning process: it may die at this await point; a dead one receives nothing. */
  who: string;
  crashPoint(where: string): Promise<void>;
  alive(): boolean;
}

export function simFinsTransport(ends: SimLinkEnds): (listener: FinsTransportListener) => FinsTransport {
  return (listener) => {
    let closed = false;
    const receive = (reply: Buffer) => {
      if (!closed && ends.alive()) listener.frame(reply);
    };
    const arrive = (frame: Buffer, copies: number) => {
      for (const reply of ends.plc.execute(frame, copies)) answer(frame, reply);
    };
    const answer = (frame: Buffer, reply: Buffer) => {
      const fate = ends.faults.plcReply();
      if (fate !== 'deliver') ends.trace.add('net', `${ends.who}: PLC reply to ${describe(frame)} ${fate}`);
      if (fate === 'drop') return;
      const delay = fate === 'late' ? ends.faults.plcLateReplyMs() : ends.faults.plcLatencyMs();
      ends.clock.setTimer(delay, () => receive(reply));
      if (fate === 'duplicate') ends.clock.setTimer(delay + 1, () => receive(reply));
    };
    return {
      endpoint: 'sim-plc:9600/udp',
      async open(): Promise<FinsRoute> {
        return { plcNode: PLC_NODE, clientNode: CLIENT_NODE };
      },
      async send(frame: Buffer): Promise<void> {
        await ends.crashPoint(`before sending ${describe(frame)}`);
        const fate = ends.faults.plcRequest();
        if (fate !== 'deliver') ends.trace.add('net', `${ends.who}: request ${describe(frame)} ${fate}`);
        if (fate === 'drop') return;
        const copy = Buffer.from(frame);
        const delay = fate === 'late' ? ends.faults.plcSlowRequestMs() : ends.faults.plcLatencyMs();
        // A duplicated datagram arrives twice within one PLC scan.
        ends.clock.setTimer(delay, () => arrive(copy, fate === 'duplicate' ? 2 : 1));
      },
      async close(): Promise<void> {
        closed = true;
      },
    };
  };
}

/** "write D7076×1" / "read D7000×977" */
function describe(frame: Buffer): string {
  const kind = frame[11] === 0x02 ? 'write' : 'read';
  const address = frame.readUInt16BE(13);
  const count = frame.readUInt16BE(16);
  const value = kind === 'write' && count === 1 ? ` := ${frame.readUInt16BE(18)}` : '';
  return `${kind} D${address}×${count}${value}`;
}
