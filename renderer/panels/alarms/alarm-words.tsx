/** How an alarm reads to the operator: a title for its cause and its priority as a shape and a word. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm, AlarmPriority } from '../../../shared/domain';
import { alarmTitleKey } from './alarm-title-key';

export function useAlarmTitle(): (alarm: Pick<Alarm, 'key' | 'kind'>) => string {
  const { t } = useTranslation('alarms');
  return useCallback((alarm) => t(alarmTitleKey(alarm)), [t]);
}

/** ISA-101: the priority is told by shape and word too, never by colour alone. */
export const PRIORITY_SHAPE: Record<AlarmPriority, string> = { high: '▲', medium: '◆', low: '●' };

export function PriorityBadge({ priority }: { priority: AlarmPriority }) {
  const { t } = useTranslation('alarms');
  return (
    <span className={`alarm-priority alarm-priority-${priority}`} data-priority={priority}>
      <span aria-hidden="true">{PRIORITY_SHAPE[priority]}</span> {t(`priority.${priority}`)}
    </span>
  );
}

/** "×3" on screen, "raised 3 times" to a screen reader. */
export function OccurrenceCount({ count }: { count: number }) {
  const { t } = useTranslation('alarms');
  return (
    <span className="alarm-count" data-testid="alarm-count">
      <span aria-hidden="true">{t('occurrences', { count })}</span>{' '}
      <span className="visually-hidden">{t('occurrencesLabel', { count })}</span>
    </span>
  );
}
