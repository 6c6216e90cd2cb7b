import { describe, expect, it } from 'vitest';
import { annualRates, irr } from './apr.js';
import { rate } from './money.js';
import { buildSchedule, type LoanTerms } from './schedule.js';

const base: LoanTerms = {
  principal: 1_200_000,
  annualRate: rate('0.12'),
  termMonths: 12,
  kind: 'annuity',
  firstDueDate: '2026-02-15',
};

describe('annualised rate (APR)', () => {
  it('annualises by IRR: 12 % nominal without fees, more with an upfront fee (PBOC [2021] No. 3)', () => {
    const plain = annualRates(buildSchedule(base));
    expect(plain.nominalApr).toBeCloseTo(0.120001, 6);
    expect(plain.effectiveAnnualRate).toBeCloseTo(0.126826, 6);
    // 240.00 withheld: the borrower receives 11,760.00 for the same instalments.
    const fee = annualRates(buildSchedule({ ...base, upfrontFee: { rate: rate('0.02') } }));
    expect(fee.nominalApr).toBeCloseTo(0.158546, 6);
    expect(fee.effectiveAnnualRate).toBeCloseTo(0.17059, 5);
    expect(irr([100, -110])).toBeCloseTo(0.1, 12);
  });

  it('finds no rate when less is repaid than lent at −99 %', () => {
    expect(irr([100, 0, 0])).toBeNaN();
    expect(irr([100, -100])).toBeCloseTo(0, 12);
  });
});
