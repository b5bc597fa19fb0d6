import { useState } from 'react';
import type { ConnectionTarget } from '../../shared/domain';
import { useConsoleApi, useConsoleState } from '../console-context';
import { localTime } from '../format/display';
import { AuthorityHealth } from './authority-health';

const TARGETS: { target: ConnectionTarget; label: string }[] = [
  { target: 'odoo', label: 'Odoo' },
  { target: 'plc', label: 'PLC' },
  { target: 'database', label: 'Database' },
];

export function ConnectionsPanel() {
  const connections = useConsoleState((state) => state.snapshot?.connections ?? null);
  const api = useConsoleApi();
  const [tests, setTests] = useState<Partial<Record<ConnectionTarget, string>>>({});
  if (!connections) return null;

  const test = async (target: ConnectionTarget): Promise<void> => {
    setTests((shown) => ({ ...shown, [target]: 'Testing…' }));
    try {
      const result = await api.testConnection({ target });
      setTests((shown) => ({ ...shown, [target]: `${result.ok ? 'OK' : 'Failed'}: ${result.message} (${result.latencyMs} ms)` }));
    } catch (error) {
      setTests((shown) => ({ ...shown, [target]: `Failed: ${error instanceof Error ? error.message : String(error)}` }));
    }
  };

  return (
    <section className="card connections" aria-labelledby="connections-title">
      <h2 id="connections-title">Connections</h2>
      <ul className="connection-list">
        {TARGETS.map(({ target, label }) => {
          const connection = connections[target];
          return (
            <li key={target} data-testid={`connection-${target}`}>
              <span className="connection-name">{label}</span>
              <span className={`badge state-${connection.state}`}>{connection.state}</span>
              {target === 'database' && <AuthorityHealth />}
              <span className="connection-detail">{connection.detail}</span>
              <span className="connection-last-ok">last ok {localTime(connection.lastOkAt)}</span>
              <button type="button" onClick={() => void test(target)}>
                Test
              </button>
              {tests[target] && <span className="connection-test">{tests[target]}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
