/**
 * Who runs a CLI command: `--user NAME` on every command, else the OS account. The CLI is not
 * role-checked (the OS account that may run it vouches for it); the name goes into the audit trail.
 */
import { z } from 'zod';
import type { Credentials } from '../../../shared/contract';
import { osUser } from '../../engine/people/os-user';
import { UsageError } from './cli-io';

const userName = z
  .string()
  .trim()
  .min(1, 'name who runs the command')
  .max(64, 'at most 64 characters')
  .regex(/^[^\p{Cc}]*$/u, 'no control characters');

export interface CliUser {
  user: string;
  /** Named with --user (not the OS account by default): `audit` takes it as its filter. */
  named: boolean;
}

/** Takes `--user NAME` (or `--user=NAME`) out of a command's arguments, before `--`; the rest go to the command. */
export function takeUser(args: readonly string[]): CliUser & { rest: string[] } {
  const rest: string[] = [];
  let given: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (arg === '--user') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError('--user needs a name');
      given = value;
      i++;
    } else if (arg.startsWith('--user=')) {
      given = arg.slice('--user='.length);
    } else {
      rest.push(arg);
    }
  }
  const parsed = userName.safeParse(given ?? osUser());
  if (!parsed.success) throw new UsageError(`--user: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return { user: parsed.data, named: given !== undefined, rest };
}

export const cliCredentials = (user: string): Credentials => ({ kind: 'cli', user });
