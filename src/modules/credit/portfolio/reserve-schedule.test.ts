import { describe, expect, it } from 'vitest';
import { sampleBook } from './fixtures.js';
import { indexLoanBook } from './loan-book.js';
import { reserveFiguresOfBook, reserveSchedule } from './reserve-schedule.js';

const recoveries = [{ month: '2024-05', amount: 2000 }];

describe('reserve schedule over a book', () => {
  it('takes new lending, outstanding, overdue and write-offs month by month from the rows', () => {
    // Write-off: B in 2024-05, measured at its 2024-04 outstanding of 60,000 fen.
    const figures = reserveFiguresOfBook(indexLoanBook(sampleBook()), '2024-05', recoveries);
    expect(
      figures.map((f) => [f.month, f.newLending, f.outstanding, f.overdue, f.writtenOff, f.recovered]),
    ).toEqual([
      ['2024-01', 300000, 300000, 0, 0, 0],
      ['2024-02', 230000, 510000, 15000, 0, 0],
      ['2024-03', 110000, 580000, 35000, 0, 0],
      ['2024-04', 0, 560000, 64000, 0, 0],
      ['2024-05', 0, 471000, 51000, 60000, 2000],
    ]);
  });

  it('provisions 1% of new lending and lets the write-off exhaust the reserve', () => {
    // 3,000 + 2,300 + 1,100 = 6,400; May: +2,000 recovered = 8,400, then the 60,000 write-off draws
    // 8,400 and leaves a 51,600 shortfall.
    const figures = reserveFiguresOfBook(indexLoanBook(sampleBook()), '2024-05', recoveries);
    const s = reserveSchedule({ basis: 'new_lending', rate: '0.01' }, figures);
    expect(s.months.map((m) => [m.provision.amount, m.drawn, m.shortfall, m.balance, m.coverage])).toEqual([
      [3000, 0, 0, 3000, null],
      [2300, 0, 0, 5300, 5300 / 15000],
      [1100, 0, 0, 6400, 6400 / 35000],
      [0, 0, 0, 6400, 0.1],
      [0, 8400, 51600, 0, 0],
    ]);
    expect(s.ledger).toMatchObject({
      provisioned: 6400,
      drawn: 8400,
      recovered: 2000,
      shortfall: 51600,
      closing: 0,
    });
  });

  it('keeps the reserve at 2% of outstanding at each month end, topping up after the write-off', () => {
    // Targets 6,000, 10,200, 11,600, 11,200 (below the 11,600 held: nothing released), 9,420.
    // May: 11,600 + 2,000 = 13,600 drawn in full by the write-off (46,400 short), then 9,420 provided.
    const figures = reserveFiguresOfBook(indexLoanBook(sampleBook()), '2024-05', recoveries);
    const s = reserveSchedule({ basis: 'outstanding', rate: '0.02' }, figures);
    expect(s.months.map((m) => [m.provision.target, m.provision.amount, m.balance])).toEqual([
      [6000, 6000, 6000],
      [10200, 4200, 10200],
      [11600, 1400, 11600],
      [11200, 0, 11600],
      [9420, 9420, 9420],
    ]);
    expect(s.months[4]).toMatchObject({ drawn: 13600, shortfall: 46400, coverage: 9420 / 51000 });
    // The ledger ties out: 21,020 provided − 13,600 drawn + 2,000 recovered = 9,420.
    expect(s.ledger).toMatchObject({ provisioned: 21020, drawn: 13600, recovered: 2000, closing: 9420 });
    expect(s.ledger.entries.map((e) => e.kind)).toEqual([
      'provision',
      'provision',
      'provision',
      'recovery',
      'write_off',
      'provision',
    ]);
  });

  it('refuses a recovery outside the months of the book', () => {
    const book = indexLoanBook(sampleBook());
    expect(() => reserveFiguresOfBook(book, '2024-05', [{ month: '2024-07', amount: 1 }])).toThrow(
      RangeError,
    );
  });
});
