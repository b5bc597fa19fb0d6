/** The configuration as the console may see it: no password, no token, no database URL. */
import type { PublicConfig } from '../../shared/domain';
import type { EngineConfig } from './config';

export function publicConfig(config: EngineConfig, authority: PublicConfig['authority']): PublicConfig {
  return {
    station: config.station,
    dataDir: config.dataDir,
    authority,
    odoo: {
      baseUrl: config.odoo.baseUrl,
      db: config.odoo.db,
      username: config.odoo.username,
      passwordSet: config.odoo.password !== '',
    },
    plc: {
      host: config.plc.host,
      port: config.plc.port,
      protocol: config.plc.protocol,
      timeoutSec: config.plc.timeoutMs / 1000,
      clientNode: config.plc.clientNode,
      plcNode: config.plc.plcNode,
    },
    syncBatchLimit: config.syncBatchLimit,
    tasks: Object.entries(config.tasks).map(([task, t]) => ({
      task: task as PublicConfig['tasks'][number]['task'],
      enabled: t.enabled,
      intervalMinutes: t.intervalMs / 60_000,
    })),
    autoSync: config.autoSync,
    demo: config.demo,
    uiLanguage: config.uiLanguage,
  };
}
