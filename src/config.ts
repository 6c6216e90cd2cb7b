/**
 * Configuration: the only reader of `process.env`. Every setting is declared once below with its
 * environment variable, its command-line flag, a parser and a default; `loadConfig` reads them all,
 * collects every problem instead of stopping at the first, and returns a frozen object. Secrets have
 * no defaults and are never printed (`describeConfig` masks them).
 */

import type { Lang } from './kernel/i18n.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The validated settings of one process. */
export interface Config {
  /** `sqlite:<path>` or `postgres://…`. */
  readonly db: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** Largest accepted request body, in bytes. */
  readonly bodyLimitBytes: number;
  /** HMAC key that signs exported audit checkpoints; absent means checkpoints are not exported. */
  readonly auditKey: string | undefined;
  /** Seconds between automatic audit checkpoints while serving; 0 turns them off. */
  readonly checkpointIntervalSeconds: number;
  /** Folder outside the database where each automatic checkpoint is also written, signed. */
  readonly checkpointDir: string | undefined;
  /** How long a graceful shutdown waits for in-flight requests, in milliseconds. */
  readonly shutdownTimeoutMs: number;
  /** Whether to honour `X-Forwarded-For` from a reverse proxy. */
  readonly trustProxy: boolean;
  /** Load the demo workspace into a new database when serving. */
  readonly demo: boolean;
  /** Language of command-line output. */
  readonly lang: Lang;
}

/** Values given on the command line; they win over the environment. */
export type ConfigFlags = Partial<Record<keyof Config, string | number | boolean | undefined>>;

/** Raised when one or more settings are invalid; lists every one of them. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration (${problems.length}): ${problems.join('; ')}`);
  }
}

type Parser<T> = (raw: string) => T | { error: string };

interface Setting<K extends keyof Config> {
  readonly key: K;
  readonly env: readonly string[];
  readonly flag?: string;
  readonly secret?: boolean;
  readonly parse: Parser<Config[K]>;
  readonly fallback: Config[K];
}

const integer =
  (min: number, max: number, what: string): Parser<number> =>
  (raw) => {
    const n = Number(raw.trim());
    return raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max
      ? n
      : { error: `must be ${what} (an integer from ${min} to ${max})` };
  };

const boolean: Parser<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return { error: 'must be true or false' };
};

const text: Parser<string> = (raw) => (raw.trim() === '' ? { error: 'must not be empty' } : raw.trim());

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const SETTINGS: readonly Setting<keyof Config>[] = [
  {
    key: 'db',
    env: ['FENGKONG_DB'],
    flag: '--db',
    parse: (raw) =>
      /^sqlite:.+/.test(raw) || /^postgres(ql)?:\/\/.+/.test(raw)
        ? raw
        : { error: 'must be sqlite:<path> or postgres://user@host:port/database' },
    fallback: 'sqlite:./data/fengkong.db',
  },
  { key: 'host', env: ['FENGKONG_HOST'], flag: '--host', parse: text, fallback: '127.0.0.1' },
  {
    key: 'port',
    env: ['PORT', 'FENGKONG_PORT'],
    flag: '--port',
    parse: integer(0, 65535, 'a TCP port'),
    fallback: 8080,
  },
  {
    key: 'logLevel',
    env: ['FENGKONG_LOG_LEVEL'],
    flag: '--log-level',
    parse: (raw) =>
      (LOG_LEVELS as readonly string[]).includes(raw)
        ? (raw as LogLevel)
        : { error: `must be one of ${LOG_LEVELS.join(', ')}` },
    fallback: 'info',
  },
  {
    key: 'bodyLimitBytes',
    env: ['FENGKONG_BODY_LIMIT'],
    parse: integer(1024, 64 * 1024 * 1024, 'a size in bytes'),
    fallback: 1024 * 1024,
  },
  {
    key: 'auditKey',
    env: ['FENGKONG_AUDIT_KEY'],
    secret: true,
    parse: (raw) => (raw.length >= 32 ? raw : { error: 'must be at least 32 characters' }),
    fallback: undefined,
  },
  {
    key: 'checkpointIntervalSeconds',
    env: ['FENGKONG_AUDIT_CHECKPOINT_INTERVAL'],
    parse: integer(0, 7 * 24 * 3600, 'a number of seconds'),
    fallback: 3600,
  },
  { key: 'checkpointDir', env: ['FENGKONG_AUDIT_CHECKPOINT_DIR'], parse: text, fallback: undefined },
  {
    key: 'shutdownTimeoutMs',
    env: ['FENGKONG_SHUTDOWN_TIMEOUT_MS'],
    parse: integer(0, 600_000, 'a number of milliseconds'),
    fallback: 10_000,
  },
  { key: 'trustProxy', env: ['FENGKONG_TRUST_PROXY'], parse: boolean, fallback: false },
  { key: 'demo', env: ['FENGKONG_DEMO'], flag: '--no-demo', parse: boolean, fallback: true },
  {
    key: 'lang',
    env: ['FENGKONG_LANG', 'LC_ALL', 'LANG'],
    parse: (raw) => (raw.toLowerCase().startsWith('zh') ? 'zh' : 'en'),
    fallback: 'en',
  },
];

/**
 * Reads and validates every setting from `env` (normally `process.env`) and `flags` (parsed command
 * line). Throws `ConfigError` naming every invalid setting.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): Config {
  const problems: string[] = [];
  const result: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const flagValue = flags[setting.key];
    let source: string | undefined;
    let raw: string | undefined;
    if (flagValue !== undefined) {
      source = setting.flag ?? setting.key;
      raw = String(flagValue);
    } else {
      for (const name of setting.env) {
        if (env[name] !== undefined) {
          source = name;
          raw = env[name];
          break;
        }
      }
    }
    if (raw === undefined) {
      result[setting.key] = setting.fallback;
      continue;
    }
    const parsed = setting.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && 'error' in parsed) {
      const shown = setting.secret ? '(secret)' : JSON.stringify(raw);
      problems.push(`${source} = ${shown} ${parsed.error}`);
    } else {
      result[setting.key] = parsed;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(result) as unknown as Config;
}

/** The configuration as it may be logged: secrets masked, database password hidden. */
export function describeConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const value = config[setting.key];
    out[setting.key] = setting.secret && value !== undefined ? '***' : value;
  }
  out['db'] = redactDbUrl(config.db);
  return out;
}

/** A database URL with any password replaced by `***`. */
export function redactDbUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
