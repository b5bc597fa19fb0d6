import { useConsoleState } from '../console-context';
import { ResolveWaveActions } from './resolve-wave-actions';

export function WarningsPanel() {
  const warnings = useConsoleState((state) => state.snapshot?.warnings ?? null);
  if (!warnings || warnings.length === 0) return null;
  return (
    <section className="card warnings" aria-labelledby="warnings-title">
      <h2 id="warnings-title">Warnings</h2>
      <ul>
        {warnings.map((warning, index) => (
          <li key={`${warning.kind}-${warning.moId ?? warning.batchNo ?? index}`} data-testid="warning">
            {warning.message}
            {warning.kind === 'wave-unconfirmed' && <ResolveWaveActions />}
          </li>
        ))}
      </ul>
    </section>
  );
}
