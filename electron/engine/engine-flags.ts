/**
 * Command-line flags every host understands, as configuration values (the
 * highest precedence). Unknown arguments are left alone: Electron and the
 * CLI pass their own.
 */
import type { ConfigKey, ConfigSource } from './config';

const VALUE_FLAGS: Record<string, ConfigKey> = {
  '--data-dir': 'DATA_DIR',
  '--env-file': 'ENV_FILE',
  '--station': 'SMS_STATION',
  '--port': 'SMS_HOST_PORT',
  '--bind': 'SMS_HOST_BIND',
  '--token': 'SMS_HOST_TOKEN',
  '--token-file': 'SMS_HOST_TOKEN_FILE',
  '--speed': 'SMS_SIM_SPEED',
};

export function parseEngineFlags(argv: readonly string[]): ConfigSource {
  const flags: ConfigSource = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--demo') {
      flags.SMS_DEMO = true;
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const key = VALUE_FLAGS[name];
    if (!key) continue;
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new Error(`${name} needs a value`);
    }
    if (inline === undefined) i++;
    flags[key] = value;
  }
  return flags;
}
