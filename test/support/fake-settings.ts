/**
 * The fake engine's settings: a few keys from every source, checked like start-up for the keys an
 * e2e test changes (the engine's own sentences), written to a pretend config.json.
 */
import type { ParsedInput } from '../../shared/contract';
import { SECRET_SET, type SettingView, type SettingsView } from '../../shared/domain';

const CONFIG_FILE = '/tmp/fake/config.json';

/** The engine's start-up rule and sentence for each key the fake checks; other keys take any text. */
const RULES: Record<string, (value: string) => string | null> = {
  SYNC_BATCH_LIMIT: (value) =>
    Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 10 ? null : 'must be between 1 and 10 (the PLC has 10 slots)',
  PLC_PORT: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 65535 ? null : 'must be a port 1..65535'),
  ENABLE_AUTO_SYNC: (value) => (/^(true|false|1|0|yes|no|on|off)$/.test(value) ? null : 'Invalid input'),
};

export interface FakeSettings {
  view(): SettingsView;
  /** Applies the change or throws the engine's sentence; returns what changed, "KEY: before → after" (secrets hidden). */
  save(input: ParsedInput<'saveSettings'>): string;
}

export function createFakeSettings(): FakeSettings {
  const settings: SettingView[] = [
    { key: 'SMS_STATION', value: 'FAKE-01', secret: false, source: 'environment', overridden: true },
    { key: 'PLC_IP', value: '127.0.0.1', secret: false, source: 'config-file', overridden: false },
    { key: 'PLC_PORT', value: '9600', secret: false, source: 'default', overridden: false },
    { key: 'SYNC_BATCH_LIMIT', value: '10', secret: false, source: 'default', overridden: false },
    { key: 'ENABLE_AUTO_SYNC', value: 'true', secret: false, source: 'env-file', overridden: false },
    { key: 'ODOO_PASSWORD', value: null, secret: true, source: 'env-file', overridden: false },
  ];
  /** The secret's value stays here: the view only says whether one is set. */
  const secrets = new Map<string, string>([['ODOO_PASSWORD', 'fake-password']]);
  let restartNeeded = false;

  const shown = (setting: SettingView): SettingView => ({ ...setting, value: setting.secret ? (secrets.has(setting.key) ? SECRET_SET : null) : setting.value });

  return {
    view: () => ({ settings: settings.map(shown), restartNeeded, configFile: CONFIG_FILE }),
    save({ changes }) {
      for (const [key, value] of Object.entries(changes)) {
        const setting = settings.find((candidate) => candidate.key === key);
        if (!setting) throw new Error(`unknown configuration key ${key}`);
        const refusal = value === null ? null : (RULES[key]?.(value) ?? null);
        if (refusal !== null) throw new Error(`${key}=${setting.secret ? '(hidden)' : JSON.stringify(value)}: ${refusal}`);
      }
      const described = Object.entries(changes).map(([key, value]) => {
        const setting = settings.find((candidate) => candidate.key === key) as SettingView;
        const before = setting.secret ? '(hidden)' : (setting.value ?? '');
        if (setting.secret) {
          if (value === null) secrets.delete(key);
          else secrets.set(key, value);
        } else setting.value = value;
        setting.source = value === null ? 'default' : 'config-file';
        return `${key}: ${before} → ${setting.secret ? '(hidden)' : (value ?? '(default)')}`;
      });
      restartNeeded = true;
      return described.join('; ');
    },
  };
}
