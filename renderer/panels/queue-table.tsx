import { useConsoleState } from '../console-context';
import { kilograms } from '../format/display';
import { batchStatus } from '../state/batch-status';
import { ArchiveBatchAction } from './archive-batch-action';

export function QueueTable() {
  const batches = useConsoleState((state) => state.snapshot?.queue.batches ?? null);
  if (batches === null) return <p className="empty">Waiting for the engine…</p>;
  if (batches.length === 0) return <p className="empty">The queue is empty: the next sync may fetch a new wave.</p>;
  return (
    <table className="table" aria-label="Batches in the PLC">
      <thead>
        <tr>
          <th scope="col">Slot</th>
          <th scope="col">MO</th>
          <th scope="col">Product</th>
          <th scope="col" className="number">Planned kg</th>
          <th scope="col">Status</th>
          <th scope="col" className="number">Actual kg</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {batches.map((batch) => {
          const status = batchStatus(batch);
          return (
            <tr key={batch.id} data-testid="queue-row">
              <td>{batch.batchNo}</td>
              <td>{batch.moId}</td>
              <td>{batch.finishedGoods}</td>
              <td className="number">{kilograms(batch.quantityKg)}</td>
              <td>
                <span className={`badge status-${status}`}>{status}</span>
              </td>
              <td className="number">{kilograms(batch.actualWeightKg)}</td>
              <td>
                {/* Only a batch the PLC is done with may leave the queue by hand (the engine refuses the rest too). */}
                {(status === 'finished' || status === 'failed') && <ArchiveBatchAction moId={batch.moId} />}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
