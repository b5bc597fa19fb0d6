import './people.css';

const INPUT = {
  // Digits are the usual PIN (the numeric keypad on a touch screen), though a password works too.
  pin: { type: 'password', inputMode: 'numeric', minLength: 4 },
  name: { type: 'text', inputMode: 'text', minLength: 2 },
} as const;

/**
 * A user name or a PIN as typed at a shared plant terminal: never offered to the browser's
 * password store or autocompletion, a PIN hidden.
 */
export function CredentialField(props: { kind: keyof typeof INPUT; label: string; value: string; onChange(value: string): void; testId: string; required?: boolean; autoFocus?: boolean }) {
  const input = INPUT[props.kind];
  return (
    <label className="people-field">
      {props.label}
      <input
        type={input.type}
        inputMode={input.inputMode}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        required={props.required ?? true}
        minLength={input.minLength}
        maxLength={64}
        value={props.value}
        autoFocus={props.autoFocus}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}
