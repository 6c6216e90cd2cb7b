import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, formatMoney, parseMoney, parseRate, rate, roundHalfUp } from './money.js';

describe('money', () => {
  it('reads yuan amounts into fen and writes them back with two decimals', () => {
    expect(parseMoney('12345.67')).toEqual({ ok: true, value: 1234567 });
    expect(parseMoney('12345.6')).toEqual({ ok: true, value: 1234560 });
    expect(parseMoney('0')).toEqual({ ok: true, value: 0 });
    expect(parseMoney('-1.05', { negative: true })).toEqual({ ok: true, value: -105 });
    expect(formatMoney(1234567)).toBe('12345.67');
    expect(formatMoney(5)).toBe('0.05');
    expect(formatMoney(-105)).toBe('-1.05');
  });

  it('refuses three decimals, exponents, signs, spaces and negatives where not allowed', () => {
    for (const bad of [
      '1.234',
      '1e3',
      '+1',
      ' 1',
      '1,000',
      '01',
      '.5',
      '1.',
      '-1',
      'NaN',
      '',
      '12345678901234',
    ])
      expect(parseMoney(bad).ok, bad).toBe(false);
  });

  it('round-trips every amount of fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), (fen) => {
        const back = parseMoney(formatMoney(fen), { negative: true });
        expect(back).toEqual({ ok: true, value: fen });
      }),
    );
  });

  it('reads rates exactly and refuses what is not a plain fraction', () => {
    expect(rate('0.12')).toMatchObject({ num: 3n, den: 25n });
    expect(rate('0.0005')).toMatchObject({ num: 1n, den: 2000n });
    for (const bad of ['12%', '-0.1', '1e-2', '0.12345678901', ' 0.1'])
      expect(parseRate(bad).ok, bad).toBe(false);
    expect(parseRate('0.5', 0.1).ok).toBe(false);
  });

  it('rounds half up to the fen', () => {
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(-5n, 2n)).toBe(-3n);
    expect(roundHalfUp(49n, 100n)).toBe(0n);
    expect(applyRate(1105381, rate('0.01'))).toBe(11054);
  });
});
