/**
 * How far down Odoo's list Task 1 reads for the next wave (step 4). Odoo keeps listing MOs produced
 * here (pitfall P8, ../shared/plant/README.md §2) in any number, oldest first, so a plant that never
 * closes them has thousands ahead of the new ones — a request and about 0.7 MB per 100. Instead of
 * reading them on every sync, the scan remembers the *known prefix*: how far Odoo's list held only MOs
 * known here, and the MOs at its end. The next sync starts there, once Odoo still lists those same MOs
 * at those same positions.
 *
 * Why that check suffices: at scan time the queue is empty and no wave is unresolved, so "known" means
 * archived, and the archive only grows; a remembered prefix can hide a new MO only if Odoo's list changed
 * before its end. An MO added or closed there, or a new order, puts other MOs at the boundary positions —
 * unless exactly as many were added as closed before it. That last case is caught by reading the whole
 * list again every ten minutes (RESCAN_AFTER_MS); a new MO never waits longer than that for it, and the
 * cost of a full read is paid at most once per ten minutes instead of on every sync.
 */
import type { RecipeResult } from '../../../odoo/mo-recipe';
import { emptySelection, selectFromPage, type ListedMo, type WaveSelection } from './wave-selection';

export interface MoSource<M extends ListedMo> {
  listMos(limit: number, offset: number): Promise<M[]>;
}

/** Odoo's list held only MOs known here at positions [0, end) when it was last read. */
export interface KnownPrefix {
  end: number;
  /** The MOs at [end - boundary.length, end), in Odoo's order: `end` is trusted only while Odoo still lists them there. */
  boundary: readonly string[];
  /** The prefix's first MOs, to name them in run reasons without reading them again. */
  firstIds: readonly string[];
  /** When the whole list was last read from its start (clock ms). */
  readFromStartAt: number;
}

export interface WaveScanDeps<M extends ListedMo> {
  odoo: MoSource<M>;
  store: { knownMoIds(moIds: readonly string[]): Promise<Set<string>> };
  batchLimit: number;
  toRecipe(mo: M, batchNo: number): RecipeResult;
}

export interface WaveScan {
  selection: WaveSelection;
  /** What the next sync may start from. */
  prefix: KnownPrefix;
  /** The remembered prefix no longer matched Odoo's list, so the list was read from its start. */
  listMoved: boolean;
}

/**
 * MOs asked of Odoo per request, overlap included: large pages keep hundreds of MOs ahead of the new ones
 * to a few requests when the list must be read from its start.
 */
const LIST_PAGE_SIZE = 100;
/** MOs each page repeats from the end of what was read before it: a list that shifted in between shows as a mismatch. */
const OVERLAP = 3;
/** Catches what the boundary cannot see: as many MOs added before it as closed before it since the last full read. */
export const RESCAN_AFTER_MS = 10 * 60_000;
const NAMED_IDS = 3;

/** Reads Odoo's list for up to `batchLimit` recipes, from the remembered prefix when it still holds. */
export async function scanForWave<M extends ListedMo>(deps: WaveScanDeps<M>, remembered: KnownPrefix | null, now: number): Promise<WaveScan> {
  const fresh = remembered === null || now - remembered.readFromStartAt >= RESCAN_AFTER_MS;
  if (!fresh) {
    const resumed = await scan(deps, remembered, now);
    if (resumed) return { ...resumed, listMoved: false };
  }
  const whole = await scan(deps, null, now);
  if (!whole) throw new Error('a scan from the start of the list has no boundary to miss');
  return { ...whole, listMoved: !fresh };
}

/** null: the page at the remembered prefix did not begin with its boundary (the list changed before it). */
async function scan<M extends ListedMo>(
  deps: WaveScanDeps<M>,
  from: KnownPrefix | null,
  now: number,
): Promise<Omit<WaveScan, 'listMoved'> | null> {
  const selection = emptySelection();
  const prefix = { end: from?.end ?? 0, tail: [...(from?.boundary ?? [])], firstIds: [...(from?.firstIds ?? [])], growing: true };
  // The remembered MOs are counted and named, not listed again.
  selection.remembered = { count: prefix.end, firstIds: [...prefix.firstIds] };
  const listed = new Set<string>(prefix.tail);
  let offset = prefix.end;
  let overlap: readonly string[] = prefix.tail;

  for (let firstPage = true; selection.recipes.length < deps.batchLimit; firstPage = false) {
    const start = offset - overlap.length;
    const mos = await deps.odoo.listMos(LIST_PAGE_SIZE, start);
    const held = overlap.every((id, i) => mos[i]?.mo_id === id);
    if (!held && firstPage) return null;
    // A page that does not begin where the last one ended: the list changed while it was being read, so
    // positions past here are not what they were and the prefix stops growing (the next sync checks it).
    if (!held) prefix.growing = false;
    const page = held ? mos.slice(overlap.length) : mos;
    const unseen = page.filter((mo) => !listed.has(mo.mo_id));
    if (unseen.length === 0 && page.length > 0) {
      // An Odoo that ignores offset would hand out the same full page forever.
      selection.stoppedEarly = `Odoo listed only MOs it had already listed at offset ${offset}, so the scan stopped there (does its mo-list-detailed ignore offset?)`;
      break;
    }
    const known = await deps.store.knownMoIds(unseen.map((mo) => mo.mo_id));
    for (const mo of page) {
      if (!prefix.growing) break;
      if (listed.has(mo.mo_id) || !known.has(mo.mo_id)) {
        prefix.growing = false;
        break;
      }
      prefix.end++;
      prefix.tail = [...prefix.tail, mo.mo_id].slice(-OVERLAP);
      if (prefix.firstIds.length < NAMED_IDS) prefix.firstIds.push(mo.mo_id);
    }
    for (const mo of unseen) listed.add(mo.mo_id);
    selectFromPage(selection, unseen, known, deps.batchLimit, deps.toRecipe);
    if (mos.length < LIST_PAGE_SIZE) break;
    offset = start + mos.length;
    overlap = mos.slice(-OVERLAP).map((mo) => mo.mo_id);
  }
  return {
    selection,
    prefix: { end: prefix.end, boundary: prefix.tail, firstIds: prefix.firstIds, readFromStartAt: from?.readFromStartAt ?? now },
  };
}
