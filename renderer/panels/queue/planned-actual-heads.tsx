import { useTranslation } from 'react-i18next';

/** The planned and actual kg column heads: the same words in the queue and in a batch opened up. */
export function PlannedActualHeads() {
  const { t } = useTranslation('queue');
  return (
    <>
      <th scope="col" className="number">
        {t('column.planned')}
      </th>
      <th scope="col" className="number">
        {t('column.actual')}
      </th>
    </>
  );
}
