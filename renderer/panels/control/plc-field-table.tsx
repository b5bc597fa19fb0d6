import { useTranslation } from 'react-i18next';
import type { PlcField } from '../../../shared/domain';
import { useFormat } from '../../format/locale-format';

/** Named fields with their values; the D address stays a small grey detail for the engineer. */
export function PlcFieldTable({ caption, fields, testId, captionShown = true }: { caption: string; fields: readonly PlcField[]; testId: string; captionShown?: boolean }) {
  const { t } = useTranslation('plc');
  const format = useFormat();
  const value = (field: PlcField): string => {
    if (typeof field.value === 'boolean') return t(field.value ? 'yes' : 'no');
    const shown = typeof field.value === 'number' ? format.number(field.value) : field.value;
    return field.unit ? `${shown} ${field.unit}` : shown;
  };
  return (
    <table className="table compact plc-fields" data-testid={testId}>
      <caption className={captionShown ? undefined : 'visually-hidden'}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('field')}</th>
          <th scope="col">{t('value')}</th>
          <th scope="col" className="plc-address">
            {t('address')}
          </th>
        </tr>
      </thead>
      <tbody>
        {fields.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              {t('noFields')}
            </td>
          </tr>
        )}
        {fields.map((field) => (
          <tr key={field.address} data-testid="plc-field">
            <th scope="row" lang="en" className="plc-label">
              {field.label}
            </th>
            <td className="plc-value">{value(field)}</td>
            <td className="plc-address">{field.address}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
