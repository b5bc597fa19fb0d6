/**
 * The engineer's requests (issue 11): the labelled PLC view, and the three
 * actions that can lose or double material. The access guard has checked the
 * role and the e-signature before a handler runs and passes the Caller. An
 * action that is not safe now throws ActionRefusedError with the reason; one
 * that failed on the way throws an Error; neither has left anything half-done
 * that its message does not name.
 */
import type { ParsedInput } from '../../../shared/contract';
import type { HistoryEntry, PlcView, RunRecord } from '../../../shared/domain';
import type { Caller } from '../people/caller';
import { cancelBatch } from './cancel-batch';
import type { EngineerDeps } from './engineer-deps';
import { readPlcView } from './plc-view';
import { ActionRefusedError } from './refused-error';
import { createResend } from './resend-batch';
import { createResetTask1 } from './reset-task1';

export interface EngineerHandlers {
  readPlcView(input: void, caller: Caller): Promise<PlcView>;
  resendBatch(input: ParsedInput<'resendBatch'>, caller: Caller): Promise<RunRecord>;
  cancelBatch(input: ParsedInput<'cancelBatch'>, caller: Caller): Promise<HistoryEntry>;
  resetTask1(input: ParsedInput<'resetTask1'>, caller: Caller): Promise<RunRecord>;
}

export function engineerHandlers(deps: EngineerDeps): EngineerHandlers {
  return {
    readPlcView: () => readPlcView(deps.plc, deps.clock),
    resendBatch: async ({ moId, reason }, caller) => settled(await deps.recordMoSyncRun(createResend(deps, moId, reason, caller)), caller),
    cancelBatch: ({ moId, tellOdoo, reason }, caller) => cancelBatch(deps, { moId, tellOdoo, reason }, caller),
    resetTask1: async ({ reason }, caller) => settled(await deps.recordMoSyncRun(createResetTask1(deps, reason, caller)), caller),
  };
}

/** The run is recorded whatever happened (the run log shows every decision); the caller gets it only when the action was done. */
function settled(run: RunRecord, caller: Caller): RunRecord {
  caller.noteForAudit(`mo-sync run ${run.id}: ${run.reason}`);
  if (run.outcome === 'done') return run;
  if (run.outcome === 'error') throw new Error(run.reason);
  throw new ActionRefusedError(run.reason);
}
