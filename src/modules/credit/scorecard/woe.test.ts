import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binStats, informationValue } from './woe.js';

describe('weight of evidence and information value', () => {
  it('matches a hand-computed three-bin table (Siddiqi 2006 convention)', () => {
    // Totals: 800 goods, 100 bads.
    //   bin  goods bads  %good  %bad  WOE = ln(%good/%bad)     IV term = (%good−%bad)·WOE
    //   A    400   20    0.500  0.20  ln 2.5  =  0.916291      0.30 ·  0.916291 = 0.274887
    //   B    300   30    0.375  0.30  ln 1.25 =  0.223144      0.075 · 0.223144 = 0.016736
    //   C    100   50    0.125  0.50  ln 0.25 = −1.386294     −0.375 · −1.386294 = 0.519860
    //   IV = 0.274887 + 0.016736 + 0.519860 = 0.811483
    const a = binStats(400, 20, 800, 100);
    const b = binStats(300, 30, 800, 100);
    const c = binStats(100, 50, 800, 100);
    expect(a.woe).toBeCloseTo(0.916291, 6);
    expect(b.woe).toBeCloseTo(0.223144, 6);
    expect(c.woe).toBeCloseTo(-1.386294, 6);
    expect(a.iv).toBeCloseTo(0.274887, 6);
    expect(b.iv).toBeCloseTo(0.016736, 6);
    expect(c.iv).toBeCloseTo(0.51986, 6);
    expect(informationValue([a, b, c])).toBeCloseTo(0.811483, 6);
    expect(a).toMatchObject({ count: 420, goods: 400, bads: 20, badRate: 20 / 420 });
  });

  it('gives fewer-bads-than-average bins a positive WOE', () => {
    expect(binStats(90, 1, 100, 10).woe).toBeGreaterThan(0);
    expect(binStats(10, 9, 100, 10).woe).toBeLessThan(0);
    expect(binStats(10, 1, 100, 10).woe).toBeCloseTo(0, 12);
  });

  it('adds 0.5 to both classes of a bin lacking one, keeping the real totals', () => {
    // Goods only: (50 + 0.5)/800 = 0.063125, (0 + 0.5)/100 = 0.005, WOE = ln 12.625 = 2.535679,
    // IV = (0.063125 − 0.005) · 2.535679 = 0.147386.
    const goodsOnly = binStats(50, 0, 800, 100);
    expect(goodsOnly.woe).toBeCloseTo(2.535679, 6);
    expect(goodsOnly.iv).toBeCloseTo(0.147386, 6);
    expect(goodsOnly).toMatchObject({ count: 50, goods: 50, bads: 0, badRate: 0 });
    // Bads only: 0.5/800 = 0.000625, 10.5/100 = 0.105, WOE = ln(0.000625/0.105) = −5.123964,
    // IV = (0.000625 − 0.105) · −5.123964 = 0.534814.
    const badsOnly = binStats(0, 10, 800, 100);
    expect(badsOnly.woe).toBeCloseTo(-5.123964, 6);
    expect(badsOnly.iv).toBeCloseTo(0.534814, 6);
    expect(badsOnly.badRate).toBe(1);
  });

  it('gives an empty bin WOE 0 and IV 0', () => {
    expect(binStats(0, 0, 800, 100)).toEqual({ count: 0, goods: 0, bads: 0, badRate: 0, woe: 0, iv: 0 });
  });

  it('refuses a sample without both classes', () => {
    expect(() => binStats(1, 0, 1, 0)).toThrow(RangeError);
    expect(() => binStats(0, 1, 0, 1)).toThrow(RangeError);
  });

  it('has finite WOE and non-negative IV terms for any counts', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000), (g, b, og, ob) => {
        const s = binStats(g, b, g + og + 1, b + ob + 1);
        expect(Number.isFinite(s.woe)).toBe(true);
        expect(s.iv).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
