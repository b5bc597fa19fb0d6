/**
 * What people at the station do: during the faulty phase, anything the
 * console offers, at random (Sync now, Retry, Archive…, Hand over /
 * Withdraw); during the healing phase, a careful operator who answers every
 * warning that names an action. Only the console's own requests are used, so
 * nothing here can do what a real operator could not.
 */
import type { ConsoleHandlers } from '../../shared/contract';
import type { SimProcess } from './sim-process';
import type { World } from './world';

export async function operatorAction(world: World, console: SimProcess): Promise<void> {
  const handlers: ConsoleHandlers = console.engine.backend.handlers;
  const snapshot = await handlers.getSnapshot();
  const unconfirmed = snapshot.warnings.some((w) => w.kind === 'wave-unconfirmed');
  const quarantined = snapshot.outbox.quarantined;
  const done = snapshot.queue.batches.filter((b) => b.statusManufacturing || b.statusOperation);
  world.stats.operatorActions++;

  if (world.healing) {
    if (unconfirmed) await say(world, 'hand over (healing)', () => handlers.resolveWave({ action: 'hand-over', reason: 'checked the PLC panel' }));
    for (const entry of quarantined) {
      const queued = snapshot.queue.batches.some((b) => b.moId === entry.moId);
      // Odoo will never take it (the planner closed the MO): the batch is archived, not retried forever.
      if (queued && /in state "(cancel|done)"/.test(entry.lastError ?? '')) {
        await say(world, `archive ${entry.moId} (closed in Odoo)`, () => handlers.archiveBatch({ moId: entry.moId, reason: 'the planner closed this MO in Odoo' }));
      } else {
        await say(world, `retry ${entry.kind} ${entry.moId}`, () => handlers.retryOutbox({ id: entry.id }));
      }
    }
    return;
  }
  const choice = world.choose.int(0, 9);
  if (choice < 4) await say(world, 'Sync now', () => handlers.syncNow());
  else if (choice < 6 && quarantined.length > 0) {
    const entry = world.choose.pick(quarantined);
    await say(world, `retry ${entry.kind} ${entry.moId}`, () => handlers.retryOutbox({ id: entry.id }));
  } else if (choice < 7 && done.length > 0) {
    const batch = world.choose.pick(done);
    await say(world, `archive ${batch.moId}`, () => handlers.archiveBatch({ moId: batch.moId, reason: 'operator gave up on it' }));
  } else if (unconfirmed) {
    const action = world.choose.pick(['hand-over', 'withdraw'] as const);
    await say(world, `${action} the unconfirmed wave`, () => handlers.resolveWave({ action, reason: 'looked at the PLC' }));
  }
}

async function say(world: World, what: string, act: () => Promise<unknown>): Promise<void> {
  world.trace.add('operator', what);
  try {
    await act();
  } catch (error) {
    world.trace.add('operator', `${what} refused: ${error instanceof Error ? error.message : String(error)}`);
  }
}
