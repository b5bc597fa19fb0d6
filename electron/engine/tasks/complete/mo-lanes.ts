/**
 * Runs Odoo deliveries for different MOs side by side, one MO's in order.
 *
 * Each Odoo call waits a round trip (seconds on a loaded plant server), and a
 * wave's ten batches are ten independent MOs: delivered one after another they
 * hold the next wave for ten times as long as they need to. Within one MO the
 * order matters (its consumption is booked before it is marked done; its
 * cancel and its consumption are never in flight together), and one courier
 * must never deliver the same entry twice at once — its claim is per
 * claimant, so a second delivery in the same process would pass it. So the
 * items are grouped in lanes by MO; a lane runs its items in the given order,
 * and at most `limit` lanes run at once (ODOO_CONCURRENCY), which bounds the
 * load on Odoo.
 *
 * A failing item (the authority went away) stops new lanes from starting; the
 * ones under way finish before the error is passed on, so nothing is still
 * writing when the run is recorded.
 */
export async function inMoLanes<T, R>(items: readonly T[], moOf: (item: T) => string, limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const lane = lanes.get(moOf(item));
    if (lane) lane.push(index);
    else lanes.set(moOf(item), [index]);
  });
  const waiting = [...lanes.values()];
  const results: R[] = new Array<R>(items.length);
  const failures: unknown[] = [];

  async function worker(): Promise<void> {
    for (let lane = waiting.shift(); lane; lane = waiting.shift()) {
      for (const index of lane) {
        if (failures.length > 0) return;
        try {
          results[index] = await work(items[index]!);
        } catch (error) {
          failures.push(error);
        }
      }
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, waiting.length)) }, worker));
  if (failures.length > 0) throw failures[0];
  return results;
}
