import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageRatio, drawdownFor, provisionFor, type ReserveEvent, reserveLedger } from './reserve.js';

describe('risk reserve', () => {
  it('provisions a rate of the new lending of the period', () => {
    expect(
      provisionFor(
        { basis: 'new_lending', rate: '0.015' },
        { newLending: 3333300, outstanding: 0, balance: 7 },
      ),
    ).toEqual({
      basis: 'new_lending',
      rate: '0.015',
      base: 3333300,
      target: null,
      amount: 50000,
    });
  });

  it('tops the reserve up to a rate of the outstanding, and never releases an excess', () => {
    // 2% of 471,000 = 9,420: a balance of 5,000 needs 4,420, one of 10,000 needs nothing.
    const config = { basis: 'outstanding', rate: '2%' } as const;
    expect(provisionFor(config, { newLending: 0, outstanding: 471000, balance: 5000 })).toMatchObject({
      target: 9420,
      amount: 4420,
    });
    expect(provisionFor(config, { newLending: 0, outstanding: 471000, balance: 10000 }).amount).toBe(0);
  });

  it('draws a write-off from the balance and reports what it could not cover', () => {
    expect(drawdownFor(60000, 9420)).toEqual({
      requested: 60000,
      drawn: 9420,
      shortfall: 50580,
      balanceAfter: 0,
    });
    expect(drawdownFor(1000, 9420)).toEqual({
      requested: 1000,
      drawn: 1000,
      shortfall: 0,
      balanceAfter: 8420,
    });
  });

  it('gives the coverage ratio, null when nothing is overdue', () => {
    expect(coverageRatio(6400, 64000)).toBe(0.1);
    expect(coverageRatio(6400, 0)).toBeNull();
  });

  it('folds provisions, drawdowns and recoveries into a running balance', () => {
    const events: ReserveEvent[] = [
      { kind: 'provision', month: '2024-01', amount: 3000 },
      { kind: 'provision', month: '2024-02', amount: 2300 },
      { kind: 'write_off', month: '2024-03', amount: 2000, loanId: 'X' },
      { kind: 'recovery', month: '2024-04', amount: 500, loanId: 'X' },
      { kind: 'write_off', month: '2024-05', amount: 6000, loanId: 'Y' },
    ];
    const ledger = reserveLedger(events, 100);
    expect(ledger.entries.map((e) => [e.change, e.shortfall, e.balance])).toEqual([
      [3000, 0, 3100],
      [2300, 0, 5400],
      [-2000, 0, 3400],
      [500, 0, 3900],
      [-3900, 2100, 0],
    ]);
    expect(ledger).toMatchObject({
      opening: 100,
      provisioned: 5300,
      drawn: 5900,
      recovered: 500,
      shortfall: 2100,
      closing: 0,
    });
    expect(ledger.entries[4]?.loanId).toBe('Y');
  });

  it('refuses events out of month order and negative or fractional amounts', () => {
    expect(() =>
      reserveLedger([
        { kind: 'provision', month: '2024-02', amount: 1 },
        { kind: 'provision', month: '2024-01', amount: 1 },
      ]),
    ).toThrow(/month order/);
    expect(() => reserveLedger([{ kind: 'recovery', month: '2024-01', amount: -5 }])).toThrow(RangeError);
    expect(() => reserveLedger([{ kind: 'provision', month: '2024-01', amount: 0.5 }])).toThrow(RangeError);
  });

  it('ties out exactly on random ledgers and never goes below zero', () => {
    const event = fc.record({
      kind: fc.constantFrom('provision' as const, 'write_off' as const, 'recovery' as const),
      amount: fc.nat({ max: 10 ** 12 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.nat({ max: 10 ** 9 }), (raw, opening) => {
        const events = raw.map((e) => ({ ...e, month: '2024-01' }));
        const ledger = reserveLedger(events, opening);
        expect(ledger.closing).toBe(opening + ledger.provisioned - ledger.drawn + ledger.recovered);
        let balance = opening;
        for (const [i, entry] of ledger.entries.entries()) {
          balance += entry.change;
          expect(entry.balance).toBe(balance);
          expect(balance).toBeGreaterThanOrEqual(0);
          if (entry.kind === 'write_off') expect(-entry.change + entry.shortfall).toBe(events[i]?.amount);
        }
        const writeOffs = events.filter((e) => e.kind === 'write_off').reduce((s, e) => s + e.amount, 0);
        expect(ledger.drawn + ledger.shortfall).toBe(writeOffs);
      }),
    );
  });
});
