import { useId } from 'react';
import { useFormat } from '../../format/locale-format';
import { fromInputValue } from './datetime-input';
import './history.css';

/**
 * A native date (or date and time) input with the chosen value written under it in the operator's format:
 * Chromium draws the input itself in the browser's locale ("11/28/2026, 02:05 PM") whatever language the
 * operator chose, and ignores the element's lang for it.
 */
export function DateField(props: {
  label: string;
  type: 'date' | 'datetime-local';
  /** The input's own value: 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM' (local time), '' for none. */
  value: string;
  onChange(value: string): void;
  testId: string;
  disabled?: boolean;
  className?: string;
}) {
  const format = useFormat();
  const shownId = useId();
  const shown = props.value === '' ? null : props.type === 'date' ? format.date(`${props.value}T12:00:00`) : format.dateTime(fromInputValue(props.value), undefined, 'minutes');
  return (
    <span className="date-field">
      <label className={props.className}>
        {props.label}{' '}
        <input
          type={props.type}
          data-testid={props.testId}
          value={props.value}
          disabled={props.disabled}
          aria-describedby={shown ? shownId : undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </label>
      {/* Always there, empty when nothing is chosen: the fields beside it stay level. */}
      <output id={shownId} className="date-shown" data-testid={`${props.testId}-shown`}>
        {shown}
      </output>
    </span>
  );
}
