/**
 * Whether a recipe fits a PLC slot, asked of the real slot codec before the
 * wave is chosen: a value the codec refuses (a quantity beyond the PLC's
 * 32-bit kg×100 words, an MO id the NO-MO field cannot hold) would make the
 * whole wave's write throw, every sync, forever (issue 8 item 7). Refused
 * here, only that MO is skipped, with its reason.
 */
import type { BatchRecipe } from '../../../../shared/domain';
import { encodeWriteSlot } from '../../../plc/slot-codec';
import { WordCodecError } from '../../../plc/word-codec';

/** Null when the recipe encodes into its slot (`batchNo`); otherwise what does not fit, naming the MO. */
export function plcFitProblem(recipe: BatchRecipe): string | null {
  try {
    encodeWriteSlot(recipe.batchNo, recipe);
    return null;
  } catch (error) {
    if (!(error instanceof WordCodecError)) throw error;
    // The slot number is only where it would have gone; the field's plant label says what is wrong.
    const field = error.field.replace(/^WRITE slot \d+ /, '');
    return `MO ${JSON.stringify(recipe.moId)} does not fit the PLC (${field}: ${error.detail}); fix it in Odoo`;
  }
}
