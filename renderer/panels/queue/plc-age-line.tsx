import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { plcAge, type PlcAge } from '../../state/plc-age';
import { useNow } from '../../state/use-now';

/** The age of the PLC values on screen, growing by itself; null before the first snapshot. */
export function usePlcAge(): PlcAge | 'never' | null {
  const snapshot = useConsoleState((state) => state.snapshot);
  const receivedAt = useConsoleState((state) => state.snapshotReceivedAt);
  const now = useNow();
  if (!snapshot || receivedAt === null) return null;
  return plcAge(snapshot, receivedAt, now) ?? 'never';
}

/** How old the PLC values on screen are; stale ones say so in words and shape, not only colour. */
export function PlcAgeLine({ age }: { age: PlcAge | 'never' | null }) {
  const { t } = useTranslation('queue');
  const format = useFormat();
  const generatedAt = useConsoleState((state) => state.snapshot?.generatedAt);
  if (age === null) return null;
  if (age === 'never') {
    return (
      <p className="plc-age" data-testid="plc-age">
        {t('plc.never')}
      </p>
    );
  }
  // Milliseconds mean nothing at the line: under a second is "just now".
  const ago = age.ageMs < 1000 ? t('plc.readJustNow') : t('plc.readAgo', { age: format.duration(age.ageMs) });
  return (
    <p className={`plc-age${age.stale ? ' stale' : ''}`} data-testid="plc-age" data-stale={age.stale}>
      {age.stale && <span aria-hidden="true">▲ </span>}
      {age.stale ? t('plc.stale', { ago }) : ago}{' '}
      <time dateTime={age.readAt} className="muted">
        ({format.dateTime(age.readAt, generatedAt)})
      </time>
    </p>
  );
}
