import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from './date-field';
import { fromInputValue, toInputValue } from './datetime-input';

export interface DateRange {
  from?: string;
  to?: string;
}

/**
 * "From" and "To" (local date and time) for a history list: [from, to), either
 * open. A range that ends before it starts is not sent (the engine refuses it); it says so instead.
 */
export function DateRangeFields({ range, onChange, testId }: { range: DateRange; onChange(range: DateRange): void; testId: string }) {
  const { t } = useTranslation('history');
  const [invalid, setInvalid] = useState(false);
  const change = (next: DateRange): void => {
    const bad = next.from !== undefined && next.to !== undefined && Date.parse(next.from) >= Date.parse(next.to);
    setInvalid(bad);
    if (!bad) onChange(next);
  };
  return (
    <fieldset className="date-range">
      <DateField
        label={t('from')}
        type="datetime-local"
        testId={`${testId}-from`}
        value={toInputValue(range.from)}
        onChange={(value) => change({ ...range, from: fromInputValue(value) })}
      />
      <DateField label={t('to')} type="datetime-local" testId={`${testId}-to`} value={toInputValue(range.to)} onChange={(value) => change({ ...range, to: fromInputValue(value) })} />
      {(range.from !== undefined || range.to !== undefined) && (
        <button type="button" data-testid={`${testId}-clear`} onClick={() => change({})}>
          {t('clearRange')}
        </button>
      )}
      {invalid && (
        <span role="alert" className="tone-bad">
          {t('badRange')}
        </span>
      )}
    </fieldset>
  );
}
