/**
 * The plant middleware's existing `.env` file (ENV_FILE=path): the keys this app shares with the
 * middleware are taken; the middleware's own (APP_NAME, CORS_ALLOW_ORIGINS…) are listed as ignored
 * so the engineer sees that nothing was lost by mistake.
 */
import { readFileSync } from 'node:fs';
import type { ConfigKey, ConfigSource } from '../config';
import { ConfigError } from '../config-error';
import { EnvSyntaxError, parseEnvText, type EnvEntry } from './env-file-syntax';

export interface EnvFileValues {
  path: string;
  values: ConfigSource;
  /** Names in the file that this app does not read, in file order. */
  ignored: string[];
}

export function readEnvFile(path: string, knownKeys: readonly ConfigKey[]): EnvFileValues {
  let entries: Map<string, EnvEntry>;
  try {
    entries = parseEnvText(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof EnvSyntaxError) throw new ConfigError(`${path}: ${error.message}`);
    throw new ConfigError(`ENV_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const values: ConfigSource = {};
  const ignored: string[] = [];
  for (const [name, entry] of entries) {
    // The middleware's settings loader matches names regardless of case; the file names its own location only from outside.
    const key = knownKeys.find((known) => known === name.toUpperCase() && known !== 'ENV_FILE');
    if (!key) {
      ignored.push(name);
      continue;
    }
    if (entry.expands) {
      throw new ConfigError(`${path}: ${key} (line ${entry.line}) uses \${…} expansion, which this app does not do: write the value out`);
    }
    // As in the environment, an empty value leaves the key to the layers below.
    if (entry.value !== '') values[key] = entry.value;
  }
  return { path, values, ignored };
}
