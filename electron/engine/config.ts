/**
 * Configuration: defaults < config file (DATA_DIR/config.json) < the plant middleware's env file
 * (ENV_FILE) < environment < command-line flags. Keys are the plant middleware's own variable names
 * (../shared/plant/README.md §11), so an engineer can point ENV_FILE at the existing file. A bad
 * value stops start-up with one message naming the key and the rule; nothing starts half-way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { SettingView, TaskName } from '../../shared/domain';
import { ConfigError } from './config-error';
import { readEnvFile, type EnvFileValues } from './settings/env-file';
import { withoutCredentials } from './without-credentials';

export { ConfigError } from './config-error';

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on');
/**
 * A task interval. Below a tenth of a second a task re-runs as fast as the event loop turns (each
 * run a database row and a PLC or Odoo round trip): a typo such as 1e-9 must stop start-up, not
 * become a busy loop. The floor stays below the tests' fast loops against 200× simulators.
 */
export const MIN_INTERVAL_MINUTES = 0.1 / 60;
const interval = z.coerce
  .number()
  .min(MIN_INTERVAL_MINUTES, `must be at least ${MIN_INTERVAL_MINUTES.toPrecision(2)} minutes (0.1 s)`)
  .max(7 * 24 * 60);
const minutes = z.coerce.number().positive('must be a positive number of minutes').max(7 * 24 * 60);
const port = z.coerce.number().int().min(0).max(65535);
const node = z.coerce.number().int().min(1, 'must be a FINS node number 1..254').max(254, 'must be a FINS node number 1..254');
const optionalText = z.string().trim().optional().transform((v) => (v ? v : undefined));

/** Every key the app reads, with its rule. Unknown keys in the config file are refused (typos). */
const rawSchema = z
  .object({
    DATA_DIR: z.string().min(1),
    ENV_FILE: optionalText,
    SMS_STATION: z.string().trim().min(1).max(64),
    SMS_DEMO: bool,
    SMS_SIM_SPEED: z.coerce.number().positive().max(10_000),
    SMS_HOST_BIND: z.string().min(1),
    SMS_HOST_PORT: port,
    SMS_HOST_TOKEN: optionalText,
    SMS_HOST_TOKEN_FILE: optionalText,
    DATABASE_URL: optionalText,
    DATABASE_STATEMENT_TIMEOUT_SEC: z.coerce.number().positive().max(3600),
    LEASE_TTL_SECONDS: z.coerce.number().min(1, 'must be at least 1 second').max(3600),
    ODOO_BASE_URL: optionalText,
    ODOO_URL: optionalText,
    ODOO_DB: z.string(),
    ODOO_USERNAME: z.string(),
    ODOO_PASSWORD: z.string(),
    ODOO_TIMEOUT_SEC: z.coerce.number().positive().max(600),
    ODOO_MAX_REPLY_MB: z.coerce.number().min(2, 'must be at least 2 (a page of 100 MOs is about 0.7 MB)').max(1024, 'must be at most 1024'),
    ODOO_SETTLE_AFTER_SEC: z.coerce.number().positive('must be a positive number of seconds (beyond Odoo\'s limit_time_real, 120 s by default)').max(3600),
    ODOO_MARK_DONE: bool,
    ODOO_RETRY_BASE_SEC: z.coerce.number().positive().max(3600),
    ODOO_RETRY_MAX_MINUTES: z.coerce.number().positive().max(24 * 60),
    ODOO_MAX_REJECTIONS: z.coerce.number().int().min(1).max(100),
    ODOO_CONCURRENCY: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be between 1 and 10 (1 books one MO after another)')
      .max(10, 'must be between 1 and 10 (a wave has at most 10 MOs)'),
    RELEASE_QUEUE_BEFORE_ODOO: bool,
    SYNC_ON_EMPTY_QUEUE: bool,
    ODOO_FINISHED_WEIGHT_KEY: z.string().regex(/^[a-z_]+$/, 'must be a lower-case Odoo field key such as actual_weight_finished_goods'),
    PLC_IP: optionalText,
    PLC_PORT: port.refine((p) => p > 0, 'must be a port 1..65535'),
    PLC_PROTOCOL: z.enum(['udp', 'tcp'], { message: "must be 'udp' or 'tcp'" }),
    PLC_TIMEOUT_SEC: z.coerce.number().min(0.05, 'must be at least 0.05 s').max(60, 'must be at most 60 s'),
    PLC_ATTEMPTS: z.coerce.number().int().min(1).max(10),
    CLIENT_NODE: node,
    PLC_NODE: node,
    ENABLE_AUTO_SYNC: bool,
    ENABLE_TASK_1_AUTO_SYNC: bool,
    ENABLE_TASK_2_PLC_READ: bool,
    ENABLE_TASK_3_PROCESS_COMPLETED: bool,
    ENABLE_TASK_4_HEALTH_MONITOR: bool,
    ENABLE_TASK_5_EQUIPMENT_FAILURE: bool,
    ENABLE_TASK_6_LOG_CLEANUP: bool,
    SYNC_INTERVAL_MINUTES: interval,
    PLC_READ_INTERVAL_MINUTES: interval,
    PROCESS_COMPLETED_INTERVAL_MINUTES: interval,
    HEALTH_MONITOR_INTERVAL_MINUTES: interval,
    EQUIPMENT_FAILURE_INTERVAL_MINUTES: interval,
    LOG_CLEANUP_INTERVAL_MINUTES: interval,
    SYNC_BATCH_LIMIT: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be between 1 and 10 (the PLC has 10 slots)')
      .max(10, 'must be between 1 and 10 (the PLC has 10 slots)'),
    BATCH_STUCK_THRESHOLD_MINUTES: minutes,
    EXPECTED_BATCH_MAX_KG: z.coerce.number().positive(),
    BATCH_WEIGHT_WARN_MARGIN_KG: z.coerce.number().min(0),
    LOG_RETENTION_DAYS: z.coerce.number().int().min(1, 'must be at least 1 day'),
    LOG_CLEANUP_KEEP_LAST: z.coerce.number().int().min(0),
    SMS_MAX_RUN_RECORDS: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1'),
    // The plant's env file writes Python's names (INFO, WARNING).
    LOG_LEVEL: z.preprocess(
      (value) => (typeof value === 'string' ? ({ warning: 'warn', critical: 'error' }[value.toLowerCase()] ?? value.toLowerCase()) : value),
      z.enum(['debug', 'info', 'warn', 'error']),
    ),
    UI_LANGUAGE: z.enum(['id', 'en'], { message: "must be 'id' (Bahasa Indonesia) or 'en' (English)" }),
    SMS_SIGN_OUT_MINUTES: z.coerce.number().min(1, 'must be at least 1 minute').max(24 * 60, 'must be at most 1440 minutes (a day)'),
    SMS_KIOSK: bool,
  })
  .strict();

type RawConfig = z.input<typeof rawSchema>;
export type ConfigKey = keyof RawConfig;
export type ConfigSource = Partial<Record<ConfigKey, string | number | boolean>>;

export const CONFIG_KEYS = Object.keys(rawSchema.shape) as ConfigKey[];

/** The plant's defaults (README §11), except where a comment says why not. */
export function defaultConfig(): Record<ConfigKey, string | number | boolean> {
  return {
    DATA_DIR: join(homedir(), '.smart-mo-sync'),
    ENV_FILE: '',
    SMS_STATION: hostname(),
    SMS_DEMO: false,
    SMS_SIM_SPEED: 10,
    SMS_HOST_BIND: '127.0.0.1',
    SMS_HOST_PORT: 4780,
    SMS_HOST_TOKEN: '',
    SMS_HOST_TOKEN_FILE: '',
    DATABASE_URL: '',
    DATABASE_STATEMENT_TIMEOUT_SEC: 10,
    LEASE_TTL_SECONDS: 30,
    ODOO_BASE_URL: '',
    ODOO_URL: '',
    ODOO_DB: '',
    ODOO_USERNAME: '',
    ODOO_PASSWORD: '',
    ODOO_TIMEOUT_SEC: 30,
    ODOO_MAX_REPLY_MB: 16,
    // Beyond Odoo 14's limit_time_real (120 s): by then a call whose reply was lost can no longer be running.
    ODOO_SETTLE_AFTER_SEC: 150,
    ODOO_MARK_DONE: false,
    ODOO_FINISHED_WEIGHT_KEY: 'actual_weight_finished_goods',
    ODOO_RETRY_BASE_SEC: 30,
    ODOO_RETRY_MAX_MINUTES: 30,
    ODOO_MAX_REJECTIONS: 3,
    ODOO_CONCURRENCY: 4,
    RELEASE_QUEUE_BEFORE_ODOO: false,
    SYNC_ON_EMPTY_QUEUE: true,
    PLC_IP: '',
    PLC_PORT: 9600,
    PLC_PROTOCOL: 'udp',
    PLC_TIMEOUT_SEC: 2,
    PLC_ATTEMPTS: 3,
    CLIENT_NODE: 1,
    PLC_NODE: 2,
    ENABLE_AUTO_SYNC: false,
    ENABLE_TASK_1_AUTO_SYNC: true,
    ENABLE_TASK_2_PLC_READ: true,
    ENABLE_TASK_3_PROCESS_COMPLETED: true,
    ENABLE_TASK_4_HEALTH_MONITOR: true,
    ENABLE_TASK_5_EQUIPMENT_FAILURE: true,
    ENABLE_TASK_6_LOG_CLEANUP: true,
    SYNC_INTERVAL_MINUTES: 60,
    PLC_READ_INTERVAL_MINUTES: 5,
    PROCESS_COMPLETED_INTERVAL_MINUTES: 3,
    HEALTH_MONITOR_INTERVAL_MINUTES: 10,
    EQUIPMENT_FAILURE_INTERVAL_MINUTES: 5,
    LOG_CLEANUP_INTERVAL_MINUTES: 1440,
    SYNC_BATCH_LIMIT: 10,
    BATCH_STUCK_THRESHOLD_MINUTES: 15,
    EXPECTED_BATCH_MAX_KG: 1000,
    BATCH_WEIGHT_WARN_MARGIN_KG: 50,
    LOG_RETENTION_DAYS: 30,
    LOG_CLEANUP_KEEP_LAST: 1000,
    // About 4 months of the plant's hourly syncs and 5-minute reads; the demo's timers reach it in days, not in the 30-day retention.
    SMS_MAX_RUN_RECORDS: 200_000,
    LOG_LEVEL: 'info',
    // The plant's operators speak Bahasa Indonesia; each one may switch the console to English.
    UI_LANGUAGE: 'id',
    // A station left signed in is anyone's: a short pause at the screen must not sign out, a shift change must.
    SMS_SIGN_OUT_MINUTES: 15,
    SMS_KIOSK: false,
  };
}

/**
 * The embedded demo runs the loop where a person can watch it: the simulated
 * plant doses a wave in minutes, so the plant's hourly timers would leave the
 * console idle. Applied under the file, environment and flags.
 */
const DEMO_DEFAULTS: ConfigSource = {
  ENABLE_AUTO_SYNC: true,
  SYNC_INTERVAL_MINUTES: 0.5,
  PLC_READ_INTERVAL_MINUTES: 0.05,
  PROCESS_COMPLETED_INTERVAL_MINUTES: 0.1,
  HEALTH_MONITOR_INTERVAL_MINUTES: 0.5,
  EQUIPMENT_FAILURE_INTERVAL_MINUTES: 0.5,
  ODOO_DB: 'plant',
  ODOO_USERNAME: 'admin',
  ODOO_PASSWORD: 'admin',
  ODOO_RETRY_BASE_SEC: 5,
};

export const TASK_KEYS: Record<TaskName, { enabled: ConfigKey; interval: ConfigKey }> = {
  'mo-sync': { enabled: 'ENABLE_TASK_1_AUTO_SYNC', interval: 'SYNC_INTERVAL_MINUTES' },
  'plc-read': { enabled: 'ENABLE_TASK_2_PLC_READ', interval: 'PLC_READ_INTERVAL_MINUTES' },
  complete: { enabled: 'ENABLE_TASK_3_PROCESS_COMPLETED', interval: 'PROCESS_COMPLETED_INTERVAL_MINUTES' },
  health: { enabled: 'ENABLE_TASK_4_HEALTH_MONITOR', interval: 'HEALTH_MONITOR_INTERVAL_MINUTES' },
  'equipment-failure': { enabled: 'ENABLE_TASK_5_EQUIPMENT_FAILURE', interval: 'EQUIPMENT_FAILURE_INTERVAL_MINUTES' },
  'log-cleanup': { enabled: 'ENABLE_TASK_6_LOG_CLEANUP', interval: 'LOG_CLEANUP_INTERVAL_MINUTES' },
};

export interface EngineConfig {
  dataDir: string;
  station: string;
  /** Nothing points at a real plant (or --demo): the simulators start and the engine uses them. */
  demo: boolean;
  simSpeed: number;
  host: { bind: string; port: number; token: string | undefined };
  /** PostgreSQL authority (plant mode); standalone SQLite when undefined. */
  databaseUrl: string | undefined;
  databaseStatementTimeoutMs: number;
  /** A driving station that stops heartbeating loses the PLC to another after this long. */
  leaseTtlMs: number;
  odoo: {
    baseUrl: string;
    db: string;
    username: string;
    password: string;
    timeoutMs: number;
    /** A larger reply fails the call unread, rather than being held in memory whole. */
    maxReplyBytes: number;
    /** A push whose reply never came is read back (mo-detail) only this long after it was sent. */
    settleAfterMs: number;
    markDone: boolean;
    finishedWeightKey: string;
    retry: { baseMs: number; maxMs: number; maxRejections: number };
    /** Outbox deliveries of different MOs in flight at once; one MO's are always in order. */
    concurrency: number;
  };
  plc: {
    host: string;
    port: number;
    protocol: 'udp' | 'tcp';
    timeoutMs: number;
    attempts: number;
    clientNode: number;
    plcNode: number;
  };
  autoSync: boolean;
  /** Run Task 1 as soon as the last batch leaves the queue, instead of waiting for the next interval. */
  syncOnEmptyQueue: boolean;
  /** Store-and-forward: a finished batch leaves the queue once its consumption is in the outbox (see complete-task.ts). */
  releaseQueueBeforeOdoo: boolean;
  tasks: Record<TaskName, { enabled: boolean; intervalMs: number }>;
  syncBatchLimit: number;
  batchStuckThresholdMs: number;
  expectedBatchMaxKg: number;
  batchWeightWarnMarginKg: number;
  logRetentionDays: number;
  logCleanupKeepLast: number;
  /** Finished run records kept at most, whatever their age (the oldest go first). */
  maxRunRecords: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The console's default language. */
  uiLanguage: 'id' | 'en';
  /** A signed-in person is signed out after this many minutes without an action. */
  signOutMinutes: number;
  /** The desktop window fills the screen without window controls (a station dedicated to the console). */
  kiosk: boolean;
}

export interface ConfigInputs {
  env?: NodeJS.ProcessEnv;
  /** Values from command-line flags (see flagsToConfig). */
  flags?: ConfigSource;
  /** Overrides the file read from DATA_DIR/config.json (tests). */
  file?: ConfigSource;
}

export function loadConfig(inputs: ConfigInputs = {}): EngineConfig {
  return configFromLayers(readConfigLayers(inputs));
}

export type ConfigLayerName = SettingView['source'];

/** Every source of one configuration as read, before merging; the settings editor shows and rewrites them. */
export interface ConfigLayers {
  dataDir: string;
  /** DATA_DIR/config.json, the file the settings editor writes. */
  configFile: string;
  file: ConfigSource;
  envFile: EnvFileValues | null;
  env: ConfigSource;
  flags: ConfigSource;
}

export function readConfigLayers(inputs: ConfigInputs = {}): ConfigLayers {
  const env = pickKnown(inputs.env ?? process.env);
  const flags = inputs.flags ?? {};
  // Where the configuration lives comes from the layers above the config file, never from it.
  const envFilePath = flags.ENV_FILE ?? env.ENV_FILE;
  const envFile = envFilePath === undefined ? null : readEnvFile(resolve(String(envFilePath)), CONFIG_KEYS);
  const dataDir = resolve(String(flags.DATA_DIR ?? env.DATA_DIR ?? envFile?.values.DATA_DIR ?? defaultConfig().DATA_DIR));
  const configFile = join(dataDir, 'config.json');
  return { dataDir, configFile, file: inputs.file ?? readConfigFile(configFile), envFile, env, flags };
}

/** The one rule book of start-up and of the settings editor: merges the layers and validates the result. */
export function configFromLayers(layers: ConfigLayers): EngineConfig {
  const { merged, sourceOf } = mergeLayers(layers);
  const parsed = rawSchema.safeParse(merged);
  if (!parsed.success) {
    const fileOf = (key: string) => (sourceOf[key as ConfigKey] === 'env-file' ? layers.envFile?.path : undefined);
    throw new ConfigError(describeIssues(parsed.error, merged, fileOf));
  }
  return toEngineConfig(parsed.data);
}

/** Each key's value before validation, and the layer it comes from (the highest that sets it). */
export function mergeLayers(layers: ConfigLayers): { merged: Record<ConfigKey, unknown>; sourceOf: Record<ConfigKey, ConfigLayerName> } {
  const ordered: [ConfigLayerName, ConfigSource][] = [
    ['config-file', layers.file],
    ['env-file', layers.envFile?.values ?? {}],
    ['environment', layers.env],
    ['flag', layers.flags],
  ];
  const sourceOf = Object.fromEntries(CONFIG_KEYS.map((key) => [key, 'default'])) as Record<ConfigKey, ConfigLayerName>;
  for (const [name, source] of ordered) for (const key of Object.keys(source)) sourceOf[key as ConfigKey] = name;
  const configured: ConfigSource = Object.assign({}, ...ordered.map(([, source]) => source));
  const demo = parseBool(configured.SMS_DEMO) || (!nonEmpty(configured.ODOO_BASE_URL) && !nonEmpty(configured.ODOO_URL) && !nonEmpty(configured.PLC_IP));
  const merged = { ...defaultConfig(), ...(demo ? DEMO_DEFAULTS : {}), ...configured, DATA_DIR: layers.dataDir, SMS_DEMO: demo };
  return { merged, sourceOf };
}

function toEngineConfig(raw: z.output<typeof rawSchema>): EngineConfig {
  // Pitfall P18: the old middleware used ODOO_URL only for cancel; this app has one base URL.
  const odooUrl = (text: string | undefined) => trimSlash(withoutCredentials(text ?? ''));
  if (raw.ODOO_BASE_URL && raw.ODOO_URL && odooUrl(raw.ODOO_BASE_URL) !== odooUrl(raw.ODOO_URL)) {
    throw new ConfigError(
      `ODOO_URL (${odooUrl(raw.ODOO_URL)}) and ODOO_BASE_URL (${odooUrl(raw.ODOO_BASE_URL)}) differ: this app talks to one Odoo; set only ODOO_BASE_URL`,
    );
  }
  // Credentials in the URL are never used (Odoo logs in with ODOO_USERNAME/PASSWORD) and must never be shown.
  const baseUrl = odooUrl(raw.ODOO_BASE_URL ?? raw.ODOO_URL);
  if (!raw.SMS_DEMO) {
    requireKey(baseUrl, 'ODOO_BASE_URL', 'is required outside the demo (the Odoo server, e.g. https://odoo.plant.local)');
    requireKey(raw.PLC_IP, 'PLC_IP', 'is required outside the demo (the PLC address, e.g. 192.168.1.2)');
    requireKey(raw.ODOO_DB, 'ODOO_DB', 'is required outside the demo');
    requireKey(raw.ODOO_USERNAME, 'ODOO_USERNAME', 'is required outside the demo');
  }
  if (baseUrl && !/^https?:\/\/[^\s/]+/.test(baseUrl)) {
    throw new ConfigError(`ODOO_BASE_URL: must be an http(s) URL such as https://odoo.plant.local (got "${baseUrl}")`);
  }
  if (raw.SMS_MAX_RUN_RECORDS < raw.LOG_CLEANUP_KEEP_LAST) {
    throw new ConfigError(`SMS_MAX_RUN_RECORDS=${raw.SMS_MAX_RUN_RECORDS}: must be at least LOG_CLEANUP_KEEP_LAST (${raw.LOG_CLEANUP_KEEP_LAST}), the runs always kept`);
  }
  if (raw.DATABASE_URL && !/^postgres(ql)?:\/\//.test(raw.DATABASE_URL)) {
    throw new ConfigError('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  }
  const tasks = Object.fromEntries(
    Object.entries(TASK_KEYS).map(([task, keys]) => [
      task,
      { enabled: Boolean(raw[keys.enabled]), intervalMs: Math.round(Number(raw[keys.interval]) * 60_000) },
    ]),
  ) as EngineConfig['tasks'];
  return {
    dataDir: raw.DATA_DIR,
    station: raw.SMS_STATION,
    demo: raw.SMS_DEMO,
    simSpeed: raw.SMS_SIM_SPEED,
    host: { bind: raw.SMS_HOST_BIND, port: raw.SMS_HOST_PORT, token: hostToken(raw.SMS_HOST_TOKEN, raw.SMS_HOST_TOKEN_FILE) },
    databaseUrl: raw.DATABASE_URL,
    databaseStatementTimeoutMs: Math.round(raw.DATABASE_STATEMENT_TIMEOUT_SEC * 1000),
    leaseTtlMs: Math.round(raw.LEASE_TTL_SECONDS * 1000),
    odoo: {
      baseUrl,
      db: raw.ODOO_DB,
      username: raw.ODOO_USERNAME,
      password: raw.ODOO_PASSWORD,
      timeoutMs: Math.round(raw.ODOO_TIMEOUT_SEC * 1000),
      maxReplyBytes: Math.round(raw.ODOO_MAX_REPLY_MB * 1024 * 1024),
      settleAfterMs: Math.round(raw.ODOO_SETTLE_AFTER_SEC * 1000),
      markDone: raw.ODOO_MARK_DONE,
      finishedWeightKey: raw.ODOO_FINISHED_WEIGHT_KEY,
      retry: {
        baseMs: Math.round(raw.ODOO_RETRY_BASE_SEC * 1000),
        maxMs: Math.round(raw.ODOO_RETRY_MAX_MINUTES * 60_000),
        maxRejections: raw.ODOO_MAX_REJECTIONS,
      },
      concurrency: raw.ODOO_CONCURRENCY,
    },
    plc: {
      host: raw.PLC_IP ?? '127.0.0.1',
      port: raw.PLC_PORT,
      protocol: raw.PLC_PROTOCOL,
      timeoutMs: Math.round(raw.PLC_TIMEOUT_SEC * 1000),
      attempts: raw.PLC_ATTEMPTS,
      clientNode: raw.CLIENT_NODE,
      plcNode: raw.PLC_NODE,
    },
    autoSync: raw.ENABLE_AUTO_SYNC,
    syncOnEmptyQueue: raw.SYNC_ON_EMPTY_QUEUE,
    releaseQueueBeforeOdoo: raw.RELEASE_QUEUE_BEFORE_ODOO,
    tasks,
    syncBatchLimit: raw.SYNC_BATCH_LIMIT,
    batchStuckThresholdMs: Math.round(raw.BATCH_STUCK_THRESHOLD_MINUTES * 60_000),
    expectedBatchMaxKg: raw.EXPECTED_BATCH_MAX_KG,
    batchWeightWarnMarginKg: raw.BATCH_WEIGHT_WARN_MARGIN_KG,
    logRetentionDays: raw.LOG_RETENTION_DAYS,
    logCleanupKeepLast: raw.LOG_CLEANUP_KEEP_LAST,
    maxRunRecords: raw.SMS_MAX_RUN_RECORDS,
    logLevel: raw.LOG_LEVEL,
    uiLanguage: raw.UI_LANGUAGE,
    signOutMinutes: raw.SMS_SIGN_OUT_MINUTES,
    kiosk: raw.SMS_KIOSK,
  };
}

/**
 * The headless host's token: `--token`/SMS_HOST_TOKEN, or read from a file (`--token-file`/
 * SMS_HOST_TOKEN_FILE) so that it does not show in the process list. One source, not two.
 */
function hostToken(token: string | undefined, file: string | undefined): string | undefined {
  if (file === undefined) return token;
  if (token !== undefined) throw new ConfigError('SMS_HOST_TOKEN and SMS_HOST_TOKEN_FILE are both set: give the token one way (the file keeps it out of the process list)');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`SMS_HOST_TOKEN_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const fromFile = text.trim();
  if (fromFile === '') throw new ConfigError(`SMS_HOST_TOKEN_FILE: ${file} is empty`);
  return fromFile;
}

function readConfigFile(path: string): ConfigSource {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${path}: must be a JSON object of KEY: value pairs, e.g. {"PLC_IP": "192.168.1.2"}`);
  }
  const unknown = Object.keys(parsed).filter((k) => !(CONFIG_KEYS as string[]).includes(k));
  if (unknown.length) throw new ConfigError(`${path}: unknown key ${unknown.join(', ')} (known keys: see README "Configuration")`);
  if ('ENV_FILE' in parsed) throw new ConfigError(`${path}: ENV_FILE is read from the environment or --env-file, not from config.json`);
  return parsed as ConfigSource;
}

function pickKnown(env: NodeJS.ProcessEnv): ConfigSource {
  const picked: ConfigSource = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  return picked;
}

/** `fileOf`: the file a key's value was read from, named first so the engineer knows where to fix it. */
function describeIssues(error: z.ZodError, merged: Record<string, unknown>, fileOf: (key: string) => string | undefined): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid configuration';
  const key = String(issue.path[0] ?? '');
  if (issue.code === 'unrecognized_keys') return `unknown configuration key ${issue.keys.join(', ')}`;
  const value = merged[key];
  const shown = /PASSWORD|TOKEN|DATABASE_URL/.test(key) ? '(hidden)' : JSON.stringify(typeof value === 'string' ? withoutCredentials(value) : value);
  const file = fileOf(key);
  return `${file ? `${file}: ` : ''}${key}=${shown}: ${issue.message}`;
}

function requireKey(value: string | undefined, key: string, rule: string): void {
  if (!value) throw new ConfigError(`${key} ${rule}`);
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
const nonEmpty = (value: unknown): boolean => value !== undefined && value !== null && String(value).trim() !== '';
const parseBool = (value: unknown): boolean => bool.safeParse(value).success && bool.parse(value);
