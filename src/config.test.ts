import { describe, expect, it } from 'vitest';
import { type Config, ConfigError, describeConfig, loadConfig, redactDbUrl } from './config.js';

/** The ConfigError `loadConfig` throws for `env` and `flags` (fails the test when it does not throw). */
function configError(env: NodeJS.ProcessEnv, flags: Parameters<typeof loadConfig>[1] = {}): ConfigError {
  try {
    loadConfig(env, flags);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)} ${JSON.stringify(flags)}`);
}

const KEY = 'k'.repeat(32);

describe('loadConfig', () => {
  // toMatchObject: modules add their own settings to the same table as they land.
  it('has working defaults: embedded SQLite, 127.0.0.1:8080, 1 MiB bodies, demo on, no audit key', () => {
    expect(loadConfig({})).toMatchObject({
      db: 'sqlite:./data/fengkong.db',
      host: '127.0.0.1',
      port: 8080,
      logLevel: 'info',
      bodyLimitBytes: 1024 * 1024,
      auditKey: undefined,
      checkpointIntervalSeconds: 3600,
      checkpointDir: undefined,
      shutdownTimeoutMs: 10_000,
      trustProxy: false,
      demo: true,
      lang: 'en',
    } satisfies Partial<Config>);
  });

  it('reads every setting from its environment variable', () => {
    const config = loadConfig({
      FENGKONG_DB: 'postgres://fk@db.internal:5432/fengkong',
      FENGKONG_HOST: '0.0.0.0',
      PORT: '9000',
      FENGKONG_LOG_LEVEL: 'WARN',
      FENGKONG_BODY_LIMIT: '2048',
      FENGKONG_AUDIT_KEY: KEY,
      FENGKONG_AUDIT_CHECKPOINT_INTERVAL: '0',
      FENGKONG_AUDIT_CHECKPOINT_DIR: '/var/lib/fengkong/checkpoints',
      FENGKONG_SHUTDOWN_TIMEOUT_MS: '2500',
      FENGKONG_TRUST_PROXY: 'yes',
      FENGKONG_DEMO: 'off',
      FENGKONG_LANG: 'zh-CN',
    });
    expect(config).toMatchObject({
      db: 'postgres://fk@db.internal:5432/fengkong',
      host: '0.0.0.0',
      port: 9000,
      logLevel: 'warn',
      bodyLimitBytes: 2048,
      auditKey: KEY,
      checkpointIntervalSeconds: 0,
      checkpointDir: '/var/lib/fengkong/checkpoints',
      shutdownTimeoutMs: 2500,
      trustProxy: true,
      demo: false,
      lang: 'zh',
    });
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('lets command-line flags win over the environment', () => {
    const config = loadConfig(
      { FENGKONG_DB: 'sqlite:/env.db', PORT: '1111', FENGKONG_HOST: '10.0.0.1', FENGKONG_DEMO: 'true' },
      { db: 'sqlite:/flag.db', port: '2222', host: '::1', demo: false },
    );
    expect(config).toMatchObject({ db: 'sqlite:/flag.db', port: 2222, host: '::1', demo: false });
  });

  it('names the flag, not the variable, when a flag value is invalid', () => {
    const error = configError({ PORT: '8080' }, { port: 'eighty' });
    expect(error.problems).toEqual([expect.stringMatching(/^--port = "eighty" must be a TCP port/)]);
  });

  it('prefers PORT over FENGKONG_PORT, as platforms that inject PORT expect', () => {
    expect(loadConfig({ PORT: '3000', FENGKONG_PORT: '4000' }).port).toBe(3000);
    expect(loadConfig({ FENGKONG_PORT: '4000' }).port).toBe(4000);
  });

  describe('refuses each invalid setting, naming its variable', () => {
    it.each([
      ['FENGKONG_DB', 'mysql://root@localhost/fk', /must be sqlite:<path> or postgres:/],
      ['FENGKONG_DB', 'sqlite:', /must be sqlite:<path>/],
      ['FENGKONG_DB', './data/fengkong.db', /must be sqlite:<path>/],
      ['FENGKONG_HOST', '', /must be an IP address or a host name/],
      ['FENGKONG_HOST', 'exa mple.com', /must be an IP address or a host name/],
      ['FENGKONG_HOST', 'http://127.0.0.1', /must be an IP address or a host name/],
      ['PORT', 'abc', /must be a TCP port \(an integer from 0 to 65535\)/],
      ['PORT', '65536', /must be a TCP port/],
      ['PORT', '-1', /must be a TCP port/],
      ['PORT', '80.5', /must be a TCP port/],
      ['PORT', '0x1F90', /must be a TCP port/],
      ['PORT', '8e3', /must be a TCP port/],
      ['PORT', '', /must be a TCP port/],
      ['FENGKONG_PORT', 'x', /must be a TCP port/],
      ['FENGKONG_LOG_LEVEL', 'verbose', /must be one of fatal, error, warn, info, debug, trace, silent/],
      ['FENGKONG_BODY_LIMIT', '1', /must be a size in bytes \(an integer from 1024 to 67108864\)/],
      ['FENGKONG_BODY_LIMIT', '1mb', /must be a size in bytes/],
      ['FENGKONG_BODY_LIMIT', String(64 * 1024 * 1024 + 1), /must be a size in bytes/],
      ['FENGKONG_AUDIT_CHECKPOINT_INTERVAL', '-5', /must be a number of seconds/],
      ['FENGKONG_AUDIT_CHECKPOINT_INTERVAL', String(7 * 24 * 3600 + 1), /must be a number of seconds/],
      ['FENGKONG_AUDIT_CHECKPOINT_DIR', '   ', /must not be empty/],
      ['FENGKONG_SHUTDOWN_TIMEOUT_MS', '600001', /must be a number of milliseconds/],
      ['FENGKONG_SHUTDOWN_TIMEOUT_MS', 'soon', /must be a number of milliseconds/],
      ['FENGKONG_TRUST_PROXY', 'maybe', /must be true or false/],
      ['FENGKONG_DEMO', '2', /must be true or false/],
      ['FENGKONG_LANG', 'fr', /must be en or zh/],
    ])('%s = %j', (variable, value, message) => {
      const error = configError({ [variable]: value });
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(new RegExp(`^${variable} = `));
      expect(error.problems[0]).toMatch(message);
      expect(error.message).toContain(variable);
    });
  });

  it('accepts the boundary values of every range', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
    expect(loadConfig({ PORT: ' 8081 ' }).port).toBe(8081);
    expect(loadConfig({ FENGKONG_BODY_LIMIT: '1024' }).bodyLimitBytes).toBe(1024);
    expect(loadConfig({ FENGKONG_BODY_LIMIT: String(64 * 1024 * 1024) }).bodyLimitBytes).toBe(
      64 * 1024 * 1024,
    );
    expect(loadConfig({ FENGKONG_AUDIT_KEY: 'x'.repeat(32) }).auditKey).toHaveLength(32);
    expect(loadConfig({ FENGKONG_DB: 'postgresql://u@h/d' }).db).toBe('postgresql://u@h/d');
    expect(loadConfig({ FENGKONG_DB: 'sqlite::memory:' }).db).toBe('sqlite::memory:');
    for (const host of ['::', '::1', '0.0.0.0', 'localhost', 'fengkong-1.internal.example.com']) {
      expect(loadConfig({ FENGKONG_HOST: host }).host).toBe(host);
    }
    for (const [raw, value] of [
      ['1', true],
      ['TRUE', true],
      ['on', true],
      ['0', false],
      ['No', false],
      ['off', false],
    ] as const) {
      expect(loadConfig({ FENGKONG_TRUST_PROXY: raw }).trustProxy).toBe(value);
    }
  });

  it('reports every invalid setting at once in one ConfigError', () => {
    const error = configError({
      PORT: 'abc',
      FENGKONG_BODY_LIMIT: '1',
      FENGKONG_DB: 'mysql://x',
      FENGKONG_LOG_LEVEL: 'loud',
      FENGKONG_TRUST_PROXY: 'perhaps',
      FENGKONG_AUDIT_KEY: 'short',
      FENGKONG_HOST: 'bad host',
    });
    expect(error.problems).toHaveLength(7);
    for (const variable of [
      'PORT',
      'FENGKONG_BODY_LIMIT',
      'FENGKONG_DB',
      'FENGKONG_LOG_LEVEL',
      'FENGKONG_TRUST_PROXY',
      'FENGKONG_AUDIT_KEY',
      'FENGKONG_HOST',
    ]) {
      expect(error.message).toContain(variable);
    }
    expect(error.message).toMatch(/^invalid configuration \(7\): /);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes a secret: a short FENGKONG_AUDIT_KEY is named but its value is not shown', () => {
    const secret = 'hunter2-but-too-short';
    const error = configError({ FENGKONG_AUDIT_KEY: secret });
    expect(error.message).toContain('FENGKONG_AUDIT_KEY');
    expect(error.message).toContain('at least 32 characters');
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('hunter2');
  });

  it('hides the password of an invalid database URL in the error', () => {
    const error = configError({ FENGKONG_DB: 'postgress://admin:s3cr3t-pw@db:5432/fk' });
    expect(error.message).toContain('FENGKONG_DB');
    expect(error.message).not.toContain('s3cr3t-pw');
    expect(error.message).toContain('admin:***@db');
  });

  it('follows the locale when FENGKONG_LANG is unset, treating an empty LC_ALL as unset (POSIX)', () => {
    expect(loadConfig({ LANG: 'zh_CN.UTF-8' }).lang).toBe('zh');
    expect(loadConfig({ LC_ALL: 'C.UTF-8', LANG: 'zh_CN.UTF-8' }).lang).toBe('en');
    expect(loadConfig({ LC_ALL: '', LANG: 'zh_CN.UTF-8' }).lang).toBe('zh');
    expect(loadConfig({ FENGKONG_LANG: 'en', LANG: 'zh_CN.UTF-8' }).lang).toBe('en');
    expect(loadConfig({ LANG: 'POSIX' }).lang).toBe('en');
  });

  it('ignores variables it does not own', () => {
    expect(loadConfig({ HOME: '/root', FENGKONG_TEST_PG_URL: 'postgres://x@y/z' })).toEqual(loadConfig({}));
  });
});

describe('describeConfig', () => {
  it('masks the audit key and the database password, for logging', () => {
    const config = loadConfig({ FENGKONG_AUDIT_KEY: KEY, FENGKONG_DB: 'postgres://fk:pa55word@db/fk' });
    const described = describeConfig(config);
    const text = JSON.stringify(described);
    expect(described['auditKey']).toBe('***');
    expect(described['db']).toBe('postgres://fk:***@db/fk');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('pa55word');
    expect(described['port']).toBe(8080);
  });

  it('shows an absent audit key as absent', () => {
    expect(describeConfig(loadConfig({}))['auditKey']).toBeUndefined();
  });
});

describe('redactDbUrl', () => {
  it.each([
    ['postgres://fk:pw@db:5432/fengkong', 'postgres://fk:***@db:5432/fengkong'],
    ['postgresql://fk:pw@db/fengkong?sslmode=require', 'postgresql://fk:***@db/fengkong?sslmode=require'],
    // A password typed with an unencoded @ or / is hidden whole, not cut at its first @.
    ['postgres://fk:p@ss@db/fengkong', 'postgres://fk:***@db/fengkong'],
    ['postgres://fk:p/ss@db/fengkong', 'postgres://fk:***@db/fengkong'],
    ['postgres://fk:@db/fengkong', 'postgres://fk:***@db/fengkong'],
    // libpq also takes the password as a query parameter.
    [
      'postgres://db/fengkong?user=fk&password=pw&sslmode=require',
      'postgres://db/fengkong?user=fk&password=***&sslmode=require',
    ],
    ['postgres://fk@db/fengkong', 'postgres://fk@db/fengkong'],
    ['postgres://db/fengkong', 'postgres://db/fengkong'],
    ['sqlite:./data/fengkong.db', 'sqlite:./data/fengkong.db'],
    ['sqlite:/tmp/a@b:c.db', 'sqlite:/tmp/a@b:c.db'],
  ])('%s → %s', (url, shown) => {
    expect(redactDbUrl(url)).toBe(shown);
  });
});
