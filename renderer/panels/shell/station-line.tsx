import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { describeStation } from '../../state/station-role';

/** Beside the title: this station, and in the plant who drives the PLC. */
export function StationLine() {
  const { t } = useTranslation('shell');
  const format = useFormat();
  const snapshot = useConsoleState((state) => state.snapshot);
  if (!snapshot) return null;
  const line = describeStation(snapshot.station, snapshot.authority, snapshot.generatedAt, t, format);
  return (
    <p className={`station tone-${line.tone}`} data-testid="station-line">
      {line.text}
    </p>
  );
}
