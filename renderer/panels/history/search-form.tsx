import { useState, type FormEvent } from 'react';
import './history.css';

/** A labelled search box and its button (Enter works too); hands on the text trimmed, '' for no search. */
export function SearchForm(props: {
  /** The search landmark's name. */
  formLabel: string;
  label: string;
  button: string;
  placeholder: string;
  maxLength: number;
  /** The box's test id; its button's is `${testId}-submit`. */
  testId: string;
  initial?: string;
  onSearch(text: string): void;
}) {
  const [draft, setDraft] = useState(props.initial ?? '');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    props.onSearch(draft.trim());
  };
  return (
    <form className="history-search" role="search" aria-label={props.formLabel} onSubmit={submit}>
      <label>
        {props.label}
        <input
          type="search"
          value={draft}
          maxLength={props.maxLength}
          placeholder={props.placeholder}
          data-testid={props.testId}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <button type="submit" data-testid={`${props.testId}-submit`}>
        {props.button}
      </button>
    </form>
  );
}
