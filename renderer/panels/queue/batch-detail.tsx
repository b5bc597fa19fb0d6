import { useTranslation } from 'react-i18next';
import type { QueueBatch } from '../../../shared/domain';
import { useFormat } from '../../format/locale-format';
import { batchStatus } from '../../state/batch-status';
import { equipmentLines } from '../../state/wave-progress';
import { ArchiveBatchAction } from '../archive-batch-action';
import { ManualAdditives } from './manual-additives';
import { PlannedActualHeads } from './planned-actual-heads';

/** A batch opened up: planned vs actual per silo and tank, the hand-weighed additives to tick off, and Archive… when it may leave. */
export function BatchDetail({ batch, reference }: { batch: QueueBatch; reference: string }) {
  const { t } = useTranslation('queue');
  const format = useFormat();
  const lines = equipmentLines(batch);
  const status = batchStatus(batch);
  return (
    <div className="batch-detail">
      <table className="table compact" aria-label={t('detail.label', { slot: batch.batchNo, mo: batch.moId })}>
        <thead>
          <tr>
            <th scope="col">{t('detail.equipment')}</th>
            <PlannedActualHeads />
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id} data-testid="equipment-line">
              <th scope="row">{t(`detail.${line.kind}`, { name: line.equipment.replace(/^SILO /, ''), material: line.material })}</th>
              <td className="number">{format.kg(line.plannedKg)}</td>
              <td className="number">{format.kg(line.actualKg)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ManualAdditives moId={batch.moId} additives={batch.manualAdditives} reference={reference} />
      {/* Only a batch the PLC is done with may leave the queue by hand (the engine refuses the rest too). */}
      {(status === 'finished' || status === 'failed') && (
        <div className="batch-archive">
          <ArchiveBatchAction moId={batch.moId} />
        </div>
      )}
    </div>
  );
}
