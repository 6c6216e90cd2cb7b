import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookArb, sampleBook } from './fixtures.js';
import type { LoanMonth } from './loan-month.js';
import { monthIndex } from './month.js';
import { vintage } from './vintage.js';

const rates = (result: ReturnType<typeof vintage>) =>
  Object.fromEntries(result.cohorts.map((c) => [c.originationMonth, c.curve.map((p) => p.rate)]));

describe('vintage curves', () => {
  it('counts the loans ever 30+ days past due by months on book (hand-computed on the sample book)', () => {
    // Cohort 2024-01 (A, B, C, D; 300,000 fen): B and C first reach 30+ in 2024-03 (dpd 55 and 50),
    // MOB 2, so 0, 0, 2/4, 2/4, 2/4 (B's write-off in 2024-05 keeps it bad).
    // Cohort 2024-02 (E, F, G; 230,000 fen): only F, 36 dpd in 2024-04 = MOB 2: 0, 0, 1/3, 1/3.
    // Cohort 2024-03 (H, I): never 30+: 0, 0, 0. Later MOBs are not observed yet, so absent.
    const result = vintage(sampleBook());
    expect(result).toMatchObject({ badDpd: 30, ever: true, weight: 'count', observedThrough: '2024-05' });
    expect(rates(result)).toEqual({
      '2024-01': [0, 0, 0.5, 0.5, 0.5],
      '2024-02': [0, 0, 1 / 3, 1 / 3],
      '2024-03': [0, 0, 0],
    });
    expect(result.cohorts.map((c) => [c.loans, c.principal])).toEqual([
      [4, 300000],
      [3, 230000],
      [2, 110000],
    ]);
    expect(result.cohorts[1]?.curve[3]).toEqual({ mob: 3, badLoans: 1, badPrincipal: 50000, rate: 1 / 3 });
  });

  it('weights by principal when asked', () => {
    // Cohort 2024-02: F's 50,000 of 230,000 fen from MOB 2.
    const result = vintage(sampleBook(), { weight: 'principal' });
    expect(rates(result)['2024-02']).toEqual([0, 0, 50000 / 230000, 50000 / 230000]);
    // Cohort 2024-01: B and C, 150,000 of 300,000 fen.
    expect(rates(result)['2024-01']).toEqual([0, 0, 0.5, 0.5, 0.5]);
  });

  it('lets a cured loan leave the "currently bad" curve but not the "ever bad" one', () => {
    // badDpd 1 (any arrears). Cohort 2024-02: F from 2024-03, E only in 2024-04 (cured in 2024-05).
    // Currently bad: MOB 1 {F}, MOB 2 {E, F}, MOB 3 {F}; ever bad: {F}, {E, F}, {E, F}.
    // Cohort 2024-03: H is 12 dpd in 2024-04 and cured in 2024-05.
    const current = rates(vintage(sampleBook(), { badDpd: 1, ever: false }));
    const ever = rates(vintage(sampleBook(), { badDpd: 1, ever: true }));
    expect(current['2024-02']).toEqual([0, 1 / 3, 2 / 3, 1 / 3]);
    expect(ever['2024-02']).toEqual([0, 1 / 3, 2 / 3, 2 / 3]);
    expect(current['2024-03']).toEqual([0, 0.5, 0]);
    expect(ever['2024-03']).toEqual([0, 0.5, 0.5]);
    // Cohort 2024-01: B and C from 2024-02 (dpd 25 and 20); D closes in 2024-03 and stays good.
    expect(current['2024-01']).toEqual([0, 0.5, 0.5, 0.5, 0.5]);
  });

  it('stops each curve at the as-of month or at maxMob', () => {
    const asOf = vintage(sampleBook(), { asOf: '2024-03' });
    expect(asOf.cohorts.map((c) => c.curve.length)).toEqual([3, 2, 1]);
    const capped = vintage(sampleBook(), { maxMob: 1 });
    expect(capped.cohorts.map((c) => c.curve.length)).toEqual([2, 2, 2]);
    expect(rates(vintage(sampleBook(), { asOf: '2024-02' }))).toEqual({ '2024-01': [0, 0], '2024-02': [0] });
  });

  it('gives an empty book no cohorts and refuses a bad threshold', () => {
    expect(vintage([]).cohorts).toEqual([]);
    expect(() => vintage(sampleBook(), { badDpd: 0 })).toThrow(RangeError);
    expect(() => vintage(sampleBook(), { maxMob: -1 })).toThrow(RangeError);
  });

  it('agrees with a month-by-month recount on random books', () => {
    fc.assert(
      fc.property(bookArb, fc.integer({ min: 1, max: 120 }), fc.boolean(), (rows, badDpd, ever) => {
        const result = vintage(rows, { badDpd, ever });
        for (const cohort of result.cohorts) {
          const loans = groupByLoan(rows.filter((r) => r.originationMonth === cohort.originationMonth));
          expect(cohort.loans).toBe(loans.size);
          for (const point of cohort.curve) {
            const horizon = monthIndex(cohort.originationMonth) + point.mob;
            let bad = 0;
            for (const history of loans.values()) {
              const seen = history.filter((r) => monthIndex(r.month) <= horizon);
              const isBad = (r: LoanMonth) => r.writtenOff || r.dpd >= badDpd;
              const last = seen.reduce<LoanMonth | undefined>(
                (a, r) => (a === undefined || r.month > a.month ? r : a),
                undefined,
              );
              if (ever ? seen.some(isBad) : last !== undefined && isBad(last)) bad += 1;
            }
            expect(point.badLoans).toBe(bad);
          }
          if (ever) {
            for (let k = 1; k < cohort.curve.length; k++) {
              expect(cohort.curve[k]?.badLoans).toBeGreaterThanOrEqual(cohort.curve[k - 1]?.badLoans ?? 0);
            }
          }
        }
      }),
    );
  });
});

function groupByLoan(rows: readonly LoanMonth[]): Map<string, LoanMonth[]> {
  const map = new Map<string, LoanMonth[]>();
  for (const row of rows) map.set(row.loanId, [...(map.get(row.loanId) ?? []), row]);
  return map;
}
