/**
 * Which of the MOs Odoo lists become the next wave (Task 1, step 5). The
 * plant's Odoo keeps listing an MO after its consumption is booked
 * (README §2, pitfall P8), so an MO already queued, archived or in an
 * unresolved dispatch is never taken again (decision Q1), whatever Odoo says.
 * Slots are the dispatch order, 1..N without gaps.
 */
import type { BatchRecipe } from '../../../../shared/domain';
import type { RecipeResult } from '../../../odoo/mo-recipe';
import { plcFitProblem } from './plc-fit';

export interface ListedMo {
  mo_id: string;
  state: string;
}

/** Why an MO Odoo lists is not in the wave: closed in Odoo, already dispatched here, or refused as a recipe. */
export type DropKind = 'closed' | 'known' | 'refused';

export interface DroppedMo {
  moId: string;
  kind: DropKind;
  reason: string;
}

export interface WaveSelection {
  recipes: BatchRecipe[];
  dropped: DroppedMo[];
  /** What the operator should know about MOs that were taken (manual additives, renamed products...). */
  notes: string[];
  /** Why the scan stopped before Odoo's list ended, when it did. */
  stoppedEarly: string | null;
  /** MOs known here at the head of Odoo's list that the scan did not read again (wave-scan.ts), and the first of them. */
  remembered: { count: number; firstIds: readonly string[] };
}

const CLOSED_STATES = new Set(['cancel', 'done']);

export function emptySelection(): WaveSelection {
  return { recipes: [], dropped: [], notes: [], stoppedEarly: null, remembered: { count: 0, firstIds: [] } };
}

/**
 * Adds one page of Odoo's list to `selection`, in Odoo's order, until `limit` recipes are chosen.
 * Each recipe is checked against the PLC slot here, so one MO that cannot be written is skipped
 * instead of failing the whole wave.
 */
export function selectFromPage<M extends ListedMo>(
  selection: WaveSelection,
  page: readonly M[],
  known: ReadonlySet<string>,
  limit: number,
  toRecipe: (mo: M, batchNo: number) => RecipeResult,
): WaveSelection {
  const seen = new Set([...selection.recipes.map((r) => r.moId), ...selection.dropped.map((d) => d.moId)]);
  const drop = (moId: string, kind: DropKind, reason: string) => selection.dropped.push({ moId, kind, reason });
  for (const mo of page) {
    if (selection.recipes.length >= limit) break;
    if (seen.has(mo.mo_id)) continue;
    seen.add(mo.mo_id);
    if (CLOSED_STATES.has(mo.state)) {
      drop(mo.mo_id, 'closed', `${mo.state === 'cancel' ? 'cancelled' : 'done'} in Odoo`);
      continue;
    }
    if (known.has(mo.mo_id)) {
      drop(mo.mo_id, 'known', 'already produced or archived here');
      continue;
    }
    const result = toRecipe(mo, selection.recipes.length + 1);
    if (!result.ok) {
      drop(mo.mo_id, 'refused', result.reason);
      continue;
    }
    const misfit = plcFitProblem(result.recipe);
    if (misfit) {
      drop(mo.mo_id, 'refused', misfit);
      continue;
    }
    selection.recipes.push(result.recipe);
    selection.notes.push(...result.notes.map((note) => `${mo.mo_id}: ${note}`));
  }
  return selection;
}

/** The reason of a run that found nothing to dispatch. */
export function describeEmpty(selection: WaveSelection): string {
  const skipped = describeSkipped(selection);
  if (!skipped) return 'Odoo lists no open MOs';
  const refused = selection.dropped.some((d) => d.kind === 'refused');
  return `${refused ? 'no MO Odoo lists can be dispatched' : 'no new MOs in Odoo'}; ${skipped}`;
}

/**
 * What was left out and why, one part per kind: MOs Odoo still lists after they were produced here
 * (pitfall P8) by count, with what would stop that; closed MOs grouped by state; each refused MO
 * with its own reason, since the operator has to fix each one in Odoo.
 */
export function describeSkipped(selection: WaveSelection): string {
  const of = (kind: DropKind) => selection.dropped.filter((d) => d.kind === kind);
  const parts: string[] = [];
  const known = knownListed(selection);
  if (known > 0) {
    const ids = [...selection.remembered.firstIds, ...of('known').map((d) => d.moId)];
    parts.push(
      `Odoo still lists ${known} ${known === 1 ? 'MO' : 'MOs'} already produced or archived here (${abbreviate(ids, 3, known)}; close them in Odoo or turn on ODOO_MARK_DONE)`,
    );
  }
  const closed = of('closed');
  if (closed.length > 0) {
    const byReason = new Map<string, string[]>();
    for (const d of closed) byReason.set(d.reason, [...(byReason.get(d.reason) ?? []), d.moId]);
    parts.push(`skipped ${closed.length} (${[...byReason].map(([reason, ids]) => `${reason}: ${abbreviate(ids)}`).join('; ')})`);
  }
  const refused = of('refused');
  if (refused.length > 0) parts.push(`could not dispatch ${refused.length}: ${abbreviate(refused.map((d) => d.reason))}`);
  if (selection.stoppedEarly) parts.push(selection.stoppedEarly);
  return parts.join('; ');
}

/** How many MOs Odoo listed that were already produced or archived here (pitfall P8), remembered ones included. */
export function knownListed(selection: WaveSelection): number {
  return selection.remembered.count + selection.dropped.filter((d) => d.kind === 'known').length;
}

/** The first `shown` items, and how many more of `total` there are. */
export function abbreviate(items: readonly string[], shown = 3, total = items.length): string {
  if (total <= shown) return items.slice(0, shown).join(', ');
  return `${items.slice(0, shown).join(', ')} and ${total - shown} more`;
}
