import { useTranslation } from 'react-i18next';

/** A labelled filter over one of the contract's literal lists, "all" (undefined) first; options read in the operator's words. */
export function FilterSelect<T extends string>(props: {
  label: string;
  options: readonly T[];
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  /** The operator's word for an option (its value stays the code). */
  optionLabel: (option: T) => string;
  testId?: string;
}) {
  const { t } = useTranslation('history');
  return (
    <label className="filter">
      {props.label}{' '}
      <select
        data-testid={props.testId}
        value={props.value ?? ''}
        onChange={(event) => props.onChange(props.options.find((option) => option === event.target.value))}
      >
        <option value="">{t('all')}</option>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.optionLabel(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
