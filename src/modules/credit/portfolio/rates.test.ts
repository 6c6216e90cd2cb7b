import { describe, expect, it } from 'vitest';
import { sampleBook } from './fixtures.js';
import { portfolioRates } from './rates.js';

describe('portfolio rates', () => {
  // As at 2024-05 (see fixtures.ts): on the book A 80,000, C 90,000 (36,000 overdue, 110 dpd),
  // E 70,000, F 50,000 (15,000 overdue, 66 dpd), G 85,000, H 36,000, I 60,000 = 471,000 fen;
  // B is written off and D closed (no longer reported). Lent: every principal, 640,000 fen.
  it('sums outstanding, overdue and lent as at a month, leaving written-off loans out', () => {
    const r = portfolioRates(sampleBook());
    expect(r).toMatchObject({
      asOf: '2024-05',
      loans: 8,
      activeLoans: 7,
      outstanding: 471000,
      overdueAmount: 51000,
      overdueBalance: 140000,
      lent: 640000,
    });
  });

  it('divides the overdue amount by the outstanding balance, the amount lent, or each cohort', () => {
    expect(portfolioRates(sampleBook()).overdueRate).toEqual({
      denominator: 'outstanding',
      numerator: 'overdue_amount',
      overdue: 51000,
      base: 471000,
      rate: 51000 / 471000,
    });
    expect(portfolioRates(sampleBook(), { denominator: 'lent' }).overdueRate).toMatchObject({
      base: 640000,
      rate: 0.0796875,
    });
    // Cohort 2024-01: C's 36,000 over 300,000 fen lent (B's arrears left the book with its write-off).
    expect(portfolioRates(sampleBook(), { denominator: 'cohort' }).overdueRate).toEqual({
      denominator: 'cohort',
      numerator: 'overdue_amount',
      cohorts: [
        { originationMonth: '2024-01', loans: 4, principal: 300000, overdue: 36000, rate: 0.12 },
        { originationMonth: '2024-02', loans: 3, principal: 230000, overdue: 15000, rate: 15000 / 230000 },
        { originationMonth: '2024-03', loans: 2, principal: 110000, overdue: 0, rate: 0 },
      ],
    });
  });

  it('counts the whole balance of overdue loans when the numerator is the overdue balance', () => {
    const r = portfolioRates(sampleBook(), { numerator: 'overdue_balance' });
    expect(r.overdueRate).toMatchObject({ overdue: 140000, rate: 140000 / 471000 });
  });

  it('takes the NPL ratio as M3+ outstanding over total outstanding', () => {
    // Only C is beyond 90 days (110): 90,000 / 471,000. F at 66 days is M3, not NPL.
    const { npl } = portfolioRates(sampleBook());
    expect(npl).toMatchObject({ loans: 1, outstanding: 90000, ratio: 90000 / 471000 });
    expect(npl.definition.zh).toContain('90');
    // In 2024-04 nobody is past 90 days yet.
    expect(portfolioRates(sampleBook(), { asOf: '2024-04' }).npl.ratio).toBe(0);
  });

  it('breaks the book down by state', () => {
    const { byState } = portfolioRates(sampleBook());
    expect(byState.current).toEqual({ loans: 5, outstanding: 331000, overdue: 0 });
    expect(byState.M1).toEqual({ loans: 0, outstanding: 0, overdue: 0 });
    expect(byState.M3).toEqual({ loans: 1, outstanding: 50000, overdue: 15000 });
    expect(byState['M3+']).toEqual({ loans: 1, outstanding: 90000, overdue: 36000 });
    expect(byState.written_off).toEqual({ loans: 1, outstanding: 0, overdue: 0 });
    // 2024-03: D is reported closed.
    const march = portfolioRates(sampleBook(), { asOf: '2024-03' });
    expect(march.byState.closed.loans).toBe(1);
    expect(march).toMatchObject({ loans: 9, activeLoans: 8, outstanding: 580000, overdueAmount: 35000 });
  });

  it('gives null ratios, not NaN, for a month with nothing outstanding', () => {
    const r = portfolioRates([], { asOf: '2024-01' });
    expect(r.outstanding).toBe(0);
    expect(r.npl.ratio).toBeNull();
    expect(r.overdueRate).toMatchObject({ rate: null });
    expect(() => portfolioRates([])).toThrow(/asOf/);
  });
});
