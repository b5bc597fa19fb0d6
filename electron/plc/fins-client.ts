import { sleep, systemClock, type Clock } from '../engine/clock';
import { CircuitBreaker, describeRejection } from './circuit-breaker';
import { parseFinsClientSettings, type FinsClientOptions, type FinsClientSettings } from './fins-client-options';
import { endCodeWarnings, FinsEndCodeError, NORMAL_COMPLETION } from './fins-end-codes';
import { commandHeader, decodeResponse, describeRange, encodeCommand, type FinsCommand, type ResponseCheck } from './fins-frame';
import { PlcError } from './fins-plc-error';
import { FinsTcpTransport } from './fins-tcp-transport';
import { errorText, FinsLinkError, type DiscardReason, type FinsTransport, type FinsTransportFactory } from './fins-transport';
import { FinsUdpTransport } from './fins-udp-transport';
import { assertReadRange, assertWriteWords, splitRange } from './fins-word-range';
import type { PlcLink, PlcLinkHealth } from './plc-link';

export type { FinsClientOptions } from './fins-client-options';

export interface FinsClientStats {
  /** FINS frames sent, retries included. */
  roundTrips: number;
  /** Attempts repeated after a timeout, a broken link or a malformed answer. */
  retries: number;
  timeouts: number;
  /** Incoming frames thrown away, by reason. */
  discarded: Record<DiscardReason, number>;
}

/** A DM read or write before the header (nodes, SID) is filled in for one attempt. */
type CommandBody = { kind: 'read'; address: number; count: number } | { kind: 'write'; address: number; words: readonly number[] };

type Answer =
  | { kind: 'response'; check: Extract<ResponseCheck, { ok: true }> }
  | { kind: 'failed'; timedOut: boolean; reason: string };

/** `sent`: whether the frame went out, so a send-once write can tell "not executed" from "fate unknown". */
type AttemptOutcome = { kind: 'answered'; words: number[] } | (Extract<Answer, { kind: 'failed' }> & { sent: boolean });

/** Whether a command may be sent again when its answer does not come (../shared/DESIGN.md: repeat-safety belongs to the operation). */
type Repeat = 'retry' | 'once';

interface PendingAnswer {
  command: FinsCommand;
  settle(answer: Answer): void;
}

/**
 * The engine's link to an Omron PLC over FINS (UDP or TCP), following
 * ../shared/plant/fins.md §7: one request in flight, SID per frame, responses matched by
 * SID + command + node, end codes masked, flags reported as warnings,
 * retries with growing backoff, and a circuit breaker so a dead PLC fails
 * fast instead of stalling every task for attempts × timeout.
 */
export class FinsClient implements PlcLink {
  private readonly settings: FinsClientSettings;
  private readonly clock: Clock;
  private readonly onWarning: (message: string) => void;
  private readonly transport: FinsTransport;
  private readonly breaker: CircuitBreaker;
  private queueTail: Promise<unknown> = Promise.resolve();
  private nextSid = 0;
  private pending: PendingAnswer | null = null;
  /** The last command sent, to tell late duplicates from foreign frames once nothing is pending. */
  private lastSent: FinsCommand | null = null;
  private closed = false;
  private lastOkAt: number | null = null;
  private lastFailure = '';
  private activeWarnings: string[] = [];
  private readonly counters: FinsClientStats = { roundTrips: 0, retries: 0, timeouts: 0, discarded: { late: 0, foreign: 0, malformed: 0 } };

  constructor(options: FinsClientOptions) {
    this.settings = parseFinsClientSettings(options);
    this.clock = options.clock ?? systemClock;
    this.onWarning = options.onWarning ?? (() => undefined);
    this.breaker = new CircuitBreaker(this.clock, { failureThreshold: this.settings.breakerThreshold, coolDownMs: this.settings.breakerCoolDownMs });
    const createTransport = options.transport ?? defaultTransport(this.settings, this.clock);
    this.transport = createTransport({
      frame: (bytes) => this.onFrame(bytes),
      discarded: (reason) => this.counters.discarded[reason]++,
      broken: (reason) => this.pending?.settle({ kind: 'failed', timedOut: false, reason }),
    });
  }

  /** "192.168.1.2:9600/udp" */
  get endpoint(): string {
    return this.transport.endpoint;
  }

  async readDm(address: number, count: number): Promise<number[]> {
    assertReadRange(address, count);
    return this.serialise(async () => {
      const words: number[] = [];
      for (const range of splitRange(address, count, this.settings.maxReadWords)) {
        words.push(...(await this.request({ kind: 'read', ...range })));
      }
      return words;
    });
  }

  async writeDm(address: number, words: readonly number[]): Promise<void> {
    assertWriteWords(address, words);
    const snapshot = [...words]; // the caller may reuse its array while we wait in the queue
    await this.serialise(async () => {
      for (const range of splitRange(address, snapshot.length, this.settings.maxWriteWords)) {
        const offset = range.address - address;
        await this.request({ kind: 'write', address: range.address, words: snapshot.slice(offset, offset + range.count) });
      }
    });
  }

  async writeDmOnce(address: number, words: readonly number[]): Promise<void> {
    assertWriteWords(address, words);
    if (words.length > this.settings.maxWriteWords) {
      throw new PlcError('bad-request', `bad PLC request: writing ${describeRange(address, words.length)} once needs one frame, at most ${this.settings.maxWriteWords} words`);
    }
    const snapshot = [...words];
    await this.serialise(() => this.request({ kind: 'write', address, words: snapshot }, 'once'));
  }

  health(): PlcLinkHealth {
    const base = { lastOkAt: this.lastOkAt, roundTrips: this.counters.roundTrips };
    const { state, nextProbeInMs } = this.breaker.snapshot();
    if (state.kind === 'open') {
      const detail = describeRejection({ admitted: false, failures: state.failures, nextProbeInMs: nextProbeInMs ?? 0, probeInFlight: false });
      return { ...base, state: 'down', detail: `PLC unreachable (${this.endpoint}): ${detail}` };
    }
    if (state.kind === 'half-open') {
      // Still down until the probe answers: "degraded" here would clear the PLC alarm at every probe and raise it anew.
      return { ...base, state: 'down', detail: `PLC unreachable (${this.endpoint}): probing after ${state.failures} failed requests` };
    }
    if (state.failures > 0) {
      return { ...base, state: 'degraded', detail: `${state.failures} failed request(s) in a row; last: ${this.lastFailure}` };
    }
    if (this.lastOkAt === null) return { ...base, state: 'unknown', detail: `no answer from ${this.endpoint} yet` };
    if (this.activeWarnings.length > 0) return { ...base, state: 'degraded', detail: this.activeWarnings.join('; ') };
    return { ...base, state: 'ok', detail: `${this.endpoint} answering` };
  }

  stats(): FinsClientStats {
    return { ...this.counters, discarded: { ...this.counters.discarded } };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending?.settle({ kind: 'failed', timedOut: false, reason: 'client closed' });
    await this.transport.close();
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queueTail.then(task);
    this.queueTail = run.catch(() => undefined);
    return run;
  }

  /** One FINS command with its retries (or exactly one attempt), guarded by the circuit breaker. */
  private async request(body: CommandBody, repeat: Repeat = 'retry'): Promise<number[]> {
    const action = `${body.kind === 'read' ? 'reading' : 'writing'} ${describeRange(body.address, body.kind === 'read' ? body.count : body.words.length)}`;
    const admission = this.breaker.admit();
    if (!admission.admitted) throw new PlcError('circuit-open', `PLC unreachable (${this.endpoint}): ${describeRejection(admission)}`);
    try {
      const words = repeat === 'retry' ? await this.withRetries(body, action) : await this.sendOnce(body, action);
      this.breaker.record(true);
      return words;
    } catch (error) {
      // An end code is an answer: the PLC is there, so it does not count against the circuit.
      const reached = error instanceof PlcError && error.kind === 'end-code';
      this.breaker.record(reached);
      if (!reached) this.lastFailure = errorText(error);
      throw error;
    }
  }

  private async withRetries(body: CommandBody, action: string): Promise<number[]> {
    const { attempts, backoffMs } = this.settings;
    let attempt = 0;
    for (;;) {
      this.assertOpen();
      attempt++;
      const outcome = await this.attempt(body, action);
      if (outcome.kind === 'answered') return outcome.words;
      if (attempt >= attempts || this.closed) {
        const summary = `${outcome.reason} (${attempt} attempt${attempt === 1 ? '' : 's'})`;
        if (outcome.timedOut) throw new PlcError('timeout', `PLC did not answer (${this.endpoint}) ${action}: ${summary}`);
        throw new PlcError('transport', `PLC link failed (${this.endpoint}) ${action}: ${summary}`);
      }
      this.counters.retries++;
      await sleep(this.clock, backoffMs * 2 ** (attempt - 1));
    }
  }

  /** One attempt and no other: an unanswered frame is reported as such, never sent again. */
  private async sendOnce(body: CommandBody, action: string): Promise<number[]> {
    this.assertOpen();
    const outcome = await this.attempt(body, action);
    if (outcome.kind === 'answered') return outcome.words;
    if (outcome.sent) {
      throw new PlcError(
        'unanswered',
        `PLC did not confirm (${this.endpoint}) ${action}: ${outcome.reason}; sent once and not repeated, so the PLC may or may not have executed it`,
      );
    }
    throw new PlcError('transport', `PLC link failed (${this.endpoint}) ${action}: ${outcome.reason}; nothing was sent`);
  }

  /** Sends the command once and waits for its answer; an error end code throws (never retried). */
  private async attempt(body: CommandBody, action: string): Promise<AttemptOutcome> {
    let answer: Promise<Answer>;
    try {
      const route = await this.transport.open();
      const command: FinsCommand = { ...body, header: commandHeader({ da1: route.plcNode, sa1: route.clientNode, sid: this.takeSid() }) };
      const frame = encodeCommand(command);
      answer = this.awaitAnswer(command); // before sending: on loopback the answer may beat the send callback
      await this.transport.send(frame);
      this.counters.roundTrips++;
    } catch (error) {
      const failed: AttemptOutcome = { kind: 'failed', timedOut: error instanceof FinsLinkError && error.timedOut, reason: errorText(error), sent: false };
      this.pending?.settle(failed);
      if (!(error instanceof FinsLinkError)) throw error;
      return failed;
    }
    const outcome = await answer;
    if (outcome.kind === 'failed') {
      if (outcome.timedOut) this.counters.timeouts++;
      return { ...outcome, sent: true };
    }
    this.lastOkAt = this.clock.now();
    const { endCode, words } = outcome.check;
    this.noteWarnings(endCodeWarnings(endCode));
    if (endCode.code !== NORMAL_COMPLETION) {
      const cause = new FinsEndCodeError(endCode.code);
      throw new PlcError('end-code', `${cause.message} ${action}`, { cause, endCode: cause.code });
    }
    return { kind: 'answered', words };
  }

  private awaitAnswer(command: FinsCommand): Promise<Answer> {
    return new Promise((resolve) => {
      let cancelTimer = (): void => undefined;
      const pending: PendingAnswer = {
        command,
        settle: (answer) => {
          if (this.pending !== pending) return;
          this.pending = null;
          cancelTimer();
          resolve(answer);
        },
      };
      this.pending = pending;
      this.lastSent = command;
      const { timeoutMs } = this.settings;
      cancelTimer = this.clock.setTimer(
        timeoutMs,
        () => pending.settle({ kind: 'failed', timedOut: true, reason: `no response within ${timeoutMs} ms` }),
        { awaited: true },
      );
    });
  }

  private onFrame(bytes: Buffer): void {
    const pending = this.pending;
    const against = pending?.command ?? this.lastSent;
    if (against === null) {
      this.counters.discarded.foreign++;
      return;
    }
    const check = decodeResponse(bytes, against);
    if (pending === null) {
      // Nothing in flight: an answer to an attempt we gave up on, or a duplicate.
      this.counters.discarded[check.ok ? 'late' : discardReasonOf(check.problem)]++;
    } else if (check.ok) {
      pending.settle({ kind: 'response', check });
    } else if (check.problem === 'bad-data') {
      // Our SID, command and node, but unusable: retry now rather than wait for the timeout.
      this.counters.discarded.malformed++;
      pending.settle({ kind: 'failed', timedOut: false, reason: `malformed response: ${check.reason}` });
    } else {
      this.counters.discarded[discardReasonOf(check.problem)]++;
    }
  }

  /** Reports each flag warning when it appears, not on every poll while it persists. */
  private noteWarnings(warnings: string[]): void {
    const fresh = warnings.filter((warning) => !this.activeWarnings.includes(warning));
    this.activeWarnings = warnings;
    fresh.forEach((warning) => this.onWarning(warning));
  }

  private takeSid(): number {
    const sid = this.nextSid;
    this.nextSid = (sid + 1) & 0xff;
    return sid;
  }

  private assertOpen(): void {
    if (this.closed) throw new PlcError('transport', `FINS client for ${this.endpoint} is closed`);
  }
}

function discardReasonOf(problem: Exclude<ResponseCheck, { ok: true }>['problem']): DiscardReason {
  return problem === 'bad-data' ? 'malformed' : problem;
}

function defaultTransport(settings: FinsClientSettings, clock: Clock): FinsTransportFactory {
  const { host, port } = settings;
  if (settings.protocol === 'tcp') return (listener) => new FinsTcpTransport({ host, port, timeoutMs: settings.timeoutMs, clock }, listener);
  return (listener) => new FinsUdpTransport({ host, port, route: { plcNode: settings.plcNode, clientNode: settings.clientNode } }, listener);
}
