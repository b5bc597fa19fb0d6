import { useConsoleState } from '../console-context';

/** The number an operator reads from across the room: how many batches the PLC still holds. */
export function QueueCount() {
  const count = useConsoleState((state) => state.snapshot?.queue.count ?? null);
  return (
    <section className="card queue-count" aria-labelledby="queue-count-caption">
      <output className="queue-count-value" data-testid="queue-count" aria-describedby="queue-count-caption">
        {count ?? '–'}
      </output>
      <p id="queue-count-caption" className="queue-count-caption">
        batches in the PLC
      </p>
    </section>
  );
}
