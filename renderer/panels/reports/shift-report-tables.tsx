import { useTranslation } from 'react-i18next';
import { EQUIPMENT_IDS, type ShiftReport } from '../../../shared/domain';
import { equipmentById } from '../../../shared/equipment';
import { useFormat } from '../../format/locale-format';
import { ArchiveStatusBadge } from '../history/outcome-badge';

/** What a shift produced: counts, kg per silo and tank, the batches that failed, and every MO. */
export function ShiftReportTables({ report }: { report: ShiftReport }) {
  const { t } = useTranslation('reports');
  const format = useFormat();
  const dosed = EQUIPMENT_IDS.filter((id) => (report.kgByEquipment[id] ?? 0) > 0);

  return (
    <div className="report-body" data-testid="shift-report">
      <dl className="report-summary">
        <div>
          <dt>{t('completed')}</dt>
          <dd data-testid="report-completed">{format.number(report.completed)}</dd>
        </div>
        <div>
          <dt>{t('cancelled')}</dt>
          <dd data-testid="report-cancelled">{format.number(report.cancelled)}</dd>
        </div>
        <div>
          <dt>{t('waves')}</dt>
          <dd data-testid="report-waves">{format.number(report.waves)}</dd>
        </div>
        <div>
          <dt>{t('totalKg')}</dt>
          <dd data-testid="report-total-kg">{format.kg(report.totalKg)}</dd>
        </div>
      </dl>

      <h3>{t('kgHeading')}</h3>
      {dosed.length === 0 ? (
        <p className="empty">{t('noKg')}</p>
      ) : (
        <table className="table compact report-kg" aria-label={t('kgHeading')}>
          <thead>
            <tr>
              <th scope="col">{t('equipment')}</th>
              <th scope="col">{t('material')}</th>
              <th scope="col" className="number">
                {t('kg')}
              </th>
            </tr>
          </thead>
          <tbody>
            {dosed.map((id) => (
              <tr key={id} data-testid="report-kg-row">
                <th scope="row">{equipmentById(id).name}</th>
                <td>{equipmentById(id).defaultMaterial}</td>
                <td className="number">{format.kg(report.kgByEquipment[id])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('failuresHeading')}</h3>
      {report.failures.length === 0 ? (
        <p className="empty">{t('noFailures')}</p>
      ) : (
        <table className="table compact stacking-table" aria-label={t('failuresHeading')}>
          <thead>
            <tr>
              <th scope="col">{t('mo')}</th>
              <th scope="col">{t('slot')}</th>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('notes')}</th>
            </tr>
          </thead>
          <tbody>
            {report.failures.map((failure) => (
              <tr key={failure.moId} data-testid="report-failure">
                <td data-label={t('mo')}>{failure.moId}</td>
                <td data-label={t('slot')}>{failure.batchNo}</td>
                <td data-label={t('time')}>{format.dateTime(failure.archivedAt)}</td>
                <td data-label={t('notes')}>{failure.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {report.mos.length > 0 && (
        <details className="report-mos">
          <summary>{t('mosHeading', { count: report.mos.length })}</summary>
          <table className="table compact stacking-table" aria-label={t('mosHeading', { count: report.mos.length })}>
            <thead>
              <tr>
                <th scope="col">{t('mo')}</th>
                <th scope="col">{t('product')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col" className="number">
                  {t('kg')}
                </th>
                <th scope="col">{t('time')}</th>
              </tr>
            </thead>
            <tbody>
              {report.mos.map((mo) => (
                <tr key={mo.moId}>
                  <td data-label={t('mo')}>{mo.moId}</td>
                  <td data-label={t('product')}>{mo.finishedGoods}</td>
                  <td data-label={t('status')}>
                    <ArchiveStatusBadge status={mo.status} />
                  </td>
                  <td data-label={t('kg')} className="number">
                    {format.kg(mo.actualWeightKg)}
                  </td>
                  <td data-label={t('time')}>{format.dateTime(mo.archivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
