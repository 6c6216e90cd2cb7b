/**
 * Configuration: the only reader of `process.env`. Every setting is declared once below with its
 * environment variable, its command-line flag, a parser and a default; `loadConfig` reads them all,
 * collects every problem instead of stopping at the first, and returns a frozen object. Secrets have
 * no defaults and are never printed (`describeConfig` masks them).
 */

import { isIP } from 'node:net';
import type { Lang } from './kernel/i18n.js';
import { parseAllowedHosts, parseSmtpUrl } from './modules/warning/notify/index.js';

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
  /** Minutes without a request after which a session ends (sliding). */
  readonly sessionIdleMinutes: number;
  /** Minutes after login at which a session ends however active it is. */
  readonly sessionAbsoluteMinutes: number;
  /** Consecutive failed logins (password or code) that lock an account. */
  readonly loginLockoutThreshold: number;
  /** Minutes an account stays locked. */
  readonly loginLockoutMinutes: number;
  /** Login attempts (password and code steps) one IP address may make per minute. */
  readonly loginRateLimitPerMinute: number;
  /** Days after which a password must be changed; 0 (the default) turns rotation off. */
  readonly passwordMaxAgeDays: number;
  /** Mark the session cookie `Secure` (set it when serving over HTTPS, directly or behind a proxy). */
  readonly cookieSecure: boolean;
  /**
   * Key that encrypts TOTP secrets at rest (AES-256-GCM, via HKDF). Absent: an SQLite installation
   * keeps a generated key file beside its database; a PostgreSQL one refuses MFA until it is set.
   */
  readonly secretKey: string | undefined;
  /**
   * Hosts alert webhooks may be sent to (comma-separated: `hooks.example.com`, `*.example.com`, an IP
   * literal); empty allows none. Private addresses are reachable only when listed as IP literals.
   */
  readonly webhookAllowedHosts: string;
  /** SMTP server of alert e-mail, `smtp://user:pass@host:587` or `smtps://…`; absent: no e-mail. */
  readonly smtpUrl: string | undefined;
  /** Sender address of alert e-mail. */
  readonly smtpFrom: string | undefined;
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

/** Parses one raw value; `source` is the variable or flag it came from. */
type Parser<T> = (raw: string, source: string) => T | { error: string };

interface Setting<K extends keyof Config> {
  readonly key: K;
  readonly env: readonly string[];
  readonly flag?: string;
  readonly secret?: boolean;
  /** How an invalid value is shown in the error; secrets are never shown. */
  readonly show?: (raw: string) => string;
  /** An empty variable counts as unset (POSIX locale variables: an empty LC_ALL defers to LANG). */
  readonly emptyIsUnset?: boolean;
  readonly parse: Parser<Config[K]>;
  readonly fallback: Config[K];
}

// Plain decimal digits only: Number() would also take '0x1F90', '1e3' or '8080.0'.
const integer =
  (min: number, max: number, what: string): Parser<number> =>
  (raw) => {
    const n = Number(raw.trim());
    return /^[0-9]+$/.test(raw.trim()) && Number.isSafeInteger(n) && n >= min && n <= max
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

// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens.
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const host: Parser<string> = (raw) => {
  const v = raw.trim();
  return isIP(v) !== 0 || HOST_NAME.test(v)
    ? v
    : { error: 'must be an IP address or a host name, e.g. 127.0.0.1, 0.0.0.0 or ::' };
};

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const SETTINGS: readonly Setting<keyof Config>[] = [
  {
    key: 'db',
    env: ['FENGKONG_DB'],
    flag: '--db',
    show: (raw) => redactDbUrl(raw),
    parse: (raw) =>
      /^sqlite:.+/.test(raw) || /^postgres(ql)?:\/\/.+/.test(raw)
        ? raw
        : { error: 'must be sqlite:<path> or postgres://user@host:port/database' },
    fallback: 'sqlite:./data/fengkong.db',
  },
  { key: 'host', env: ['FENGKONG_HOST'], flag: '--host', parse: host, fallback: '127.0.0.1' },
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
    parse: (raw) => {
      const level = raw.trim().toLowerCase();
      return (LOG_LEVELS as readonly string[]).includes(level)
        ? (level as LogLevel)
        : { error: `must be one of ${LOG_LEVELS.join(', ')}` };
    },
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
    emptyIsUnset: true,
    // FENGKONG_LANG is Fengkong's own setting and must name a language it speaks; LC_ALL and LANG
    // are the system locale (zh_CN.UTF-8, C, POSIX…), where anything but Chinese means English.
    parse: (raw, source) => {
      const v = raw.trim().toLowerCase();
      if (source === 'FENGKONG_LANG' && !/^(en|zh)([-_].*)?$/.test(v)) return { error: 'must be en or zh' };
      return v.startsWith('zh') ? 'zh' : 'en';
    },
    fallback: 'en',
  },
  {
    key: 'sessionIdleMinutes',
    env: ['FENGKONG_SESSION_IDLE_MINUTES'],
    parse: integer(1, 24 * 60, 'a number of minutes'),
    fallback: 15,
  },
  {
    key: 'sessionAbsoluteMinutes',
    env: ['FENGKONG_SESSION_ABSOLUTE_MINUTES'],
    parse: integer(5, 7 * 24 * 60, 'a number of minutes'),
    fallback: 12 * 60,
  },
  {
    key: 'loginLockoutThreshold',
    env: ['FENGKONG_LOGIN_LOCKOUT_THRESHOLD'],
    parse: integer(3, 100, 'a number of failures'),
    fallback: 10,
  },
  {
    key: 'loginLockoutMinutes',
    env: ['FENGKONG_LOGIN_LOCKOUT_MINUTES'],
    parse: integer(1, 24 * 60, 'a number of minutes'),
    fallback: 30,
  },
  {
    key: 'loginRateLimitPerMinute',
    env: ['FENGKONG_LOGIN_RATE_LIMIT'],
    parse: integer(1, 10_000, 'a number of attempts per minute'),
    fallback: 30,
  },
  {
    key: 'passwordMaxAgeDays',
    env: ['FENGKONG_PASSWORD_MAX_AGE_DAYS'],
    parse: integer(0, 3650, 'a number of days (0 = never)'),
    fallback: 0,
  },
  { key: 'cookieSecure', env: ['FENGKONG_COOKIE_SECURE'], parse: boolean, fallback: false },
  {
    key: 'secretKey',
    env: ['FENGKONG_SECRET_KEY'],
    secret: true,
    parse: (raw) => (raw.length >= 32 ? raw : { error: 'must be at least 32 characters' }),
    fallback: undefined,
  },
  {
    key: 'webhookAllowedHosts',
    env: ['FENGKONG_WEBHOOK_ALLOWED_HOSTS'],
    parse: (raw) => raw.trim(),
    fallback: '',
  },
  {
    key: 'smtpUrl',
    env: ['FENGKONG_SMTP_URL'],
    secret: true,
    parse: (raw) =>
      /^smtps?:\/\/.+/.test(raw.trim())
        ? raw.trim()
        : { error: 'must be smtp://host:port or smtps://host:port' },
    fallback: undefined,
  },
  { key: 'smtpFrom', env: ['FENGKONG_SMTP_FROM'], parse: text, fallback: undefined },
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
        if (env[name] !== undefined && !(setting.emptyIsUnset && env[name] === '')) {
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
    const parsed = setting.parse(raw, source ?? setting.key);
    if (parsed !== null && typeof parsed === 'object' && 'error' in parsed) {
      const shown = setting.secret ? '(secret)' : JSON.stringify(setting.show ? setting.show(raw) : raw);
      problems.push(`${source} = ${shown} ${parsed.error}`);
    } else {
      result[setting.key] = parsed;
    }
  }
  if (
    typeof result['sessionIdleMinutes'] === 'number' &&
    typeof result['sessionAbsoluteMinutes'] === 'number' &&
    result['sessionAbsoluteMinutes'] < result['sessionIdleMinutes']
  ) {
    problems.push('FENGKONG_SESSION_ABSOLUTE_MINUTES must not be shorter than FENGKONG_SESSION_IDLE_MINUTES');
  }
  const hosts = parseAllowedHosts(String(result['webhookAllowedHosts'] ?? ''));
  if ('error' in hosts) problems.push(`FENGKONG_WEBHOOK_ALLOWED_HOSTS ${hosts.error}`);
  if (typeof result['smtpUrl'] === 'string') {
    if (typeof result['smtpFrom'] !== 'string')
      problems.push('FENGKONG_SMTP_FROM is required with FENGKONG_SMTP_URL');
    else {
      const smtp = parseSmtpUrl(result['smtpUrl'], result['smtpFrom']);
      if ('error' in smtp) problems.push(smtp.error);
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

/**
 * A database URL with any password replaced by `***`: the user-info password (up to the last `@`
 * before the query, so a `p@ss` or `p/ss` typed without percent-encoding is hidden whole) and a
 * `password=` query parameter, which libpq also accepts.
 */
export function redactDbUrl(url: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0];
  if (scheme === undefined) return url;
  const rest = url.slice(scheme.length);
  const end = rest.search(/[?#]/);
  const at = rest.lastIndexOf('@', end < 0 ? rest.length : end);
  const colon = rest.indexOf(':');
  const masked = at > 0 && colon >= 0 && colon < at ? `${rest.slice(0, colon)}:***${rest.slice(at)}` : rest;
  return `${scheme}${masked}`.replace(/([?&]password=)[^&#]*/gi, '$1***');
}
