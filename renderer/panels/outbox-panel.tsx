import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import { downloadFile } from '../state/download-file';
import { GuardedButton } from './people/guarded-button';
import { exportQuarantined } from '../state/outbox-export';
import { messageOf } from '../state/message-of';

/**
 * Calls to Odoo the engine still owes (exactly once, decision Q5). Quarantined
 * ones stopped retrying on their own and wait for the engineer's Retry.
 */
export function OutboxPanel() {
  const { t } = useTranslation('engineer');
  const format = useFormat();
  const outbox = useConsoleState((state) => state.snapshot?.outbox ?? null);
  const station = useConsoleState((state) => state.snapshot?.station ?? 'station');
  const generatedAt = useConsoleState((state) => state.snapshot?.generatedAt);
  const api = useConsoleApi();
  const [answers, setAnswers] = useState<Record<number, string>>({});
  if (!outbox) return null;

  const retry = async (id: number): Promise<void> => {
    setAnswers((shown) => ({ ...shown, [id]: t('outbox.retrying') }));
    try {
      const entry = await api.retryOutbox({ id });
      setAnswers((shown) => ({ ...shown, [id]: t('outbox.queuedAgain', { state: entry.state }) }));
    } catch (error) {
      setAnswers((shown) => ({ ...shown, [id]: `${t('outbox.failed')}: ${messageOf(error)}` }));
    }
  };

  const download = (): void => {
    const file = exportQuarantined(outbox.quarantined, station, new Date().toISOString());
    downloadFile(file.fileName, file.json, 'application/json');
  };

  return (
    <section className="card outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      <p data-testid="outbox-pending">{t('outbox.pending', { count: outbox.pending })}</p>
      {outbox.quarantined.length > 0 && (
        <button type="button" data-testid="outbox-export" onClick={download}>
          {t('outbox.export')}
        </button>
      )}
      {outbox.quarantined.length > 0 && (
        <table className="table compact" aria-label={t('outbox.refused')}>
          <thead>
            <tr>
              <th scope="col">MO</th>
              <th scope="col">{t('outbox.call')}</th>
              <th scope="col" className="number">
                {t('outbox.attempts')}
              </th>
              <th scope="col">{t('outbox.lastError')}</th>
              <th scope="col">{t('outbox.since')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('outbox.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {outbox.quarantined.map((entry) => (
              <tr key={entry.id} data-testid="outbox-row">
                <td>{entry.moId}</td>
                <td>{entry.kind}</td>
                <td className="number">{entry.attempts}</td>
                <td lang="en">{entry.lastError ?? ''}</td>
                <td>{format.dateTime(entry.createdAt, generatedAt)}</td>
                <td>
                  <GuardedButton request="retryOutbox" target={entry.moId} aria-label={t('outbox.retry', { mo: entry.moId })} onClick={() => void retry(entry.id)}>
                    {t('outbox.retryShort')}
                  </GuardedButton>
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
