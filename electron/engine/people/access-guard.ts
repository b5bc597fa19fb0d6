/**
 * The one door every console and CLI call goes through (issue 11). It works out who is calling
 * (a console's session, the CLI's --user, an in-process caller, or anyone while the station is
 * open), checks the role the request needs (shared/permissions.ts) and, for actions that can lose
 * or duplicate material, the caller's own PIN again; then runs the handler with that Caller. Every
 * action and every refused attempt goes to the audit trail; reads do not (a screen reads all day).
 *
 * Once a user exists, a console must be signed in to act; watching never needs it. The CLI and
 * in-process callers (tests, the engine's own hosts) are not role-checked — the OS account vouches
 * for them — but they are audited, as source 'cli' (in-process: the OS user of this process).
 */
import type { ConsoleHandlers, Credentials, ParsedInput, RequestName, ResponseMap } from '../../../shared/contract';
import type { AuditOutcome, Role } from '../../../shared/domain';
import { mayDo, needsSignature, requiredAccess, type Access } from '../../../shared/permissions';
import type { Clock } from '../clock';
import type { EngineLog } from '../engine-log';
import { ActionRefusedError } from '../engineer/refused-error';
import { errorMessage } from '../task-runner';
import { AccessRefusedError } from './access-refusal';
import { auditReason, auditTarget } from './audit-target';
import type { AuditTrail, Caller } from './caller';
import { checkPin, pinRefusal, type PinStore } from './pin-check';
import { REQUEST_LABELS } from './request-labels';
import type { SessionRegistry } from './session-registry';
import type { UserPresence } from './user-presence';
import { BadRequestError } from '../bad-request-error';
import { isRequestName } from '../../host/request-dispatch';

/** A handler behind the guard: the Caller it resolved; the raw credentials for the few that need the session token. */
export type GuardedHandlers = {
  [K in RequestName]: (input: ParsedInput<K>, caller: Caller, credentials?: Credentials) => Promise<ResponseMap[K]>;
};

export interface AccessGuardDeps {
  store: PinStore;
  sessions: SessionRegistry;
  presence: UserPresence;
  audit: AuditTrail;
  clock: Clock;
  log: Pick<EngineLog, 'error'>;
  station: string;
  /** Who an in-process call (no credentials) is recorded as: the OS user of this process. */
  processUser: string;
}

/** Not actions by their access ('anyone'), but a change of who is at the station or of the users. */
const AUDITED_ANYWAY: readonly RequestName[] = ['signIn', 'signOut', 'createFirstEngineer'];
/** Reads only some roles may make: checked like actions, but recorded only when refused (a screen reads all day). */
const RESTRICTED_READS: readonly RequestName[] = ['listUsers', 'listAudit', 'getSettings'];

/** Names in the audit line of calls made before anyone signed in. */
export const OPEN_STATION = '(open station)';
export const NOT_SIGNED_IN = '(not signed in)';

const article = (role: Role) => (role === 'supervisor' ? 'a supervisor' : `an ${role}`);

export function guardHandlers(inner: Omit<GuardedHandlers, 'reportLockedPress'>, deps: AccessGuardDeps): ConsoleHandlers {
  const all: GuardedHandlers = { ...inner, reportLockedPress: (input, caller) => recordLockedPress(deps, input, caller) };
  const guarded = Object.fromEntries(
    (Object.keys(all) as RequestName[]).map((request) => [request, guard(request, all[request] as GuardedHandlers[RequestName], deps)]),
  );
  // The keys are those of `inner`, itself complete: a mapped type cannot be built key by key without a cast.
  return guarded as ConsoleHandlers;
}

function guard<K extends RequestName>(request: K, handler: GuardedHandlers[K], deps: AccessGuardDeps) {
  const label = REQUEST_LABELS[request];
  return async (input: ParsedInput<K>, credentials?: Credentials): Promise<ResponseMap[K]> => {
    const at = new Date(deps.clock.now()).toISOString();
    const access = requiredAccess(request, input);
    const audited = (access !== 'anyone' && !RESTRICTED_READS.includes(request)) || AUDITED_ANYWAY.includes(request);
    const notes: string[] = [];
    let caller: Caller = makeCaller(deps, NOT_SIGNED_IN, null, 'console', notes);
    const record = async (outcome: AuditOutcome, problem: string | null, role: Role | null = caller.role): Promise<void> => {
      if (!audited && outcome !== 'refused') return;
      const personal = request === 'signIn' || request === 'createFirstEngineer';
      const detail = [problem, ...notes].filter((text) => text !== null).join('; ') || null;
      try {
        await deps.audit.record({
          at,
          user: personal ? (input as { user: string }).user : caller.user,
          role,
          station: deps.station,
          source: caller.source,
          action: request,
          target: auditTarget(request, input),
          reason: auditReason(input),
          outcome,
          detail,
          signature: caller.signature,
        });
      } catch (error) {
        // The action has happened (or been refused) already: a trail that cannot be written must not change its answer.
        deps.log.error(`audit trail: could not record ${request} (${outcome}) by ${caller.user}`, { error: errorMessage(error) });
      }
    };
    try {
      caller = await resolveCaller(deps, access, label, credentials, notes, !RESTRICTED_READS.includes(request));
      if (caller.source === 'console' && caller.role !== null) {
        if (!mayDo(caller.role, access)) {
          throw new AccessRefusedError('forbidden', `${label} needs ${article(access as Role)}: you are signed in as ${caller.role} ${caller.user}`);
        }
        if (needsSignature(request)) caller = await signed(deps, caller, label, input, notes);
      }
    } catch (error) {
      if (error instanceof AccessRefusedError) await record('refused', error.message);
      throw error;
    }
    try {
      const result = await handler(input, caller, credentials);
      const signedInAs = (result as { session?: { role?: Role } } | undefined)?.session?.role ?? caller.role;
      // A run that ended in error is answered, not thrown: the trail says it failed, as the CLI's does.
      const run = result as { outcome?: unknown; reason?: unknown } | undefined;
      if (run?.outcome === 'error') await record('failed', String(run.reason), signedInAs);
      else await record('done', null, signedInAs);
      return result;
    } catch (error) {
      const refused = error instanceof AccessRefusedError || error instanceof ActionRefusedError;
      await record(refused ? 'refused' : 'failed', errorMessage(error));
      throw error;
    }
  };
}

/**
 * A locked control was pressed: the refused attempt goes into the trail under the action it names,
 * as if the action had been sent — but only when this caller really may not (the console's table
 * and the engine's are one, so a press that would be allowed is a bad request, not a refusal).
 */
async function recordLockedPress(deps: AccessGuardDeps, input: ParsedInput<'reportLockedPress'>, caller: Caller): Promise<{ recorded: true }> {
  if (!isRequestName(input.action)) throw new BadRequestError(`${input.action} is no action of this console`);
  const access = requiredAccess(input.action);
  if (access === 'anyone' || mayDo(caller.role, access) || !(await deps.presence.exist())) {
    throw new BadRequestError(`${REQUEST_LABELS[input.action]} is not refused to ${caller.user}: nothing to record`);
  }
  const why = caller.role === null ? 'nobody is signed in' : `signed in as ${caller.role} ${caller.user}`;
  await deps.audit.record({
    at: new Date(deps.clock.now()).toISOString(),
    user: caller.user,
    role: caller.role,
    station: deps.station,
    source: caller.source,
    action: input.action,
    target: input.target ?? null,
    reason: null,
    outcome: 'refused',
    detail: `pressed while locked: ${REQUEST_LABELS[input.action]} needs ${article(access)} (${why})`,
    signature: null,
  });
  return { recorded: true };
}

function makeCaller(deps: AccessGuardDeps, user: string, role: Role | null, source: Caller['source'], notes: string[]): Caller {
  return { user, role, station: deps.station, source, signature: null, noteForAudit: (detail) => void notes.push(detail) };
}

/** `acting`: an action moves the session's idle end on; a restricted read (Users, Audit, Settings open on a screen) does not. */
async function resolveCaller(
  deps: AccessGuardDeps,
  access: Access,
  label: string,
  credentials: Credentials | undefined,
  notes: string[],
  acting: boolean,
): Promise<Caller> {
  if (credentials === undefined) return makeCaller(deps, deps.processUser, null, 'cli', notes);
  if (credentials.kind === 'cli') return makeCaller(deps, credentials.user, null, 'cli', notes);
  const found = credentials.token === null ? ({ state: 'unknown' } as const) : deps.sessions.lookup(credentials.token);
  if (found.state === 'active' && access === 'anyone') return makeCaller(deps, found.session.user, found.session.role, 'console', notes);
  if (access === 'anyone') return makeCaller(deps, NOT_SIGNED_IN, null, 'console', notes);
  if (found.state !== 'active') {
    if (!(await deps.presence.exist())) return makeCaller(deps, OPEN_STATION, null, 'console', notes);
    const why =
      found.state === 'expired'
        ? `${found.session.user} was signed out after ${deps.sessions.idleMinutes} minutes without activity`
        : 'nobody is signed in at this station';
    throw new AccessRefusedError('unauthorized', `${label} needs ${article(access)}: ${why} — sign in first`);
  }
  // The user's record, not the session's memory: another station may have disabled them or changed their role.
  const token = credentials.token as string;
  const user = await deps.store.findUser(found.session.user);
  if (!user || user.disabled) {
    deps.sessions.close(token);
    throw new AccessRefusedError('unauthorized', `${found.session.user} is disabled: signed out; ask an engineer`);
  }
  if (acting) deps.sessions.touch(token, user.role);
  return makeCaller(deps, user.name, user.role, 'console', notes);
}

/** The e-signature: the caller's own PIN again (it counts toward the lock like a sign-in), the meaning and a comment. */
async function signed<K extends RequestName>(deps: AccessGuardDeps, caller: Caller, label: string, input: ParsedInput<K>, notes: string[]): Promise<Caller> {
  const signature = (input as { signature?: { pin: string; meaning: string; comment: string } }).signature;
  if (!signature) throw new AccessRefusedError('forbidden', `${label} needs your e-signature: your PIN again, what signing means and a comment`);
  const check = await checkPin(deps.store, deps.clock, caller.user, signature.pin);
  if (!check.ok) {
    throw new AccessRefusedError('forbidden', `${label} was not done: ${pinRefusal(check, caller.user, 'the signature PIN is wrong', deps.clock.now())}`);
  }
  return { ...makeCaller(deps, caller.user, caller.role, caller.source, notes), signature: { meaning: signature.meaning, comment: signature.comment } };
}
