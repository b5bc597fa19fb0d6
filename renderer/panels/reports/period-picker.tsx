import { useTranslation } from 'react-i18next';
import { DateField } from '../history/date-field';
import { fromInputValue, toInputValue } from '../history/datetime-input';
import type { ReportChoice } from './report-period';
import { SHIFTS, shiftPeriod } from './shift-range';

/** A day and one of its three shifts, or any period ("custom"): the choices a shift report is asked for. */
export function PeriodPicker({ choice, onChange }: { choice: ReportChoice; onChange(choice: ReportChoice): void }) {
  const { t } = useTranslation('reports');
  const day = choice.mode === 'shift' ? choice.day : toInputValue(choice.from).slice(0, 10);
  const custom = (from: string | undefined, to: string | undefined): void => {
    if (from && to && Date.parse(from) < Date.parse(to)) onChange({ mode: 'custom', from, to });
  };

  return (
    <fieldset className="report-period">
      <legend>{t('period')}</legend>
      <DateField
        label={t('day')}
        type="date"
        className="report-day"
        testId="report-day"
        value={day}
        disabled={choice.mode === 'custom'}
        onChange={(value) => value && choice.mode === 'shift' && onChange({ ...choice, day: value })}
      />
      <div className="report-shifts" role="radiogroup" aria-label={t('period')}>
        {SHIFTS.map((shift) => (
          <label key={shift} className="report-choice">
            <input
              type="radio"
              name="report-shift"
              data-testid={`report-shift-${shift}`}
              checked={choice.mode === 'shift' && choice.shift === shift}
              onChange={() => onChange({ mode: 'shift', day, shift })}
            />
            {t(`shift.${shift}`)}
          </label>
        ))}
        <label className="report-choice">
          <input
            type="radio"
            name="report-shift"
            data-testid="report-custom"
            checked={choice.mode === 'custom'}
            onChange={() => onChange({ mode: 'custom', ...(choice.mode === 'shift' ? shiftPeriod(choice.day, choice.shift) : choice) })}
          />
          {t('custom')}
        </label>
      </div>
      {choice.mode === 'custom' && (
        <div className="report-custom">
          <DateField label={t('from')} type="datetime-local" testId="report-from" value={toInputValue(choice.from)} onChange={(value) => custom(fromInputValue(value), choice.to)} />
          <DateField label={t('to')} type="datetime-local" testId="report-to" value={toInputValue(choice.to)} onChange={(value) => custom(choice.from, fromInputValue(value))} />
        </div>
      )}
    </fieldset>
  );
}
