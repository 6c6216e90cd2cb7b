import { describe, expect, it } from 'vitest';
import { type ConfigError, describeConfig, loadConfig } from '../../config.js';

describe('identity settings', () => {
  it('defaults to 15-minute idle and 12-hour sessions, 10 failures for 30 minutes, rotation off', () => {
    const config = loadConfig({});
    expect({
      idle: config.sessionIdleMinutes,
      absolute: config.sessionAbsoluteMinutes,
      threshold: config.loginLockoutThreshold,
      lockout: config.loginLockoutMinutes,
      rate: config.loginRateLimitPerMinute,
      rotation: config.passwordMaxAgeDays,
      secure: config.cookieSecure,
      key: config.secretKey,
    }).toEqual({
      idle: 15,
      absolute: 720,
      threshold: 10,
      lockout: 30,
      rate: 30,
      rotation: 0,
      secure: false,
      key: undefined,
    });
  });

  it('reads every setting from the environment and names each invalid one', () => {
    const config = loadConfig({
      FENGKONG_SESSION_IDLE_MINUTES: '5',
      FENGKONG_SESSION_ABSOLUTE_MINUTES: '480',
      FENGKONG_PASSWORD_MAX_AGE_DAYS: '90',
      FENGKONG_COOKIE_SECURE: 'true',
      FENGKONG_SECRET_KEY: 'k'.repeat(32),
    });
    expect([
      config.sessionIdleMinutes,
      config.sessionAbsoluteMinutes,
      config.passwordMaxAgeDays,
      config.cookieSecure,
    ]).toEqual([5, 480, 90, true]);
    expect(describeConfig(config)['secretKey']).toBe('***');
    try {
      loadConfig({
        FENGKONG_SESSION_IDLE_MINUTES: '0',
        FENGKONG_LOGIN_LOCKOUT_THRESHOLD: 'ten',
        FENGKONG_SECRET_KEY: 'short but secret',
      });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('FENGKONG_SESSION_IDLE_MINUTES');
      expect(problems).toContain('FENGKONG_LOGIN_LOCKOUT_THRESHOLD');
      expect(problems).toContain('FENGKONG_SECRET_KEY = (secret)');
      expect(problems).not.toContain('short but secret');
    }
  });

  it('refuses an absolute session limit shorter than the idle one', () => {
    expect(() =>
      loadConfig({ FENGKONG_SESSION_IDLE_MINUTES: '60', FENGKONG_SESSION_ABSOLUTE_MINUTES: '30' }),
    ).toThrow(/ABSOLUTE_MINUTES must not be shorter/);
  });
});
