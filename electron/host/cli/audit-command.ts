/**
 * `audit [--limit N] [--user NAME] [--action NAME] [--outcome O] [--from ISO] [--to ISO] [--json]`:
 * the audit trail, newest first, from the same handler as the console's audit view (read from
 * the station's mirror while the plant authority is away). Here --user names whose lines to show.
 */
import { requests } from '../../../shared/contract';
import type { AuditEntry } from '../../../shared/domain';
import { EXIT, UsageError, type CliIo } from './cli-io';
import { cliCredentials, type CliUser } from './cli-user';
import { flagOf, parse, withEngine } from './engine-commands';

export async function runAudit(args: string[], io: CliIo, who: CliUser): Promise<number> {
  const { values } = parse(args, {
    limit: { type: 'string', default: '50' },
    action: { type: 'string' },
    outcome: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  } as const);
  const limit = /^\d+$/.test(values.limit) ? Number(values.limit) : Number.NaN;
  const filter = requests.listAudit.input.safeParse({
    pageSize: limit,
    ...(who.named ? { user: who.user } : {}),
    ...(values.action !== undefined ? { action: values.action } : {}),
    ...(values.outcome !== undefined ? { outcome: values.outcome } : {}),
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
  });
  if (!filter.success) {
    throw new UsageError(filter.error.issues.map((issue) => `${issue.path[0] === 'pageSize' ? '--limit: ' : flagOf(issue.path)}${issue.message}`).join('; '));
  }
  const page = await withEngine(args, values.verbose === true, (started) => started.backend.handlers.listAudit(filter.data, cliCredentials(who.user)));
  if (values.json) io.out(JSON.stringify(page.items));
  else if (page.items.length === 0) io.out('no audit lines match');
  else for (const entry of page.items) io.out(formatAuditEntry(entry));
  return EXIT.ok;
}

/** One line of the trail as a person reads it in a terminal. */
export function formatAuditEntry(entry: AuditEntry): string {
  const who = `${entry.user}${entry.role ? ` (${entry.role})` : ''} @ ${entry.station} via ${entry.source}`;
  const what = [entry.action, entry.target].filter(Boolean).join(' ');
  const notes = [
    entry.reason && `reason: ${entry.reason}`,
    entry.detail,
    entry.signature && `signed "${entry.signature.meaning}": ${entry.signature.comment}`,
  ].filter(Boolean);
  return `${entry.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}  ${entry.outcome.padEnd(7)} ${what}  by ${who}${notes.length ? ` — ${notes.join('; ')}` : ''}`;
}
