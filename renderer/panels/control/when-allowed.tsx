import type { ReactNode } from 'react';
import type { RequestName } from '../../../shared/contract';
import { useAccess } from '../people/use-access';

/**
 * Shows a view that reads what only some roles may read, or why not — without asking the engine,
 * whose refusal would go into the audit trail as an attempt nobody made on purpose.
 */
export function WhenAllowed({ request, testId, children }: { request: RequestName; testId: string; children: ReactNode }) {
  const access = useAccess(request);
  if (access.allowed) return children;
  return (
    <p className="locked-view" data-testid={`${testId}-locked`}>
      <span className="lock-shape" aria-hidden="true" /> {access.why}
    </p>
  );
}
