import { useTranslation } from 'react-i18next';
import type { HistoryStatus, Outcome } from '../../../shared/domain';

/**
 * ISA-101: a normal outcome is plain grey; only what needs an eye (failed,
 * busy, recovered, cancelled) is coloured, and always with a shape and its word.
 */
const OUTCOME_LOOK: Record<Outcome, { shape: string; tone: 'normal' | 'attention' | 'abnormal' }> = {
  fetched: { shape: '✓', tone: 'normal' },
  done: { shape: '✓', tone: 'normal' },
  skipped: { shape: '–', tone: 'normal' },
  empty: { shape: '–', tone: 'normal' },
  idle: { shape: '–', tone: 'normal' },
  busy: { shape: '⧗', tone: 'attention' },
  recovered: { shape: '↺', tone: 'attention' },
  error: { shape: '✕', tone: 'abnormal' },
};

const STATUS_LOOK: Record<HistoryStatus, { shape: string; tone: 'normal' | 'abnormal' }> = {
  completed: { shape: '✓', tone: 'normal' },
  cancelled: { shape: '✕', tone: 'abnormal' },
};

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('history');
  const look = OUTCOME_LOOK[outcome];
  return (
    <span className={`mark mark-${look.tone}`} data-value={outcome}>
      <span aria-hidden="true">{look.shape}</span> {t(`outcome.${outcome}`)}
    </span>
  );
}

export function ArchiveStatusBadge({ status }: { status: HistoryStatus }) {
  const { t } = useTranslation('history');
  const look = STATUS_LOOK[status];
  return (
    <span className={`mark mark-${look.tone}`} data-value={status}>
      <span aria-hidden="true">{look.shape}</span> {t(`status.${status}`)}
    </span>
  );
}
