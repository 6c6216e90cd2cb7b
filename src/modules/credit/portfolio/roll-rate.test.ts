import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOAN_STATES, type LoanState, stateOf } from './buckets.js';
import { bookArb, sampleBook } from './fixtures.js';
import type { LoanMonth } from './loan-month.js';
import { addMonths } from './month.js';
import { averageRollRate, type RollRateMatrix, rollRate, type StateTable } from './roll-rate.js';

/** The non-zero cells of a table, `from→to: value`. */
function cells(table: StateTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (const from of LOAN_STATES) {
    for (const to of LOAN_STATES) if (table[from][to] !== 0) out[`${from}→${to}`] = table[from][to];
  }
  return out;
}

describe('roll-rate matrices', () => {
  it('moves the sample book from 2024-04 to 2024-05 as worked out by hand', () => {
    // 2024-04 → 2024-05: A, G, I stay current; E and H cure from M1; F rolls M2 → M3; B rolls from
    // M3 to written off and C from M3 to M3+. Amounts are the 2024-04 outstanding.
    const m = rollRate(sampleBook(), '2024-04', '2024-05');
    expect(m.loans).toBe(8);
    expect(cells(m.counts)).toEqual({
      'current→current': 3,
      'M1→current': 2,
      'M2→M3': 1,
      'M3→M3+': 1,
      'M3→written_off': 1,
    });
    expect(cells(m.amounts)).toEqual({
      'current→current': 90000 + 90000 + 65000,
      'M1→current': 75000 + 40000,
      'M2→M3': 50000,
      'M3→M3+': 90000,
      'M3→written_off': 60000,
    });
    expect(m.countShares.M3).toMatchObject({ written_off: 0.5, 'M3+': 0.5, M3: 0 });
    // By balance: B's 60,000 and C's 90,000 of 150,000 fen.
    expect(m.amountShares.M3).toMatchObject({ written_off: 0.4, 'M3+': 0.6 });
    expect(m.countShares.M1.current).toBe(1);
    expect(Object.values(m.countShares.M2)).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(Object.values(m.countShares.closed)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(m.onlyFrom).toEqual({ loans: 0, outstanding: 0 });
  });

  it('keeps loans reported in only one month out of the matrix and totals them apart', () => {
    // 2024-03 → 2024-04: D closed in 2024-03 and is not reported after; current → M1 for E and H
    // (75,000 + 40,000 of the 380,000 fen current in 2024-03).
    const m = rollRate(sampleBook(), '2024-03', '2024-04');
    expect(m.loans).toBe(8);
    expect(m.onlyFrom).toEqual({ loans: 1, outstanding: 0 });
    expect(m.countShares.current).toMatchObject({ current: 0.6, M1: 0.4 });
    expect(m.amountShares.current.M1).toBeCloseTo(115000 / 380000, 15);
    expect(cells(m.counts)).toMatchObject({ 'M1→M2': 1, 'M2→M3': 2 });
    // 2024-01 → 2024-02: E, F and G (230,000 fen) are new in 2024-02.
    expect(rollRate(sampleBook(), '2024-01', '2024-02').onlyTo).toEqual({ loans: 3, outstanding: 230000 });
  });

  it('pools consecutive months into an average weighted by row size', () => {
    // Pairs 03→04 and 04→05. current: 3+3 stay, 2 roll to M1 → 6/8, 2/8. M1: F to M2 (03→04), E and
    // H cure (04→05) → 1/3 M2, 2/3 current. M2 → M3: B, C then F → 1. M3: half written off, half M3+.
    const m = averageRollRate(sampleBook(), '2024-03', '2024-05');
    expect(m.pairs).toBe(2);
    expect(m.loans).toBe(16);
    expect(m.countShares.current).toMatchObject({ current: 0.75, M1: 0.25 });
    expect(m.countShares.M1).toMatchObject({ current: 2 / 3, M2: 1 / 3 });
    expect(m.countShares.M2.M3).toBe(1);
    expect(m.countShares.M3).toMatchObject({ written_off: 0.5, 'M3+': 0.5 });
    expect(m.onlyFrom.loans).toBe(1);
    // Pairs 01→02 and 02→03: E, F, G are new in 2024-02, H and I in 2024-03.
    expect(averageRollRate(sampleBook(), '2024-01', '2024-03').onlyTo).toEqual({
      loans: 5,
      outstanding: 340000,
    });
  });

  it('equals the single-month matrix over a one-month range', () => {
    const one = rollRate(sampleBook(), '2024-02', '2024-03');
    const avg = averageRollRate(sampleBook(), '2024-02', '2024-03');
    expect(avg).toEqual(one);
  });

  it('refuses an end month that is not after the start month', () => {
    expect(() => rollRate(sampleBook(), '2024-04', '2024-04')).toThrow(RangeError);
    expect(() => averageRollRate(sampleBook(), '2024-05', '2024-03')).toThrow(/after its start month/);
  });

  it('has rows summing to 1 (or all 0) and conserves the loans present in both months', () => {
    fc.assert(
      fc.property(bookArb, fc.nat({ max: 8 }), fc.integer({ min: 1, max: 3 }), (rows, start, span) => {
        const from = addMonths('2023-11', start);
        const to = addMonths(from, span);
        const m = rollRate(rows, from, to);
        checkRows(m);
        // Brute force: the states of the loans reported in both months.
        const at = (month: string) =>
          new Map(rows.filter((r) => r.month === month).map((r) => [r.loanId, r]));
        const a = at(from);
        const b = at(to);
        const fromCounts = countStates([...a.values()].filter((r) => b.has(r.loanId)));
        const toCounts = countStates([...b.values()].filter((r) => a.has(r.loanId)));
        for (const s of LOAN_STATES) {
          expect(LOAN_STATES.reduce((sum, t) => sum + m.counts[s][t], 0)).toBe(fromCounts[s]);
          expect(LOAN_STATES.reduce((sum, f) => sum + m.counts[f][s], 0)).toBe(toCounts[s]);
        }
        expect(m.loans + m.onlyFrom.loans).toBe(a.size);
        expect(m.loans + m.onlyTo.loans).toBe(b.size);
        const avg = averageRollRate(rows, from, to);
        checkRows(avg);
        let pooled = 0;
        for (let k = 0; k < span; k++)
          pooled += rollRate(rows, addMonths(from, k), addMonths(from, k + 1)).loans;
        expect(avg.loans).toBe(pooled);
      }),
    );
  });
});

function checkRows(m: RollRateMatrix): void {
  for (const shares of [m.countShares, m.amountShares]) {
    for (const from of LOAN_STATES) {
      const sum = LOAN_STATES.reduce((s, to) => s + shares[from][to], 0);
      const total = LOAN_STATES.reduce(
        (s, to) => s + (shares === m.countShares ? m.counts : m.amounts)[from][to],
        0,
      );
      if (total === 0) expect(sum).toBe(0);
      else expect(sum).toBeCloseTo(1, 12);
    }
  }
}

function countStates(rows: readonly LoanMonth[]): Record<LoanState, number> {
  const counts = Object.fromEntries(LOAN_STATES.map((s) => [s, 0])) as Record<LoanState, number>;
  for (const row of rows) counts[stateOf(row)] += 1;
  return counts;
}
