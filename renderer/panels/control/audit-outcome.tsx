import type { AuditOutcome } from '../../../shared/domain';
import { useAuditWords } from './audit-words';

/** ISA-101: a done action is plain; a refused or failed one is coloured, always with a shape and its word. */
const LOOK: Record<AuditOutcome, { shape: string; tone: 'normal' | 'attention' | 'abnormal' }> = {
  done: { shape: '✓', tone: 'normal' },
  refused: { shape: '⊘', tone: 'attention' },
  failed: { shape: '✕', tone: 'abnormal' },
};

export function AuditOutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const words = useAuditWords();
  const look = LOOK[outcome];
  return (
    <span className={`mark mark-${look.tone}`} data-value={outcome}>
      <span aria-hidden="true">{look.shape}</span> {words.outcome(outcome)}
    </span>
  );
}
