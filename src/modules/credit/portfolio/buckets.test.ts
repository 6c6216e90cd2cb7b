import { describe, expect, it } from 'vitest';
import { bucketOfDpd, LOAN_STATE_INFO, LOAN_STATES, stateIndex, stateOf } from './buckets.js';
import type { LoanMonth } from './loan-month.js';

const row = (over: Partial<LoanMonth>): LoanMonth => ({
  loanId: 'L',
  borrowerId: 'B',
  product: 'p',
  originationMonth: '2024-01',
  month: '2024-02',
  principal: 100,
  outstanding: 100,
  overdue: 0,
  dpd: 0,
  writtenOff: false,
  closed: false,
  ...over,
});

describe('delinquency buckets', () => {
  it('puts the bucket edges at 0, 30, 60 and 90 days past due', () => {
    const cases: [number, string][] = [
      [0, 'current'],
      [1, 'M1'],
      [30, 'M1'],
      [31, 'M2'],
      [60, 'M2'],
      [61, 'M3'],
      [90, 'M3'],
      [91, 'M3+'],
      [400, 'M3+'],
    ];
    for (const [dpd, bucket] of cases) expect(bucketOfDpd(dpd)).toBe(bucket);
  });

  it('refuses negative or fractional days past due', () => {
    expect(() => bucketOfDpd(-1)).toThrow(RangeError);
    expect(() => bucketOfDpd(1.5)).toThrow(RangeError);
  });

  it('ranks written off above closed above the days past due', () => {
    expect(stateOf(row({ writtenOff: true, closed: true, dpd: 120 }))).toBe('written_off');
    expect(stateOf(row({ closed: true, dpd: 5 }))).toBe('closed');
    expect(stateOf(row({ dpd: 45 }))).toBe('M2');
  });

  it('gives the matrix position of the same state as stateOf', () => {
    for (const over of [
      { dpd: 0 },
      { dpd: 17 },
      { dpd: 59 },
      { dpd: 90 },
      { dpd: 91 },
      { writtenOff: true },
      { closed: true },
    ]) {
      expect(LOAN_STATES[stateIndex(row(over))]).toBe(stateOf(row(over)));
    }
  });

  it('labels every state in English and Chinese', () => {
    expect(LOAN_STATE_INFO.current.label.zh).toBe('正常');
    expect(LOAN_STATE_INFO.written_off.label.zh).toBe('核销');
    expect(LOAN_STATE_INFO.closed.label.zh).toBe('结清');
    for (const state of LOAN_STATES) {
      expect(LOAN_STATE_INFO[state].label.en).not.toBe('');
      expect(LOAN_STATE_INFO[state].label.zh).not.toBe('');
    }
  });
});
