/**
 * The settings as the engineer's editor shows them: every key the editor may write to config.json,
 * with the value the next start would use and where it comes from. Secrets show only whether they
 * are set; URLs never show a user:password written into them.
 */
import { SECRET_SET, type SettingsView, type SettingView } from '../../../shared/domain';
import { CONFIG_KEYS, mergeLayers, type ConfigKey, type ConfigLayerName, type ConfigLayers } from '../config';
import { withoutCredentials } from '../without-credentials';

export const SECRET_KEYS: readonly ConfigKey[] = ['ODOO_PASSWORD', 'SMS_HOST_TOKEN', 'DATABASE_URL'];
/** Where the configuration itself lives: only the environment or a flag can say, never config.json. */
const LOCATION_KEYS: readonly ConfigKey[] = ['DATA_DIR', 'ENV_FILE'];
const URL_KEYS: readonly ConfigKey[] = ['ODOO_BASE_URL', 'ODOO_URL'];
/** The sources above config.json, as an audit line names them. */
export const OVERRIDING_SOURCES: Partial<Record<ConfigLayerName, string>> = { 'env-file': 'the env file', environment: 'the environment', flag: 'a command-line flag' };

export const EDITABLE_KEYS: readonly ConfigKey[] = CONFIG_KEYS.filter((key) => !LOCATION_KEYS.includes(key));

export const isEditableKey = (key: string): key is ConfigKey => (EDITABLE_KEYS as readonly string[]).includes(key);
export const isSecretKey = (key: ConfigKey): boolean => SECRET_KEYS.includes(key);

export function settingsView(layers: ConfigLayers, restartNeeded: boolean): SettingsView {
  const { merged, sourceOf } = mergeLayers(layers);
  const settings = EDITABLE_KEYS.map(
    (key): SettingView => ({
      key,
      value: shownValue(key, merged[key]),
      secret: isSecretKey(key),
      source: sourceOf[key],
      overridden: OVERRIDING_SOURCES[sourceOf[key]] !== undefined,
    }),
  );
  return { settings, restartNeeded, configFile: layers.configFile };
}

/** A value as a person may see it (the editor, the audit trail); null when nothing sets it. */
export function shownValue(key: ConfigKey, value: unknown): string | null {
  if (value === undefined || value === null || String(value).trim() === '') return null;
  if (isSecretKey(key)) return SECRET_SET;
  return URL_KEYS.includes(key) ? withoutCredentials(String(value)) : String(value);
}

/** Changes whenever a source changes what the next start would use. */
export function configurationFingerprint(layers: ConfigLayers): string {
  return JSON.stringify(mergeLayers(layers).merged);
}
