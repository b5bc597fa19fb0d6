import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { signatureInput } from '../../../shared/contract';
import { RequestError } from '../request-error';
import { CredentialField } from './credential-field';
import { useSession } from './session-context';
import { useSend } from './use-send';

export type Signature = z.input<typeof signatureInput>;

export interface SignatureDialogProps {
  /** What signing means, in the words the signer reads here; recorded with the action as shown. */
  meaning: string;
  /** Prefix of the test ids: `${testId}-signature`, `-signature-pin`, `-signature-comment`, `-signature-confirm`. */
  testId: string;
  /** Does the action with the signature; resolves to a sentence when it did not go through (the dialog stays), null when it did. */
  sign(signature: Signature): Promise<string | null>;
  onCancel(): void;
  onDone(): void;
}

/**
 * An electronic signature (21 CFR Part 11 style) for an action that can lose or duplicate
 * material: the signed-in person's PIN again, the meaning of signing, and a comment. Modal, so
 * nothing else is pressed meanwhile; Escape or Back returns to the form it came from.
 */
export function SignatureDialog(props: SignatureDialogProps) {
  const { t } = useTranslation('people');
  const session = useSession((state) => state.session);
  const dialog = useRef<HTMLDialogElement>(null);
  const [pin, setPin] = useState('');
  const [comment, setComment] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const { busy, error, send } = useSend(async () => {
    setRefusal(null);
    const answer = await props.sign({ pin, meaning: props.meaning, comment: comment.trim() });
    if (answer === null) props.onDone();
    else setRefusal(answer);
  });

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const titleId = `${props.testId}-signature-title`;
  return (
    <dialog
      ref={dialog}
      className="signature-dialog"
      aria-labelledby={titleId}
      data-testid={`${props.testId}-signature`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) props.onCancel();
      }}
    >
      <form className="people-form" onSubmit={send}>
        <h2 id={titleId}>{t('signature.title')}</h2>
        <div className="signature-meaning">
          <p className="muted">{t('signature.meaningLabel')}</p>
          <p data-testid={`${props.testId}-signature-meaning`}>
            <strong>{props.meaning}</strong>
          </p>
        </div>
        <p data-testid={`${props.testId}-signature-signer`}>
          {session ? t('signature.signer', { user: session.user, role: t(`role.${session.role}`) }) : t('signature.signerOpen')}
        </p>
        <CredentialField kind="pin" label={t('signature.pin')} value={pin} onChange={setPin} testId={`${props.testId}-signature-pin`} autoFocus />
        <label className="people-field people-field-wide">
          {t('signature.comment')}
          <input
            type="text"
            required
            minLength={3}
            maxLength={500}
            value={comment}
            placeholder={t('signature.commentPlaceholder')}
            data-testid={`${props.testId}-signature-comment`}
            onChange={(event) => setComment(event.target.value)}
          />
        </label>
        <p className="muted">{t('signature.explain')}</p>
        <div className="people-buttons">
          <button type="submit" className="primary" aria-busy={busy} data-testid={`${props.testId}-signature-confirm`}>
            {t('signature.confirm')}
          </button>
          <button type="button" disabled={busy} onClick={props.onCancel}>
            {t('signature.cancel')}
          </button>
        </div>
        <RequestError error={error ?? refusal} testId={`${props.testId}-signature-error`} />
      </form>
    </dialog>
  );
}
