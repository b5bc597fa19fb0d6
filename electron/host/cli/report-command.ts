/**
 * `report --from ISO --to ISO [--json]`: the console's shift report in a terminal — what the period
 * produced (MOs, waves, kg per silo and tank) and its failed batches — from the same handler.
 */
import { requests } from '../../../shared/contract';
import type { ShiftReport } from '../../../shared/domain';
import { EQUIPMENT } from '../../../shared/equipment';
import { EXIT, UsageError, type CliIo } from './cli-io';
import { cliCredentials, type CliUser } from './cli-user';
import { flagOf, parse, withEngine } from './engine-commands';

export async function runReport(args: string[], io: CliIo, who: CliUser): Promise<number> {
  const { values } = parse(args, { from: { type: 'string' }, to: { type: 'string' } } as const);
  if (values.from === undefined || values.to === undefined) throw new UsageError('use `report --from ISO --to ISO` (e.g. --from 2026-11-28T06:00:00+07:00)');
  const period = requests.shiftReport.input.safeParse({ from: values.from, to: values.to });
  if (!period.success) throw new UsageError(period.error.issues.map((issue) => `${flagOf(issue.path)}${issue.message}`).join('; '));
  const report = await withEngine(args, values.verbose === true, (started) => started.backend.handlers.shiftReport(period.data, cliCredentials(who.user)));
  io.out(values.json ? JSON.stringify(report) : formatReport(report).join('\n'));
  return EXIT.ok;
}

function formatReport(report: ShiftReport): string[] {
  const kg = (value: number) => `${value.toFixed(1)} kg`;
  const lines = [
    `${report.from} → ${report.to}: ${report.completed} completed, ${report.cancelled} cancelled, ${report.waves} wave(s), ${kg(report.totalKg)}`,
  ];
  for (const equipment of EQUIPMENT) {
    const dosed = report.kgByEquipment[equipment.id];
    if (dosed !== undefined) lines.push(`  ${equipment.name.padEnd(8)} ${equipment.defaultMaterial.padEnd(14)} ${kg(dosed).padStart(14)}`);
  }
  for (const failure of report.failures) {
    lines.push(`  failed: ${failure.moId} (slot ${failure.batchNo}) at ${failure.archivedAt ?? '?'}: ${failure.notes ?? 'no note'}`);
  }
  return lines;
}
