import { useConsoleState } from '../console-context';
import { describeStation } from '../state/station-role';

/** Under the title: this station, and in the plant who drives the PLC. */
export function StationLine() {
  const snapshot = useConsoleState((state) => state.snapshot);
  if (!snapshot) return null;
  const line = describeStation(snapshot.station, snapshot.authority, snapshot.generatedAt);
  return (
    <p className={`station tone-${line.tone}`} data-testid="station-line">
      {line.text}
    </p>
  );
}
