/** Mapping of `dispatch_intents` rows to DispatchIntent, shared by the SQLite (text, JSON) and PostgreSQL (timestamptz, jsonb) stores. */
import type { BatchRecipe } from '../../shared/domain';
import type { DispatchIntent } from './authority-store';

/** A type (not an interface) so that it satisfies the pg driver's row shape. */
export type IntentRow = {
  id: string | number;
  run_id: string | number;
  station: string;
  created_at: string | Date;
  phase: DispatchIntent['phase'];
  recipes: string | BatchRecipe[];
  plc_view: string | null;
};

export function rowToIntent(row: IntentRow): DispatchIntent {
  return {
    id: Number(row.id),
    runId: Number(row.run_id),
    station: row.station,
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at,
    phase: row.phase,
    recipes: (typeof row.recipes === 'string' ? (JSON.parse(row.recipes) as StoredRecipe[]) : (row.recipes as StoredRecipe[])).map(withChecklist),
    plcView: row.plc_view,
  };
}

/** An intent recorded before recipes carried their manual additives (a wave left unfinished across the upgrade) has none. */
type StoredRecipe = Omit<BatchRecipe, 'manualAdditives'> & Partial<Pick<BatchRecipe, 'manualAdditives'>>;
const withChecklist = (recipe: StoredRecipe): BatchRecipe => ({ ...recipe, manualAdditives: recipe.manualAdditives ?? [] });
