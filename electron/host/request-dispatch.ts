/**
 * The one entry point for a call from a console, used by Electron IPC and the
 * WebSocket bridge alike: it checks the method, validates the input with the
 * contract's zod schema and runs the engine's handler. Whatever happens, the
 * caller gets an answer — never a throw, never a stack trace.
 */
import type { z } from 'zod';
import { requests, type BridgeError, type ConsoleHandlers, type Credentials, type RequestName, type ResponseMap } from '../../shared/contract';
import { BadRequestError } from '../engine/bad-request-error';
import { AccessRefusedError } from '../engine/people/access-refusal';

/** A call's answer; assignable to the `CallOutcome` the console-side proxy unwraps. */
export type DispatchOutcome = { ok: true; result: ResponseMap[RequestName] } | { ok: false; error: BridgeError };

export function isRequestName(method: unknown): method is RequestName {
  // Object.hasOwn, not `in`: 'toString' or '__proto__' must not pass as requests.
  return typeof method === 'string' && Object.hasOwn(requests, method);
}

/** `credentials`: who is calling — a host always passes them (a console's session token, the CLI's user). */
export async function dispatchRequest(handlers: ConsoleHandlers, method: unknown, input: unknown, credentials?: Credentials): Promise<DispatchOutcome> {
  if (!isRequestName(method)) {
    const shown = typeof method === 'string' ? `'${method}'` : `a ${typeof method}`;
    return refuse('unknown-request', `unknown request ${shown}; known requests: ${Object.keys(requests).join(', ')}`);
  }
  const parsed = requests[method].input.safeParse(input);
  if (!parsed.success) {
    return refuse('bad-request', `bad ${method} request: ${describeIssues(parsed.error.issues)}`);
  }
  try {
    // The schema and the handler are looked up by the same key, so the parsed
    // input has the handler's input type; TypeScript cannot correlate them.
    const handler = handlers[method] as (value: unknown, credentials?: Credentials) => Promise<ResponseMap[RequestName]>;
    return { ok: true, result: await handler(parsed.data, credentials) };
  } catch (error) {
    if (error instanceof BadRequestError) return refuse('bad-request', `bad ${method} request: ${error.message}`);
    if (error instanceof AccessRefusedError) return refuse(error.code, error.message);
    return refuse('failed', error instanceof Error ? error.message : String(error));
  }
}

/** Zod issues as one sentence naming each field, e.g. "page: Too small: expected number to be >=1; pageSize: …". */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`).join('; ');
}

function refuse(code: BridgeError['code'], message: string): DispatchOutcome {
  return { ok: false, error: { code, message } };
}
