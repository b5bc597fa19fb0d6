/**
 * What a benchmark section returns, and the runner shared by the sections that
 * compare ways of doing one PLC job on the loopback PLC. A section never
 * throws: it reports itself measured, skipped (cannot run here) or failed.
 */
import { errorText } from '../electron/plc/fins-transport';
import { startLoopbackPlc, type LoopbackPlc } from './loopback-plc';
import { LINK_PROFILES, measureContenders, type Contender, type ContenderResult, type LinkProfile } from './measure-contender';

export interface MeasuredSection {
  kind: 'measured';
  title: string;
  profiles: readonly LinkProfile[];
  /** rows[0] is the baseline every ratio is taken against (the protocol minimum). */
  rows: ContenderResult[];
  /** Footnotes: definitions, assumptions, the scenario. */
  notes: string[];
}

/** A section measured in its own units (not FINS frames): a plain table with footnotes. */
export interface TableSection {
  kind: 'table';
  title: string;
  header: string[];
  /** Each row's first cell is its label. */
  rows: string[][];
  notes: string[];
}

export interface UnmeasuredSection {
  kind: 'skipped' | 'failed';
  title: string;
  reason: string;
}

export type SectionResult = MeasuredSection | TableSection | UnmeasuredSection;

/** Median of this many runs per link profile; the naive ways are slow enough that fewer runs give a stable median. */
export const REPETITIONS = { fast: 20, naive: 5 } as const;

export interface Comparison {
  /** The baseline first. */
  contenders: Contender[];
  notes: string[];
}

/** Prepares the comparison, then measures its contenders side by side on a fresh loopback PLC. */
export async function runComparison(title: string, prepare: () => Promise<Comparison>): Promise<SectionResult> {
  let plc: LoopbackPlc;
  try {
    plc = await startLoopbackPlc();
  } catch (error) {
    return { kind: 'skipped', title, reason: `no UDP socket on 127.0.0.1 (${errorText(error)})` };
  }
  try {
    const { contenders, notes } = await prepare();
    const rows = await measureContenders(plc, contenders, LINK_PROFILES);
    return { kind: 'measured', title, profiles: LINK_PROFILES, rows, notes };
  } catch (error) {
    return { kind: 'failed', title, reason: errorText(error) };
  } finally {
    await plc.close();
  }
}
