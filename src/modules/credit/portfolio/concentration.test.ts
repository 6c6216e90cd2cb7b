import { describe, expect, it } from 'vitest';
import { concentration } from './concentration.js';
import { sampleBook } from './fixtures.js';
import type { LoanMonth } from './loan-month.js';

describe('borrower concentration', () => {
  // 2024-05 exposures: b1 = A 80,000 + E 70,000 = 150,000; b3 = C 90,000; b6 = G 85,000;
  // b2 = I 60,000 (B is written off); b5 = F 50,000; b7 = H 36,000; total 471,000 fen.
  it('ranks borrowers by the outstanding of all their loans', () => {
    const c = concentration(sampleBook(), { top: 3 });
    expect(c.borrowers).toBe(6);
    expect(c.top).toEqual([
      { rank: 1, borrowerId: 'b1', loans: 2, outstanding: 150000, share: 150000 / 471000 },
      { rank: 2, borrowerId: 'b3', loans: 1, outstanding: 90000, share: 90000 / 471000 },
      { rank: 3, borrowerId: 'b6', loans: 1, outstanding: 85000, share: 85000 / 471000 },
    ]);
    expect(c.topOutstanding).toBe(325000);
    expect(c.topShare).toBe(325000 / 471000);
  });

  it('lists everyone when there are fewer borrowers than the top ten', () => {
    const c = concentration(sampleBook());
    expect(c.top.map((b) => b.borrowerId)).toEqual(['b1', 'b3', 'b6', 'b2', 'b5', 'b7']);
    expect(c.topShare).toBe(1);
  });

  it('computes the Herfindahl–Hirschman index of borrower shares', () => {
    // (150² + 90² + 85² + 60² + 50² + 36²) / 471² = 45,221 / 221,841 = 0.203844…
    const c = concentration(sampleBook());
    expect(c.hhi).toBeCloseTo(45221 / 221841, 12);
    expect(c.hhiPoints).toBeCloseTo(2038.4419, 3);
    expect(c.effectiveBorrowers).toBeCloseTo(4.9057, 4);
  });

  it('breaks ties by borrower id, and gives n equal borrowers an HHI of 1/n', () => {
    const row = (loanId: string, borrowerId: string): LoanMonth => ({
      loanId,
      borrowerId,
      product: 'cash',
      originationMonth: '2024-01',
      month: '2024-01',
      principal: 500,
      outstanding: 500,
      overdue: 0,
      dpd: 0,
      writtenOff: false,
      closed: false,
    });
    const c = concentration([row('1', 'z'), row('2', 'a'), row('3', 'm'), row('4', 'q')], { top: 2 });
    expect(c.top.map((b) => b.borrowerId)).toEqual(['a', 'm']);
    expect(c.hhi).toBeCloseTo(0.25, 15);
  });

  it('has no shares when nothing is outstanding, and refuses a top below one', () => {
    const c = concentration([], { asOf: '2024-01' });
    expect(c).toMatchObject({ borrowers: 0, outstanding: 0, top: [], topShare: null, hhi: null });
    expect(() => concentration(sampleBook(), { top: 0 })).toThrow(RangeError);
  });
});
