import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FkError } from '../../kernel/errors.js';
import {
  ARGON2_PARAMS,
  checkPasswordPolicy,
  dummyVerify,
  generatePassword,
  hashPassword,
  verifyPassword,
} from './passwords.js';

const codeOf = (password: string, username = 'alice'): string | undefined => {
  try {
    checkPasswordPolicy(password, username);
    return undefined;
  } catch (error) {
    return error instanceof FkError ? error.code : 'thrown';
  }
};

describe('password policy', () => {
  it('takes 12 to 128 characters of any Unicode, counted as characters, not bytes or UTF-16 units', () => {
    expect(codeOf('a'.repeat(11))).toBe('FK_ERR_PASSWORD_TOO_SHORT');
    expect(codeOf('correct horse')).toBeUndefined();
    expect(codeOf('x'.repeat(128))).toBeUndefined();
    expect(codeOf('x'.repeat(129))).toBe('FK_ERR_PASSWORD_TOO_LONG');
    // 12 emoji are 24 UTF-16 units and 48 bytes, but 12 characters.
    expect(codeOf('🐼'.repeat(12))).toBeUndefined();
    expect(codeOf('🐼'.repeat(11))).toBe('FK_ERR_PASSWORD_TOO_SHORT');
    expect(codeOf('风控密码不要太短了吧嗯嗯')).toBeUndefined();
    expect(codeOf('🐼'.repeat(129))).toBe('FK_ERR_PASSWORD_TOO_LONG');
  });

  it('has no composition rules: lowercase letters and spaces alone are fine', () => {
    expect(codeOf('the quick brown fox')).toBeUndefined();
  });

  it('refuses passwords on the bundled common-password list, whatever their case', () => {
    expect(codeOf('qwerty123456')).toBe('FK_ERR_PASSWORD_COMMON');
    expect(codeOf('QWERTY123456')).toBe('FK_ERR_PASSWORD_COMMON');
    expect(codeOf('1qaz2wsx3edc')).toBe('FK_ERR_PASSWORD_COMMON');
    expect(codeOf('LeaveMeAlone')).toBe('FK_ERR_PASSWORD_COMMON');
  });

  it('refuses the username as password, whatever its case', () => {
    expect(codeOf('risk.officer.1', 'Risk.Officer.1')).toBe('FK_ERR_PASSWORD_IS_USERNAME');
    expect(codeOf('RISK.OFFICER.1', 'risk.officer.1')).toBe('FK_ERR_PASSWORD_IS_USERNAME');
  });

  it('never echoes the password in its error', () => {
    for (const password of ['short', 'qwerty123456', 'x'.repeat(200)]) {
      try {
        checkPasswordPolicy(password, 'alice');
      } catch (error) {
        expect(JSON.stringify({ m: (error as Error).message, f: (error as FkError).fields })).not.toContain(
          password,
        );
      }
    }
  });

  it('generates passwords that pass the policy', () => {
    for (let i = 0; i < 20; i++) expect(codeOf(generatePassword())).toBeUndefined();
  });

  it('answers any string with a policy verdict, never another error', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ maxLength: 70 }),
        (pw, user) => {
          expect(codeOf(pw, user)).not.toBe('thrown');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('password hashing', () => {
  it('uses argon2id with at least m = 19 MiB and t = 2 (OWASP minimum)', async () => {
    expect(ARGON2_PARAMS.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(ARGON2_PARAMS.timeCost).toBeGreaterThanOrEqual(2);
    const hash = await hashPassword('correct horse battery');
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(match![2])).toBeGreaterThanOrEqual(2);
    expect(hash).not.toContain('correct horse');
  });

  it('verifies the right password, refuses others, and normalises Unicode (NFKC)', async () => {
    const hash = await hashPassword('ｆｕｌｌｗｉｄｔｈ ｐａｓｓ');
    expect(await verifyPassword(hash, 'ｆｕｌｌｗｉｄｔｈ ｐａｓｓ')).toBe(true);
    expect(await verifyPassword(hash, 'fullwidth pass')).toBe(true);
    expect(await verifyPassword(hash, 'fullwidth pasS')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(await dummyVerify('anything')).toBe(false);
  });
});
