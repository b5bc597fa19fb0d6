import { useState, type FormEvent } from 'react';
import { messageOf } from '../../state/message-of';

/** A people form's send: one at a time, the engine's refusal sentence kept to show where the person typed. */
export function useSend(action: () => Promise<void>): { busy: boolean; error: string | null; send(event: FormEvent): void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = (event: FormEvent): void => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    action().then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(messageOf(failure));
      },
    );
  };
  return { busy, error, send };
}
