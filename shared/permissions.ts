/**
 * Who may do what (issue 11), declared once for the engine (which enforces it) and the console
 * (which shows a control as not allowed, with the reason, before anyone presses it). Roles are
 * ranked: a supervisor may do what an operator may, an engineer everything. Watching needs no
 * sign-in (a plant display is read by whoever stands at it); acting does, once users exist.
 */
import type { ParsedInput, RequestName } from './contract';
import type { Role } from './domain';

export type Access = 'anyone' | Role;

const RANK: Record<Role, number> = { operator: 1, supervisor: 2, engineer: 3 };

const REQUIRED: Record<RequestName, Access> = {
  getSnapshot: 'anyone',
  listRuns: 'anyone',
  listHistory: 'anyone',
  listAlarmHistory: 'anyone',
  shiftReport: 'anyone',
  throughput: 'anyone',
  listLogs: 'anyone',
  getConfig: 'anyone',
  readPlcView: 'anyone',
  // The engine records it only when the action it names is refused to this caller.
  reportLockedPress: 'anyone',
  getSession: 'anyone',
  signIn: 'anyone',
  signOut: 'anyone',
  // Refused by the engine as soon as one user exists.
  createFirstEngineer: 'anyone',
  syncNow: 'operator',
  runTask: 'operator',
  setNewWavesPaused: 'operator',
  checkManualAdditive: 'operator',
  acknowledgeAlarm: 'operator',
  shelveAlarm: 'operator',
  unshelveAlarm: 'operator',
  testConnection: 'operator',
  retryOutbox: 'supervisor',
  archiveBatch: 'supervisor',
  resolveWave: 'supervisor',
  listAudit: 'supervisor',
  setSchedulerPaused: 'engineer',
  listUsers: 'engineer',
  saveUser: 'engineer',
  resendBatch: 'engineer',
  cancelBatch: 'engineer',
  resetTask1: 'engineer',
  getSettings: 'engineer',
  saveSettings: 'engineer',
};

/** Actions that can lose or duplicate material: the signer's PIN again, the meaning and a comment. */
export const SIGNED_REQUESTS = ['archiveBatch', 'resolveWave', 'resendBatch', 'cancelBatch', 'resetTask1'] as const satisfies readonly RequestName[];

export function requiredAccess<K extends RequestName>(request: K, input?: ParsedInput<K>): Access {
  // Task 6 deletes history: an engineer's call, whatever the button's place on the screen.
  if (request === 'runTask' && (input as ParsedInput<'runTask'> | undefined)?.task === 'log-cleanup') return 'engineer';
  return REQUIRED[request];
}

export function mayDo(role: Role | null, access: Access): boolean {
  if (access === 'anyone') return true;
  return role !== null && RANK[role] >= RANK[access];
}

export function needsSignature(request: RequestName): boolean {
  return (SIGNED_REQUESTS as readonly RequestName[]).includes(request);
}
