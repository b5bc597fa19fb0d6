import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOMES } from '../../../shared/domain';
import { FilterSelect } from '../filter-select';
import { DateRangeFields } from '../history/date-range-fields';
import { SearchForm } from '../history/search-form';
import type { AuditFilter } from './audit-export';
import { AUDITED_ACTIONS, useAuditWords } from './audit-words';

/** Who, what, how it ended and when: each change reads the trail again from its newest entry. */
export function AuditFilters({ filter, onChange }: { filter: AuditFilter; onChange(filter: AuditFilter): void }) {
  const { t } = useTranslation('audit');
  const words = useAuditWords();
  const action = AUDITED_ACTIONS.find((known) => known === filter.action);
  return (
    <div className="history-filters" role="group" aria-label={t('filters')}>
      <SearchForm
        formLabel={t('userSearch')}
        label={t('user')}
        button={t('userSearch')}
        placeholder={t('userPlaceholder')}
        maxLength={64}
        testId="audit-filter-user"
        initial={filter.user}
        onSearch={(user) => onChange({ ...filter, user: user || undefined })}
      />
      <FilterSelect
        label={t('action')}
        testId="audit-filter-action"
        options={AUDITED_ACTIONS}
        optionLabel={words.action}
        value={action}
        onChange={(chosen) => onChange({ ...filter, action: chosen })}
      />
      <FilterSelect
        label={t('outcome')}
        testId="audit-filter-outcome"
        options={AUDIT_OUTCOMES}
        optionLabel={words.outcome}
        value={filter.outcome}
        onChange={(outcome) => onChange({ ...filter, outcome })}
      />
      <DateRangeFields testId="audit-range" range={{ from: filter.from, to: filter.to }} onChange={(range) => onChange({ ...filter, ...range })} />
    </div>
  );
}
