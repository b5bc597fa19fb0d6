import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../../console-context';

const SYMBOL = { open: '●', connecting: '◌', lost: '✕' } as const;

/** The engine link in the header, in words and shape: only a lost link is coloured. */
export function LinkState() {
  const { t } = useTranslation('shell');
  const connection = useConsoleState((state) => state.connection);
  return (
    <p className={`link-state link-${connection}`} data-testid="link-state">
      <span aria-hidden="true">{SYMBOL[connection]}</span> {t(`link.${connection}`)}
    </p>
  );
}
