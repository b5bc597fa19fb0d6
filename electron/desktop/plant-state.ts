/**
 * What the desktop shell tells about the plant outside the console window (tray icon, tooltip),
 * read from the engine's snapshot: batches in the PLC, high alarms, lost connections.
 */
import type { ConnectionTarget, Snapshot } from '../../shared/domain';

/** The tray icon's variant: a lost connection says more than an alarm, an alarm more than normal. */
export const TRAY_LEVELS = ['normal', 'alarm', 'link-down'] as const;
export type TrayLevel = (typeof TRAY_LEVELS)[number];

export interface PlantState {
  level: TrayLevel;
  /** The queue (`mo_batch`): batches handed to the PLC and not yet archived. */
  batchesInPlc: number;
  /** High-priority alarms listed and not shelved: those the operator must still act on or acknowledge. */
  highAlarms: number;
  linksDown: ConnectionTarget[];
}

export function plantState(snapshot: Snapshot): PlantState {
  const highAlarms = snapshot.alarms.filter((alarm) => alarm.priority === 'high' && alarm.state !== 'shelved').length;
  const linksDown = (Object.keys(snapshot.connections) as ConnectionTarget[]).filter((target) => snapshot.connections[target].state === 'down');
  const level: TrayLevel = linksDown.length > 0 ? 'link-down' : highAlarms > 0 ? 'alarm' : 'normal';
  return { level, batchesInPlc: snapshot.queue.count, highAlarms, linksDown };
}
