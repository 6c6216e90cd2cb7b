import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, parseReserveRate } from './reserve-rate.js';

describe('reserve rate', () => {
  it('reads decimals and percentages exactly', () => {
    expect(parseReserveRate('0.015')).toEqual({ text: '0.015', numerator: 15n, denominator: 1000n });
    expect(parseReserveRate('1.5%')).toEqual({ text: '1.5%', numerator: 15n, denominator: 1000n });
    expect(parseReserveRate('1')).toMatchObject({ numerator: 1n, denominator: 1n });
  });

  it('refuses rates that are not decimals in [0, 1]', () => {
    for (const bad of ['', '-0.1', '1.01', '101%', 'abc', '0.1.2', '1e-3', '0.0000000000001']) {
      expect(() => parseReserveRate(bad)).toThrow(RangeError);
    }
  });

  it('rounds half up to the fen, where float arithmetic drifts', () => {
    // 0.015 × 3,333,300 = 49,999.5 → 50,000.
    expect(applyRate(3333300, parseReserveRate('0.015'))).toBe(50000);
    // 0.12% × 1,250 fen = 1.5 → 2; in floats 1250 × 0.0012 = 1.4999999999999998, which rounds to 1.
    expect(1250 * 0.0012).toBeLessThan(1.5);
    expect(applyRate(1250, parseReserveRate('0.12%'))).toBe(2);
    expect(applyRate(1249, parseReserveRate('0.12%'))).toBe(1);
    expect(applyRate(0, parseReserveRate('0.5'))).toBe(0);
    expect(() => applyRate(-1, parseReserveRate('0.5'))).toThrow(RangeError);
  });

  it('agrees with a bigint half-up oracle on random amounts and rates', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 50 }), fc.nat({ max: 10_000 }), (amount, basisPoints) => {
        const rate = parseReserveRate(
          `${Math.floor(basisPoints / 10_000)}.${String(basisPoints % 10_000).padStart(4, '0')}`,
        );
        const exact = BigInt(amount) * BigInt(basisPoints);
        const whole = exact / 10_000n;
        const expected = exact % 10_000n >= 5_000n ? whole + 1n : whole;
        expect(applyRate(amount, rate)).toBe(Number(expected));
      }),
    );
  });
});
