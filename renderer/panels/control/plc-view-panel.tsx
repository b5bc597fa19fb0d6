import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlcView } from '../../../shared/domain';
import { useConsoleApi } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { RequestError } from '../request-error';
import { PlcFieldTable } from './plc-field-table';
import './control.css';
import { messageOf } from '../../state/message-of';

/** The PLC's memory as the memory map names it, read on demand: anyone may look, nobody writes from here. */
export function PlcViewPanel() {
  const { t } = useTranslation('plc');
  const format = useFormat();
  const api = useConsoleApi();
  const [view, setView] = useState<PlcView | null>(null);
  const [reading, setReading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const read = useCallback(async (): Promise<void> => {
    setReading(true);
    try {
      setView(await api.readPlcView());
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setReading(false);
    }
  }, [api]);

  useEffect(() => {
    void read();
  }, [read]);

  return (
    <section className="card plc-view" aria-labelledby="plc-view-title" aria-busy={reading} data-testid="plc-view">
      <div className="card-header">
        <h2 id="plc-view-title">{t('title')}</h2>
        <span className="muted" data-testid="plc-view-read-at">
          {view ? t('readAt', { time: format.dateTime(view.readAt) }) : t('never')}
        </span>
        <button type="button" data-testid="plc-view-refresh" disabled={reading} onClick={() => void read()}>
          {reading ? t('refreshing') : t('refresh')}
        </button>
      </div>
      <p className="muted">{t('explain')}</p>
      <RequestError error={error} />
      {view && (
        <div className="plc-blocks">
          <PlcFieldTable caption={t('handshake')} fields={view.handshake} testId="plc-handshake" />
          <PlcFieldTable caption={t('failure')} fields={view.failure} testId="plc-failure" />
          <PlcFieldTable caption={t('weighing')} fields={view.weighing} testId="plc-weighing" />
          <PlcSlots title={t('writeSlots')} slots={view.writeSlots} testId="plc-write" />
          <PlcSlots title={t('readSlots')} slots={view.readSlots} testId="plc-read" />
        </div>
      )}
    </section>
  );
}

/** Ten slots are many fields: each slot folds away, so the engineer opens the one in question. */
function PlcSlots({ title, slots, testId }: { title: string; slots: PlcView['writeSlots']; testId: string }) {
  const { t } = useTranslation('plc');
  return (
    <div className="plc-slots" data-testid={testId}>
      <h3>{title}</h3>
      {slots.map(({ slot, fields }) => (
        <details key={slot} data-testid={`${testId}-slot-${slot}`}>
          <summary>{t('slot', { slot })}</summary>
          {/* The summary shows the slot; the caption still names the table for a screen reader. */}
          <PlcFieldTable caption={`${title} · ${t('slot', { slot })}`} captionShown={false} fields={fields} testId={`${testId}-fields-${slot}`} />
        </details>
      ))}
    </div>
  );
}
