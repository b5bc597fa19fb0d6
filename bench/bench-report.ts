/** Plain-text rendering of the benchmark: the machine, the method, one table per section. */
import os from 'node:os';
import type { SectionResult } from './bench-section';
import { LINK_PROFILES, WARM_UP_RUNS, type ContenderResult } from './measure-contender';

const NOTE_WIDTH = 112;

export function describeRun(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() || 'unknown model';
  const [, slowLink] = LINK_PROFILES;
  return [
    `Machine: ${cpus.length} CPUs (${model}), Node ${process.version}, ${os.platform()} ${os.arch()}`,
    'Method: FinsClient ⇄ FinsServer over real UDP on 127.0.0.1; frames as counted by the server (retries would show).',
    `        Wall time = median of N timed runs per link, after ${WARM_UP_RUNS} untimed warm-up runs, the contenders taking turns`,
    `        round by round${slowLink ? `; the "${slowLink.title}" delays every reply by ${slowLink.latencyMs} ms (FinsServer faults.latencyMs)` : ''}.`,
    "        Times include each contender's own encoding and decoding (the read minimums decode only the status words).",
    '        Ratios are against the protocol minimum (first row of each table).',
    '        The naive rows reuse one UDP socket; the plant opens a new socket per request (fins.md §1), so on site it is slower still.',
  ].join('\n');
}

export function formatSection(result: SectionResult): string {
  if (result.kind === 'table') return formatTable([result.title, ...result.header], result.rows.map(([label = '', ...cells]) => [`  ${label}`, ...cells]), result.notes);
  if (result.kind !== 'measured') return `${result.title}\n  ${result.kind}: ${result.reason}`;
  const [baseline] = result.rows;
  if (!baseline) return `${result.title}\n  failed: no rows were measured`;

  const header = [result.title, 'N', 'frames', 'R+W', 'ratio'];
  result.profiles.forEach((profile) => header.push(`wall ms (${profile.title})`, 'ratio'));
  return formatTable(header, result.rows.map((row) => formatRow(row, baseline)), result.notes);
}

/** Label column left-aligned, every other column right-aligned, footnotes wrapped under the table. */
function formatTable(header: readonly string[], body: readonly string[][], notes: readonly string[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((cells) => cells[i]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...body.map(line), ...notes.map((note) => wrap(`* ${note}`, NOTE_WIDTH, '  ', '    '))].join('\n');
}

function formatRow(row: ContenderResult, baseline: ContenderResult): string[] {
  const cells = [`  ${row.label}`, String(row.repetitions), String(row.frames), `${row.reads}+${row.writes}`, ratio(row.frames, baseline.frames)];
  row.medianMs.forEach((ms, i) => cells.push(formatMs(ms), ratio(ms, baseline.medianMs[i] ?? 0)));
  return cells;
}

export function ratio(value: number, baseline: number): string {
  if (!(baseline > 0)) return '—';
  const r = value / baseline;
  return `${r < 10 ? r.toFixed(2) : r < 100 ? r.toFixed(1) : r.toFixed(0)}×`;
}

export function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

/** Word-wraps one footnote; the first line and the continuation lines get their own indents. */
function wrap(text: string, width: number, firstIndent: string, nextIndent: string): string {
  const lines: string[] = [];
  let current = firstIndent;
  for (const word of text.split(' ')) {
    const indent = lines.length === 0 ? firstIndent : nextIndent;
    if (current.length > indent.length && current.length + 1 + word.length > width) {
      lines.push(current);
      current = nextIndent + word;
    } else {
      current += current.length > indent.length ? ` ${word}` : word;
    }
  }
  lines.push(current);
  return lines.join('\n');
}
