import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkTotp,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  timeStep,
  totpCode,
  totpUri,
} from './totp.js';

describe('TOTP', () => {
  // RFC 6238 Appendix B: the SHA-1 secret "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ)
  // gives 94287082 at T = 59 s; with 6 digits, 287082.
  const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('matches the RFC 6238 test vector', async () => {
    expect(await totpCode(RFC_SECRET, 59_000)).toBe('287082');
    expect(await totpCode(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
  });

  it('accepts the current step and one either side, never two away', async () => {
    const secret = newTotpSecret();
    const now = Date.parse('2026-03-02T09:00:10.000Z');
    const step = timeStep(now);
    for (const offset of [-1, 0, 1]) {
      const code = await totpCode(secret, now + offset * 30_000);
      expect(await checkTotp(secret, code, now, null), `offset ${offset}`).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      const code = await totpCode(secret, now + offset * 30_000);
      // A code of another step could by chance equal a nearby one (1 in 10^6); skip that case.
      const nearby = await Promise.all([-1, 0, 1].map((o) => totpCode(secret, now + o * 30_000)));
      if (nearby.includes(code)) continue;
      expect(await checkTotp(secret, code, now, null), `offset ${offset}`).toBeUndefined();
    }
  });

  it('refuses a code whose step is not after the last accepted one', async () => {
    const secret = newTotpSecret();
    const now = Date.parse('2026-03-02T09:00:10.000Z');
    const code = await totpCode(secret, now);
    expect(await checkTotp(secret, code, now, timeStep(now))).toBeUndefined();
    expect(await checkTotp(secret, code, now, timeStep(now) - 1)).toBe(timeStep(now));
    expect(await checkTotp(secret, code, now, timeStep(now) + 5)).toBeUndefined();
  });

  it('refuses anything that is not six digits', async () => {
    const secret = newTotpSecret();
    for (const code of ['', '12345', '1234567', 'abcdef', ' 123456 x', '１２３４５６']) {
      expect(await checkTotp(secret, code, 0, null)).toBeUndefined();
    }
  });

  it('makes an otpauth URI with issuer, label and 160-bit secret', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(secret, 'alice')).toBe(`otpauth://totp/Fengkong:alice?secret=${secret}&issuer=Fengkong`);
  });
});

describe('recovery codes', () => {
  it('gives ten distinct 80-bit codes that hash to distinct values', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(new Set(codes.map(hashRecoveryCode)).size).toBe(10);
  });

  it('accepts a code typed in capitals, with spaces or without dashes', () => {
    const [code] = newRecoveryCodes();
    const hash = hashRecoveryCode(code!);
    expect(hashRecoveryCode(code!.toUpperCase())).toBe(hash);
    expect(hashRecoveryCode(code!.replaceAll('-', ''))).toBe(hash);
    expect(hashRecoveryCode(code!.replaceAll('-', ' '))).toBe(hash);
  });

  it('answers any typed text with a canonical code or undefined, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (typed) => {
        const plain = normalizeRecoveryCode(typed);
        if (plain !== undefined) expect(plain).toMatch(/^[a-z2-7]{16}$/);
      }),
    );
  });
});
