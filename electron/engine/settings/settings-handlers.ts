/**
 * The engineer's settings editor, engine side: shows the configuration's sources and writes changes
 * to DATA_DIR/config.json after validating the result with start-up's own rules. A change applies
 * at the next start (restartNeeded), never to the running engine: half the engine (clients, timers,
 * the store) was built from the old values. The access guard lets only an engineer in and records
 * the audit entry; this side adds the before → after of each key (a secret only as "changed").
 */
import { SECRET_SET } from '../../../shared/domain';
import { BadRequestError } from '../bad-request-error';
import { configFromLayers, defaultConfig, mergeLayers, readConfigLayers, type ConfigInputs, type ConfigKey, type ConfigLayers, type ConfigSource } from '../config';
import type { GuardedHandlers } from '../people/access-guard';
import { writeJsonAtomically } from './atomic-json-file';
import { configurationFingerprint, isEditableKey, isSecretKey, OVERRIDING_SOURCES, settingsView, shownValue } from './settings-view';

export type SettingsHandlers = Pick<GuardedHandlers, 'getSettings' | 'saveSettings'>;

/** `inputs`: the environment and flags this engine started with; the files are read again at each call. */
export function createSettingsHandlers(inputs: Pick<ConfigInputs, 'env' | 'flags'>): SettingsHandlers {
  const sources = { env: { ...(inputs.env ?? {}) }, flags: { ...(inputs.flags ?? {}) } };
  const atStart = configurationFingerprint(readConfigLayers(sources));
  const view = (layers: ConfigLayers) => settingsView(layers, configurationFingerprint(layers) !== atStart);

  return {
    getSettings: async () => view(readConfigLayers(sources)),
    saveSettings: async ({ changes }, caller) => {
      const before = readConfigLayers(sources);
      const keys = Object.keys(changes);
      const unknown = keys.filter((key) => !isEditableKey(key));
      if (unknown.length) throw new BadRequestError(`${unknown.join(', ')}: not a setting the editor can change (see README "Configuration")`);
      const file = withChanges(before.file, changes as Partial<Record<ConfigKey, string | null>>);
      const after: ConfigLayers = { ...before, file };
      // Throws start-up's own ConfigError: the same message the engine would stop with.
      configFromLayers(after);
      const notes = (keys as ConfigKey[]).flatMap((key) => describeChange(key, changes[key] ?? null, before, after));
      if (notes.length === 0) {
        caller.noteForAudit('no change');
        return view(before);
      }
      writeJsonAtomically(before.configFile, file);
      caller.noteForAudit(`${notes.join('; ')} (applies at the next start)`);
      return view(readConfigLayers(sources));
    },
  };
}

/**
 * config.json with the editor's changes, its other keys kept. A secret is write-only: its field
 * comes back empty (or as the mask), which keeps it; only null removes it. For other keys an
 * empty value, like null, hands the key back to the default.
 */
function withChanges(file: ConfigSource, changes: Partial<Record<ConfigKey, string | null>>): ConfigSource {
  const next: ConfigSource = { ...file };
  for (const [key, change] of Object.entries(changes) as [ConfigKey, string | null][]) {
    if (keepsSecret(key, change)) continue;
    if (change === null || change.trim() === '') delete next[key];
    else next[key] = typed(key, change);
  }
  return next;
}

const keepsSecret = (key: ConfigKey, change: string | null): boolean =>
  isSecretKey(key) && change !== null && (change.trim() === '' || change === SECRET_SET);

/** Numbers and switches are written as JSON numbers and booleans, so the file reads as the engineer expects. */
function typed(key: ConfigKey, text: string): string | number | boolean {
  const kind = typeof defaultConfig()[key];
  if (kind === 'number' && /^\s*-?(\d+\.?\d*|\.\d+)(e-?\d+)?\s*$/i.test(text)) return Number(text);
  if (kind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** One key's line for the audit trail: config.json's value (or the default) before → after. */
function describeChange(key: ConfigKey, change: string | null, before: ConfigLayers, after: ConfigLayers): string[] {
  const overriding = OVERRIDING_SOURCES[mergeLayers(after).sourceOf[key]];
  const inForce = overriding ? ` (not in force: ${overriding} sets it)` : '';
  if (isSecretKey(key)) {
    // Never compared: "no change" would tell the trail's readers that a guessed password was right.
    if (change === null) return key in before.file ? [`${key}: removed${inForce}`] : [];
    return keepsSecret(key, change) ? [] : [`${key}: changed${inForce}`];
  }
  if (before.file[key] === after.file[key]) return [];
  const was = shownValue(key, before.file[key] ?? defaultConfig()[key]);
  const becomes = shownValue(key, after.file[key] ?? defaultConfig()[key]);
  return [`${key}: ${was ?? '(not set)'} → ${becomes ?? '(not set)'}${inForce}`];
}
