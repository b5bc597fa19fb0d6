/** The audit trail in the operator's words: actions, roles, sources and outcomes named in the language on screen. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RequestName } from '../../../shared/contract';
import type { AuditEntry } from '../../../shared/domain';

/** The actions the engine audits (every request that acts), in the order the action filter offers them. */
export const AUDITED_ACTIONS = [
  'syncNow',
  'runTask',
  'setNewWavesPaused',
  'setSchedulerPaused',
  'archiveBatch',
  'resolveWave',
  'retryOutbox',
  'checkManualAdditive',
  'acknowledgeAlarm',
  'shelveAlarm',
  'unshelveAlarm',
  'testConnection',
  'resendBatch',
  'cancelBatch',
  'resetTask1',
  'saveSettings',
  'saveUser',
  'createFirstEngineer',
  'signIn',
  'signOut',
] as const satisfies readonly RequestName[];

export interface AuditWords {
  /** A request's name in words; a CLI command the console does not know stays as the engine wrote it. */
  action(action: string): string;
  /** "budi (supervisor)", "open station" for the user of an open station. */
  who(entry: Pick<AuditEntry, 'user' | 'role'>): string;
  source(source: AuditEntry['source']): string;
  outcome(outcome: AuditEntry['outcome']): string;
}

export function auditWords(t: TFunction): AuditWords {
  return {
    action: (action) => t(`audit:actionName.${action}`, { defaultValue: action }),
    who: ({ user, role }) => `${user} (${role === null ? t('audit:noRole') : t(`audit:role.${role}`)})`,
    source: (source) => t(`audit:source.${source}`),
    outcome: (outcome) => t(`audit:outcomeName.${outcome}`),
  };
}

export function useAuditWords(): AuditWords {
  const { t } = useTranslation('audit');
  return auditWords(t);
}
