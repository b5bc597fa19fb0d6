/**
 * How old the PLC values on screen are. The engine stamps its times with its own clock and this
 * screen may run on another machine, so the age is measured on the engine's clock: the snapshot's
 * own time plus how long ago this screen received it. Stale after two missed readings.
 */
import type { Snapshot } from '../../shared/domain';

export interface PlcAge {
  readAt: string;
  ageMs: number;
  stale: boolean;
}

export function plcAge(snapshot: Snapshot, receivedAt: number, now: number): PlcAge | null {
  if (snapshot.plcReadAt === null) return null;
  const engineNow = Date.parse(snapshot.generatedAt) + Math.max(0, now - receivedAt);
  const ageMs = Math.max(0, engineNow - Date.parse(snapshot.plcReadAt));
  const interval = snapshot.scheduler.tasks.find((task) => task.task === 'plc-read')?.intervalMinutes;
  const stale = interval !== undefined && ageMs > 2 * interval * 60_000;
  return { readAt: snapshot.plcReadAt, ageMs, stale };
}
