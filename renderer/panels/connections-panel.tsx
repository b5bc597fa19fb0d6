import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTarget } from '../../shared/domain';
import { useConsoleApi, useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import { AuthorityHealth } from './authority-health';
import { GuardedButton } from './people/guarded-button';
import { messageOf } from '../state/message-of';

const TARGETS: readonly ConnectionTarget[] = ['odoo', 'plc', 'database'];
const SYMBOL = { ok: '●', degraded: '▲', down: '✕', unknown: '?' } as const;

/** Odoo, PLC and database as the engine last saw them; while the engine link is down, none of it is claimed ok. */
export function ConnectionsPanel() {
  const { t } = useTranslation('engineer');
  const format = useFormat();
  const connections = useConsoleState((state) => state.snapshot?.connections ?? null);
  const generatedAt = useConsoleState((state) => state.snapshot?.generatedAt);
  const linkDown = useConsoleState((state) => state.connection !== 'open');
  const api = useConsoleApi();
  const [tests, setTests] = useState<Partial<Record<ConnectionTarget, string>>>({});
  if (!connections) return null;

  const test = async (target: ConnectionTarget): Promise<void> => {
    setTests((shown) => ({ ...shown, [target]: t('connections.testing') }));
    try {
      const result = await api.testConnection({ target });
      const verdict = t(result.ok ? 'connections.testOk' : 'connections.testFailed');
      setTests((shown) => ({ ...shown, [target]: `${verdict}: ${result.message} (${format.duration(result.latencyMs)})` }));
    } catch (error) {
      setTests((shown) => ({ ...shown, [target]: `${t('connections.testFailed')}: ${messageOf(error)}` }));
    }
  };

  return (
    <section className="card connections" aria-labelledby="connections-title">
      <h2 id="connections-title">{t('connections.title')}</h2>
      <ul className="connection-list">
        {TARGETS.map((target) => {
          const connection = connections[target];
          const state = linkDown ? 'unknown' : connection.state;
          const name = t(`connections.target.${target}`);
          return (
            <li key={target} data-testid={`connection-${target}`}>
              <span className="connection-name">{name}</span>
              <span className={`state-word state-${state}`} data-testid="connection-state">
                <span aria-hidden="true">{SYMBOL[state]} </span>
                {linkDown ? t('connections.lastKnown', { state: t(`connections.state.${connection.state}`) }) : t(`connections.state.${state}`)}
              </span>
              {target === 'database' && <AuthorityHealth />}
              <span className="connection-detail" lang="en">
                {connection.detail}
              </span>
              <span className="connection-last-ok">{t('connections.lastOk', { time: format.dateTime(connection.lastOkAt, generatedAt) })}</span>
              <GuardedButton request="testConnection" data-testid={`test-${target}`} onClick={() => void test(target)}>
                {t(`connections.test.${target}`)}
              </GuardedButton>
              {tests[target] && (
                <span className="connection-test" role="status">
                  {tests[target]}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
