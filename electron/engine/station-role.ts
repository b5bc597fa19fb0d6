/**
 * Whether this station drives the PLC, and what the console should know
 * about the authority. Standalone, the one station always drives; in the
 * plant, a lease in PostgreSQL decides (electron/store/lease).
 */
import type { AuthorityStatus } from '../../shared/domain';

export interface StationRole {
  drivesPlc(): boolean;
  status(): AuthorityStatus;
  /** Called when the role or the authority's state changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  stop(): Promise<void>;
}

export function standaloneRole(station: string, since: string): StationRole {
  return {
    drivesPlc: () => true,
    status: () => ({ kind: 'sqlite', offlineSince: null, mirror: null, driver: { station, since, heartbeatAt: since }, drivesPlc: true }),
    onChange: () => () => undefined,
    stop: async () => undefined,
  };
}

/**
 * A one-shot command against the plant's PostgreSQL: it never drives the PLC, only passes through the gate.
 * `offline`: PostgreSQL did not answer when the command started, and it reads the station's mirror instead.
 */
export function oneShotRole(offline?: { since: string; mirror: AuthorityStatus['mirror'] }): StationRole {
  return {
    drivesPlc: () => false,
    status: () => ({ kind: 'postgres', offlineSince: offline?.since ?? null, mirror: offline?.mirror ?? null, driver: null, drivesPlc: false }),
    onChange: () => () => undefined,
    stop: async () => undefined,
  };
}
