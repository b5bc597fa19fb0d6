import { z } from 'zod';
import type { Clock } from '../engine/clock';
import { DEFAULT_CIRCUIT_BREAKER } from './circuit-breaker';
import { MAX_READ_WORDS, MAX_WRITE_WORDS } from './fins-frame';
import { PlcError } from './fins-plc-error';
import type { FinsTransportFactory } from './fins-transport';

/**
 * FinsClient settings. Defaults reproduce the plant middleware (../shared/plant/fins.md §1,
 * §7.5): 9600/udp, 2 s timeout, 3 attempts, 100 ms backoff, client node 1,
 * PLC node 2 — plus the circuit breaker the middleware lacked.
 */
const settingsSchema = z.object({
  host: z.string().trim().min(1, 'host must not be empty'),
  port: z.number().int().min(1).max(65535).default(9600),
  protocol: z.enum(['udp', 'tcp']).default('udp'),
  /** Per attempt; over TCP also the limit for connecting plus the node handshake. */
  timeoutMs: z.number().int().min(1).default(2000),
  attempts: z.number().int().min(1).max(10).default(3),
  /** Pause before the 2nd attempt; doubles before each further one. */
  backoffMs: z.number().int().min(0).default(100),
  /** SA1 over UDP. Over TCP the PLC assigns our node in the handshake. */
  clientNode: z.number().int().min(1).max(254).default(1),
  /** DA1 over UDP (conventionally the PLC's last IP octet). Over TCP the PLC reports its node. */
  plcNode: z.number().int().min(1).max(254).default(2),
  /** Some Ethernet units take less than the FINS maximum (../shared/plant/fins.md §4: ≤ 500 is safe everywhere). */
  maxReadWords: z.number().int().min(1).max(MAX_READ_WORDS).default(MAX_READ_WORDS),
  maxWriteWords: z.number().int().min(1).max(MAX_WRITE_WORDS).default(MAX_WRITE_WORDS),
  breakerThreshold: z.number().int().min(1).default(DEFAULT_CIRCUIT_BREAKER.failureThreshold),
  breakerCoolDownMs: z.number().int().min(0).default(DEFAULT_CIRCUIT_BREAKER.coolDownMs),
});

export type FinsClientSettings = z.output<typeof settingsSchema>;

export interface FinsClientOptions extends z.input<typeof settingsSchema> {
  /** Times every timeout, backoff and breaker cool-down (default: the system clock). */
  clock?: Clock;
  /** Called when the PLC flags a relay or CPU error on an otherwise normal answer (once per change). */
  onWarning?: (message: string) => void;
  /** Replaces the UDP/TCP transport chosen by `protocol` (tests, gateways). */
  transport?: FinsTransportFactory;
}

export function parseFinsClientSettings(options: FinsClientOptions): FinsClientSettings {
  // z.object strips the keys it does not know: the clock and callbacks pass through untouched.
  const parsed = settingsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
    throw new PlcError('bad-request', `invalid FINS client options: ${problems.join('; ')}`);
  }
  return parsed.data;
}
