import { useId, useState, type ButtonHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParsedInput, RequestName } from '../../../shared/contract';
import { useConsoleApi } from '../../console-context';
import { useAccess } from './use-access';
import './people.css';

export type GuardedButtonProps<K extends RequestName> = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** The request this button leads to: who may press it is read from shared/permissions.ts. */
  request: K;
  input?: ParsedInput<K>;
  /** What the action would touch (an MO): named in the audit line of a press while locked. */
  target?: string;
};

/**
 * A button for an action: as given while the person here may do it; otherwise still there and
 * focusable (hiding it would leave an operator hunting for a control the supervisor can use) but
 * marked with a lock and the role it needs, and pressing it says why instead of acting.
 */
export function GuardedButton<K extends RequestName>({ request, input, target, ...button }: GuardedButtonProps<K>) {
  const { t } = useTranslation('people');
  const access = useAccess(request, input);
  const api = useConsoleApi();
  const [explained, setExplained] = useState(false);
  const whyId = useId();
  if (access.allowed || access.needs === null) return <button type="button" {...button} />;
  const { children, className, onClick: _act, disabled: _disabled, ...rest } = button;
  return (
    <span className="guarded">
      <button
        type="button"
        {...rest}
        className={`${className ?? ''} locked`.trim()}
        aria-disabled="true"
        aria-describedby={whyId}
        data-locked="true"
        title={access.why ?? undefined}
        onClick={() => {
          setExplained(true);
          // The action is not sent, so the engine is told of the attempt: every refused attempt is in the audit trail.
          void api.reportLockedPress({ action: request, ...(target ? { target } : {}) }).catch(() => undefined);
        }}
      >
        <span className="lock-shape" aria-hidden="true" />
        {children}
      </button>
      {/* Beside the button, not in it: the button's name stays what its label says (WCAG 2.5.3). */}
      <span className="locked-role" aria-hidden="true">
        {t(`role.${access.needs}`)}
      </span>
      <span id={whyId} className="visually-hidden">
        {access.why}
      </span>
      <span role="status" className="locked-why" data-testid="locked-why">
        {explained ? access.why : null}
      </span>
    </span>
  );
}
