/**
 * How records name the person behind an action: a signed-in person by role, name and station;
 * otherwise (open station, CLI, in-process) as before users existed — the station alone. The audit
 * trail names every caller, the CLI's user included.
 */
import type { Caller } from './caller';

/** "supervisor Sari at ST-1", or null when nobody is signed in. */
export function personAt(caller: Caller): string | null {
  return caller.role !== null && caller.source === 'console' ? `${caller.role} ${caller.user} at ${caller.station}` : null;
}

/** The `by` of an alarm action, a tick or a pause: "Sari @ ST-1", or the station. */
export function signedBy(caller: Caller): string {
  return caller.role !== null && caller.source === 'console' ? `${caller.user} @ ${caller.station}` : caller.station;
}
