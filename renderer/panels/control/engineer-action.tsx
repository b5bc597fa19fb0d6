import { useState, type ReactNode } from 'react';
import type { RequestName } from '../../../shared/contract';
import { GuardedButton } from '../people/guarded-button';
import type { Signature } from '../people/signature-dialog';
import { ReasonForm } from '../reason-form';

export interface EngineerActionProps {
  request: Extract<RequestName, 'resendBatch' | 'cancelBatch' | 'resetTask1'>;
  /** The button that opens it, e.g. "Re-send to its slot…". */
  open: string;
  /** Names the form, e.g. "Re-send WH/MO/00011 to its slot". */
  label: string;
  reasonLabel: string;
  placeholder: string;
  confirm: string;
  cancel: string;
  /** What signing means, shown in the signature dialog and recorded with the action. */
  meaning: string;
  /** Test ids: `${testId}-open`, `${testId}-reason`, `${testId}-confirm`, `${testId}-signature…`, `${testId}-done`. */
  testId: string;
  /** A batch must be chosen first, or the like: the action cannot be opened. */
  disabled?: boolean;
  /** Shown above the reason while the action is open (the cancel choice); the reason form waits until `ready`. */
  before?: ReactNode;
  ready?: boolean;
  /** The action closed, done or not: a choice made for it is not kept for the next time. */
  onClose?(): void;
  /** Does the action with the reason and signature; resolves to the sentence that says it was done. Throws the engine's refusal. */
  act(reason: string, signature: Signature): Promise<string>;
}

/**
 * An engineer action that can lose or duplicate material: why, then the signer's PIN, meaning and
 * comment (every one is signed, open station or not), then the engine's answer — its refusal
 * stays in the signature dialog, word for word, until the engineer goes back.
 */
export function EngineerAction(props: EngineerActionProps) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const close = (): void => {
    setOpen(false);
    props.onClose?.();
  };

  return (
    <div className="engineer-action" data-testid={props.testId}>
      {!open && (
        <GuardedButton
          request={props.request}
          disabled={props.disabled}
          data-testid={`${props.testId}-open`}
          onClick={() => {
            setDone(null);
            setOpen(true);
          }}
        >
          {props.open}
        </GuardedButton>
      )}
      {open && props.before}
      {open && (props.ready ?? true) && (
        <ReasonForm
          className="reason-form"
          label={props.label}
          inputLabel={props.reasonLabel}
          placeholder={props.placeholder}
          confirm={props.confirm}
          cancel={props.cancel}
          testId={props.testId}
          signing={{ meaning: props.meaning }}
          submit={async (reason, signature) => {
            // `signing` is always set, so the form submits only with a signature.
            if (signature) setDone(await props.act(reason, signature));
            return null;
          }}
          onDone={close}
        />
      )}
      {open && props.ready === false && (
        <button type="button" onClick={close}>
          {props.cancel}
        </button>
      )}
      <p role="status" className="engineer-action-done" data-testid={`${props.testId}-done`}>
        {done}
      </p>
    </div>
  );
}
