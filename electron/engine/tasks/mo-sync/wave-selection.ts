/**
 * Which of the MOs Odoo lists become the next wave (Task 1, step 5). The
 * plant's Odoo keeps listing an MO after its consumption is booked
 * (README §2, pitfall P8), so an MO already queued, archived or in an
 * unresolved dispatch is never taken again (decision Q1), whatever Odoo says.
 * Slots are the dispatch order, 1..N without gaps.
 */
import type { BatchRecipe } from '../../../../shared/domain';
import type { RecipeResult } from '../../../odoo/mo-recipe';

export interface ListedMo {
  mo_id: string;
  state: string;
}

export interface DroppedMo {
  moId: string;
  reason: string;
}

export interface WaveSelection {
  recipes: BatchRecipe[];
  dropped: DroppedMo[];
  /** What the operator should know about MOs that were taken (manual additives, renamed products...). */
  notes: string[];
}

const CLOSED_STATES = new Set(['cancel', 'done']);

export function emptySelection(): WaveSelection {
  return { recipes: [], dropped: [], notes: [] };
}

/** Adds one page of Odoo's list to `selection`, in Odoo's order, until `limit` recipes are chosen. */
export function selectFromPage<M extends ListedMo>(
  selection: WaveSelection,
  page: readonly M[],
  known: ReadonlySet<string>,
  limit: number,
  toRecipe: (mo: M, batchNo: number) => RecipeResult,
): WaveSelection {
  const seen = new Set([...selection.recipes.map((r) => r.moId), ...selection.dropped.map((d) => d.moId)]);
  for (const mo of page) {
    if (selection.recipes.length >= limit) break;
    if (seen.has(mo.mo_id)) continue;
    seen.add(mo.mo_id);
    if (CLOSED_STATES.has(mo.state)) {
      selection.dropped.push({ moId: mo.mo_id, reason: `${mo.state === 'cancel' ? 'cancelled' : 'done'} in Odoo` });
      continue;
    }
    if (known.has(mo.mo_id)) {
      selection.dropped.push({ moId: mo.mo_id, reason: 'already queued or archived here' });
      continue;
    }
    const result = toRecipe(mo, selection.recipes.length + 1);
    if (!result.ok) {
      selection.dropped.push({ moId: mo.mo_id, reason: result.reason });
      continue;
    }
    selection.recipes.push(result.recipe);
    selection.notes.push(...result.notes.map((note) => `${mo.mo_id}: ${note}`));
  }
  return selection;
}

/** One sentence on what was left out, grouped by reason: "skipped 8 (already queued or archived here: WH/MO/00011, …)". */
export function describeDropped(dropped: readonly DroppedMo[]): string {
  if (dropped.length === 0) return '';
  const byReason = new Map<string, string[]>();
  for (const d of dropped) byReason.set(d.reason, [...(byReason.get(d.reason) ?? []), d.moId]);
  const parts = [...byReason].map(([reason, ids]) => `${reason}: ${abbreviate(ids)}`);
  return `skipped ${dropped.length} (${parts.join('; ')})`;
}

export function abbreviate(ids: readonly string[], shown = 3): string {
  if (ids.length <= shown) return ids.join(', ');
  return `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}
