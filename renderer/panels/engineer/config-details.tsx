import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../../../shared/domain';
import { useConsoleApi } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { useTaskName } from './task-name';
import { messageOf } from '../../state/message-of';

/** The engine's configuration as the engineer knows it (keys, addresses); no passwords ever reach the console. */
export function ConfigDetails() {
  const { t } = useTranslation('engineer');
  const format = useFormat();
  const taskName = useTaskName();
  const api = useConsoleApi();
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.getConfig().then(
      (answer) => current && setConfig(answer),
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  const rows: [string, string][] = config
    ? [
        ['SMS_STATION', config.station],
        ['DATA_DIR', config.dataDir],
        [t('config.authority'), config.authority],
        ['ODOO_BASE_URL', config.odoo.baseUrl],
        ['ODOO_DB / ODOO_USERNAME', `${config.odoo.db} / ${config.odoo.username}`],
        ['ODOO_PASSWORD', t(config.odoo.passwordSet ? 'config.set' : 'config.notSet')],
        ['PLC_IP:PLC_PORT', `${config.plc.host}:${config.plc.port} (${config.plc.protocol}, ${config.plc.timeoutSec} s)`],
        ['CLIENT_NODE / PLC_NODE', `${config.plc.clientNode} / ${config.plc.plcNode}`],
        ['SYNC_BATCH_LIMIT', String(config.syncBatchLimit)],
        ['ENABLE_AUTO_SYNC', String(config.autoSync)],
        ['SMS_DEMO', String(config.demo)],
        ['UI_LANGUAGE', config.uiLanguage],
        ...config.tasks.map((task): [string, string] => [
          `${taskName(task.task)} (${task.task})`,
          task.enabled ? format.duration(task.intervalMinutes * 60_000) : t('scheduler.off'),
        ]),
      ]
    : [];

  return (
    <section className="card config" aria-labelledby="config-title">
      <h2 id="config-title">{t('config.title')}</h2>
      {error && (
        <p role="alert" className="tone-bad">
          {error}
        </p>
      )}
      <dl className="config-list">
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
