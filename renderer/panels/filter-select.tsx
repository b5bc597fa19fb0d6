/** A labelled filter over one of the contract's literal lists, with "all" (undefined) first. */
export function FilterSelect<T extends string>(props: {
  label: string;
  options: readonly T[];
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  testId?: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        data-testid={props.testId}
        value={props.value ?? ''}
        onChange={(event) => props.onChange(props.options.find((option) => option === event.target.value))}
      >
        <option value="">all</option>
        {props.options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </label>
  );
}
