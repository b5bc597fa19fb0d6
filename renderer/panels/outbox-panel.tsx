import { useState } from 'react';
import { useConsoleApi, useConsoleState } from '../console-context';
import { localTime } from '../format/display';
import { exportQuarantined } from '../state/outbox-export';

/**
 * Calls to Odoo the engine still owes (exactly once, decision Q5). Quarantined
 * ones stopped retrying on their own and wait for the operator's Retry.
 */
export function OutboxPanel() {
  const outbox = useConsoleState((state) => state.snapshot?.outbox ?? null);
  const station = useConsoleState((state) => state.snapshot?.station ?? 'station');
  const api = useConsoleApi();
  const [answers, setAnswers] = useState<Record<number, string>>({});
  if (!outbox || (outbox.pending === 0 && outbox.quarantined.length === 0)) return null;

  const retry = async (id: number): Promise<void> => {
    setAnswers((shown) => ({ ...shown, [id]: 'Retrying…' }));
    try {
      const entry = await api.retryOutbox({ id });
      setAnswers((shown) => ({ ...shown, [id]: `Queued again (${entry.state})` }));
    } catch (error) {
      setAnswers((shown) => ({ ...shown, [id]: `Failed: ${error instanceof Error ? error.message : String(error)}` }));
    }
  };

  const download = (): void => {
    const file = exportQuarantined(outbox.quarantined, station, new Date().toISOString());
    const url = URL.createObjectURL(new Blob([file.json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="card outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">Odoo outbox</h2>
      <p data-testid="outbox-pending">
        {outbox.pending} {outbox.pending === 1 ? 'call' : 'calls'} waiting to be sent
      </p>
      {outbox.quarantined.length > 0 && (
        <button type="button" data-testid="outbox-export" onClick={download}>
          Export quarantined calls (JSON)
        </button>
      )}
      {outbox.quarantined.length > 0 && (
        <table className="table compact" aria-label="Calls Odoo refused">
          <thead>
            <tr>
              <th scope="col">MO</th>
              <th scope="col">Call</th>
              <th scope="col" className="number">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {outbox.quarantined.map((entry) => (
              <tr key={entry.id} data-testid="outbox-row">
                <td>{entry.moId}</td>
                <td>{entry.kind}</td>
                <td className="number">{entry.attempts}</td>
                <td>{entry.lastError ?? ''}</td>
                <td>{localTime(entry.createdAt)}</td>
                <td>
                  <button type="button" aria-label={`Retry ${entry.moId}`} onClick={() => void retry(entry.id)}>
                    Retry
                  </button>
                  {answers[entry.id] && <span className="outbox-answer">{answers[entry.id]}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
