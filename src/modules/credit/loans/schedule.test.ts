import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualRates } from './apr.js';
import { rate } from './money.js';
import { buildSchedule, type LoanTerms, SCHEDULE_KINDS } from './schedule.js';

const base: LoanTerms = {
  principal: 1_200_000,
  annualRate: rate('0.12'),
  termMonths: 12,
  kind: 'annuity',
  firstDueDate: '2026-02-15',
};

describe('repayment schedules', () => {
  it('matches a hand-computed equal-instalment schedule (12,000 yuan, 12 months, 12 %)', () => {
    // A = 12000 × 0.01 / (1 − 1.01^−12) = 1066.1855 → 1066.19. Month 1: interest 12000 × 1 % = 120.00,
    // principal 946.19; month 2: interest 11053.81 × 1 % = 110.5381 → 110.54, principal 955.65; …;
    // month 12 takes the remaining principal 1055.58 with its interest 10.56: 1066.14.
    const s = buildSchedule(base);
    expect(s.level).toBe(106619);
    expect(s.instalments[0]).toMatchObject({
      seq: 1,
      dueDate: '2026-02-15',
      principal: 94619,
      interest: 12000,
    });
    expect(s.instalments[1]).toMatchObject({ principal: 95565, interest: 11054 });
    expect(s.instalments[11]).toMatchObject({ dueDate: '2027-01-15', principal: 105558, interest: 1056 });
    expect(s.totalInterest).toBe(79423);
    expect(s.totalRepayment).toBe(1_279_423);
  });

  it('matches a hand-computed equal-principal schedule', () => {
    // 1000.00 principal a month; interest 1 % of the balance: 120.00, 110.00, …, 10.00; total 780.00.
    const s = buildSchedule({ ...base, kind: 'equal_principal' });
    expect(s.instalments.map((x) => x.principal)).toEqual(Array(12).fill(100000));
    expect(s.instalments.map((x) => x.interest)).toEqual(
      [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((k) => k * 1000),
    );
    expect(s.totalInterest).toBe(78000);
  });

  it('adds monthly fees as a fixed amount or a rate of the principal', () => {
    const s = buildSchedule({ ...base, monthlyFee: { rate: rate('0.003') }, upfrontFee: { amount: 5000 } });
    expect(s.monthlyFee).toBe(3600);
    expect(s.totalFees).toBe(43200);
    expect(s.netDisbursed).toBe(1_195_000);
    expect(annualRates(s).nominalApr).toBeGreaterThan(0.12);
  });

  it('clamps due dates to month ends and refuses impossible terms', () => {
    const s = buildSchedule({ ...base, firstDueDate: '2026-01-31', termMonths: 3 });
    expect(s.instalments.map((x) => x.dueDate)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(() => buildSchedule({ ...base, termMonths: 0 })).toThrow(RangeError);
    expect(() => buildSchedule({ ...base, upfrontFee: { amount: 1_200_000 } })).toThrow(/upfront_fee/);
  });

  it('sums exactly to the fen for random loans', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 11 }),
        fc.integer({ min: 0, max: 360_000 }),
        fc.integer({ min: 1, max: 360 }),
        fc.constantFrom(...SCHEDULE_KINDS),
        fc.integer({ min: 0, max: 10_000 }),
        (principal, ratePpm, termMonths, kind, fee) => {
          const s = buildSchedule({
            principal,
            annualRate: rate((ratePpm / 1e6).toFixed(6)),
            termMonths,
            kind,
            firstDueDate: '2026-01-31',
            monthlyFee: { amount: fee },
          });
          const parts = s.instalments;
          expect(parts).toHaveLength(termMonths);
          expect(parts.reduce((t, x) => t + x.principal, 0)).toBe(principal);
          expect(parts.reduce((t, x) => t + x.interest, 0)).toBe(s.totalInterest);
          expect(parts.reduce((t, x) => t + x.principal + x.interest + x.fee, 0)).toBe(s.totalRepayment);
          expect(s.totalRepayment).toBe(principal + s.totalInterest + s.totalFees);
          for (const x of parts) {
            expect(Number.isSafeInteger(x.principal) && x.principal >= 0).toBe(true);
            expect(Number.isSafeInteger(x.interest) && x.interest >= 0).toBe(true);
          }
          if (kind === 'annuity' && principal >= 100 * termMonths) {
            // Every payment is the level one but the last, which differs by the carried rounding only:
            // at most half a fen per period for the level and half for the interest, compounded.
            for (const x of parts.slice(0, -1)) expect(x.principal + x.interest).toBe(s.level);
            const last = parts[parts.length - 1]!;
            const i = ratePpm / 1e6 / 12;
            const carried = i === 0 ? termMonths : ((1 + i) ** termMonths - 1) / i;
            expect(Math.abs(last.principal + last.interest - s.level)).toBeLessThanOrEqual(carried + 1);
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});
