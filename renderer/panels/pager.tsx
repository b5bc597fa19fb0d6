import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/locale-format';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}

export function Pager({ page, pageSize, total, onPage }: PagerProps) {
  const { t } = useTranslation('history');
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pager.newer')}
      </button>
      <span>{t('pager.position', { page: format.number(page), pages: format.number(pages), total: format.number(total) })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.older')}
      </button>
    </nav>
  );
}
