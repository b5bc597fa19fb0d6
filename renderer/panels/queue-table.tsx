import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueBatch } from '../../shared/domain';
import { useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import type { BatchStatus } from '../state/batch-status';
import { batchProgress } from '../state/wave-progress';
import { BatchDetail } from './queue/batch-detail';
import { PlcAgeLine, usePlcAge } from './queue/plc-age-line';
import { PlannedActualHeads } from './queue/planned-actual-heads';

/** Shape and word for each status; colour (styles.css) only for the abnormal one. */
export const STATUS_SYMBOL: Record<BatchStatus, string> = { waiting: '○', dosing: '◐', finished: '✓', failed: '✕' };

/**
 * The whole wave on one screen: slot, MO, product, planned and actual kg so far, status, progress. A row
 * opens to its silos and tanks, its additives and — once the PLC is done with it — Archive….
 */
export function QueueTable() {
  const { t } = useTranslation('queue');
  const batches = useConsoleState((state) => state.snapshot?.queue.batches ?? null);
  const reference = useConsoleState((state) => state.snapshot?.generatedAt ?? '');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const age = usePlcAge();
  const stale = age !== null && age !== 'never' && age.stale;
  if (batches === null) return <p className="empty">{t('waitingForEngine')}</p>;

  const toggle = (moId: string): void =>
    setOpen((shown) => {
      const next = new Set(shown);
      if (!next.delete(moId)) next.add(moId);
      return next;
    });

  return (
    <div className={`queue${stale ? ' stale-values' : ''}`}>
      <PlcAgeLine age={age} />
      {batches.length === 0 ? (
        <p className="empty" data-testid="queue-empty">
          {t('empty')}
        </p>
      ) : (
        <table className="table queue-table" aria-label={t('title')}>
          <thead>
            <tr>
              <th scope="col" className="number">
                {t('column.slot')}
              </th>
              <th scope="col">{t('column.mo')}</th>
              <th scope="col">{t('column.product')}</th>
              <PlannedActualHeads />
              <th scope="col">{t('column.status')}</th>
              <th scope="col">{t('column.progress')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <Fragment key={batch.id}>
                <QueueRow batch={batch} open={open.has(batch.moId)} onToggle={() => toggle(batch.moId)} />
                {open.has(batch.moId) && (
                  <tr className="queue-row-extra" id={detailId(batch)} data-testid="queue-row-detail">
                    <td colSpan={8}>
                      <BatchDetail batch={batch} reference={reference} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const detailId = (batch: QueueBatch): string => `batch-detail-${batch.batchNo}`;

function QueueRow({ batch, open, onToggle }: { batch: QueueBatch; open: boolean; onToggle(): void }) {
  const { t } = useTranslation('queue');
  const format = useFormat();
  const progress = batchProgress(batch);
  const additivesOpen = batch.manualAdditives.filter((additive) => additive.checkedAt === null).length;
  return (
    <tr data-testid="queue-row" data-status={progress.status} className={`queue-row status-${progress.status}`}>
      <td className="number" data-label={t('column.slot')}>
        {batch.batchNo}
      </td>
      <td data-label={t('column.mo')}>{batch.moId}</td>
      <td data-label={t('column.product')} className="product">
        {batch.finishedGoods}
      </td>
      <td className="number" data-label={t('column.planned')}>
        {format.kg(progress.plannedKg)}
      </td>
      <td className="number actual" data-label={t('column.actual')}>
        {progress.status === 'waiting' ? format.kg(null) : format.kg(progress.actualKg)}
      </td>
      <td data-label={t('column.status')}>
        <span className={`status status-${progress.status}`}>
          <span aria-hidden="true">{STATUS_SYMBOL[progress.status]}</span> {t(`status.${progress.status}`)}
        </span>
      </td>
      <td data-label={t('column.progress')} className="progress-cell">
        <progress max={1} value={progress.fraction} aria-label={t('progressLabel', { slot: batch.batchNo })} />
        <span className="percent">{format.number(progress.fraction * 100)} %</span>
      </td>
      <td className="row-actions">
        <button type="button" aria-expanded={open} aria-controls={detailId(batch)} data-testid="queue-detail-toggle" onClick={onToggle}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> <span className="visually-hidden">{t('detail.toggle', { slot: batch.batchNo })}</span>
          {additivesOpen > 0 && (
            <>
              <span className="additive-mark" aria-hidden="true">
                ⚖ {additivesOpen}
              </span>
              <span className="visually-hidden">{t('additives.mark', { count: additivesOpen })}</span>
            </>
          )}
        </button>
      </td>
    </tr>
  );
}
