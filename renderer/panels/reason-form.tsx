import { useState, type FormEvent } from 'react';
import { SignatureDialog, type Signature } from './people/signature-dialog';
import { messageOf } from '../state/message-of';

export interface ReasonFormProps {
  className: string;
  /** Names the form for screen readers, e.g. "Archive WH/MO/00011". */
  label: string;
  inputLabel: string;
  placeholder: string;
  confirm: string;
  cancel: string;
  /** Prefix of the test ids: `${testId}-reason`, `${testId}-confirm`. */
  testId: string;
  /**
   * An e-signature is asked after the reason (the action can lose or duplicate material, and users
   * exist): the dialog shows this meaning, and `submit` gets the signature.
   */
  signing?: { meaning: string } | null;
  /** Does the action; resolves to a sentence to show when it did not go through, null when it did. */
  submit(reason: string, signature?: Signature): Promise<string | null>;
  onDone(): void;
}

/**
 * Asks why before an action that is final or overrules the engine (archive a
 * batch, hand over or withdraw a wave): the reason is recorded with it, and a
 * refusal is shown where the operator pressed the button.
 */
export function ReasonForm(props: ReasonFormProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);

  const send = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (props.signing) {
      setSigning(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const refusal = await props.submit(reason);
      if (refusal === null) props.onDone();
      else setError(refusal);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form className={props.className} aria-label={props.label} onSubmit={(event) => void send(event)}>
        <input
          type="text"
          required
          minLength={3}
          maxLength={500}
          value={reason}
          placeholder={props.placeholder}
          aria-label={props.inputLabel}
          data-testid={`${props.testId}-reason`}
          onChange={(event) => setReason(event.target.value)}
        />
        <button type="submit" disabled={busy} data-testid={`${props.testId}-confirm`}>
          {props.confirm}
        </button>
        <button type="button" disabled={busy} onClick={props.onDone}>
          {props.cancel}
        </button>
        {error && (
          <span role="alert" className="tone-bad">
            {error}
          </span>
        )}
      </form>
      {/* Beside the form, not in it: a form inside a form is invalid, and its submit would reach this one. */}
      {signing && props.signing && (
        <SignatureDialog
          meaning={props.signing.meaning}
          testId={props.testId}
          sign={(signature) => props.submit(reason, signature)}
          onCancel={() => setSigning(false)}
          onDone={props.onDone}
        />
      )}
    </>
  );
}
