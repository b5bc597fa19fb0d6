/** Typed publish/subscribe for the events the console receives (snapshot, run, log). */
import type { EventMap, EventName } from '../../shared/contract';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;

export class EventBus {
  private readonly listeners: { [E in EventName]: Set<Listener<E>> } = {
    snapshot: new Set(),
    run: new Set(),
    log: new Set(),
  };

  subscribe<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners[event] as Set<Listener<E>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners[event] as Set<Listener<E>>) {
      try {
        listener(payload);
      } catch {
        // A broken subscriber (a closed window, a dropped socket) must not stop the engine.
      }
    }
  }
}
