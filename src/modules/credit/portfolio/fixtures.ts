/**
 * A small hand-built book for the tests: nine loans of seven borrowers, originated in three monthly
 * cohorts and observed from 2024-01 to 2024-05. Each loan is one line per month, `outstanding/overdue
 * @dpd`, so the expected figures in the tests can be worked out by hand from this table.
 *
 *   loan borrower cohort   principal | 2024-01   | 2024-02       | 2024-03         | 2024-04         | 2024-05
 *   A    b1       2024-01  120000    | 120000 @0 | 110000 @0     | 100000 @0       |  90000 @0       |  80000 @0
 *   B    b2       2024-01   60000    |  60000 @0 |  60000/6000@25|  60000/12000@55 |  60000/18000@85 | written off (dpd 115)
 *   C    b3       2024-01   90000    |  90000 @0 |  90000/9000@20|  90000/18000@50 |  90000/27000@80 |  90000/36000@110
 *   D    b4       2024-01   30000    |  30000 @0 |  20000 @0     | closed          |  —              |  —
 *   E    b1       2024-02   80000    |           |  80000 @0     |  75000 @0       |  75000/5000@10  |  70000 @0
 *   F    b5       2024-02   50000    |           |  50000 @0     |  50000/5000@5   |  50000/10000@36 |  50000/15000@66
 *   G    b6       2024-02  100000    |           | 100000 @0     |  95000 @0       |  90000 @0       |  85000 @0
 *   H    b7       2024-03   40000    |           |               |  40000 @0       |  40000/4000@12  |  36000 @0
 *   I    b2       2024-03   70000    |           |               |  70000 @0       |  65000 @0       |  60000 @0
 *
 * Also a fast-check generator of random books for the property tests. Excluded from the build
 * (tsconfig.build.json).
 */
import fc from 'fast-check';
import type { LoanMonth } from './loan-month.js';
import { addMonths } from './month.js';

type Cell = readonly [outstanding: number, overdue: number, dpd: number] | 'closed' | 'written_off' | null;

const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'] as const;

const LOANS: readonly (readonly [string, string, string, number, readonly Cell[]])[] = [
  [
    'A',
    'b1',
    '2024-01',
    120000,
    [
      [120000, 0, 0],
      [110000, 0, 0],
      [100000, 0, 0],
      [90000, 0, 0],
      [80000, 0, 0],
    ],
  ],
  [
    'B',
    'b2',
    '2024-01',
    60000,
    [[60000, 0, 0], [60000, 6000, 25], [60000, 12000, 55], [60000, 18000, 85], 'written_off'],
  ],
  [
    'C',
    'b3',
    '2024-01',
    90000,
    [
      [90000, 0, 0],
      [90000, 9000, 20],
      [90000, 18000, 50],
      [90000, 27000, 80],
      [90000, 36000, 110],
    ],
  ],
  ['D', 'b4', '2024-01', 30000, [[30000, 0, 0], [20000, 0, 0], 'closed', null, null]],
  ['E', 'b1', '2024-02', 80000, [null, [80000, 0, 0], [75000, 0, 0], [75000, 5000, 10], [70000, 0, 0]]],
  [
    'F',
    'b5',
    '2024-02',
    50000,
    [null, [50000, 0, 0], [50000, 5000, 5], [50000, 10000, 36], [50000, 15000, 66]],
  ],
  ['G', 'b6', '2024-02', 100000, [null, [100000, 0, 0], [95000, 0, 0], [90000, 0, 0], [85000, 0, 0]]],
  ['H', 'b7', '2024-03', 40000, [null, null, [40000, 0, 0], [40000, 4000, 12], [36000, 0, 0]]],
  ['I', 'b2', '2024-03', 70000, [null, null, [70000, 0, 0], [65000, 0, 0], [60000, 0, 0]]],
];

/** The rows of the table above, loan by loan and month by month. */
export function sampleBook(): LoanMonth[] {
  const rows: LoanMonth[] = [];
  for (const [loanId, borrowerId, originationMonth, principal, cells] of LOANS) {
    cells.forEach((cell, i) => {
      if (cell === null) return;
      const month = MONTHS[i] as string;
      const base = { loanId, borrowerId, product: 'cash', originationMonth, month, principal };
      if (cell === 'closed') {
        rows.push({ ...base, outstanding: 0, overdue: 0, dpd: 0, writtenOff: false, closed: true });
      } else if (cell === 'written_off') {
        rows.push({ ...base, outstanding: 0, overdue: 0, dpd: 115, writtenOff: true, closed: false });
      } else {
        const [outstanding, overdue, dpd] = cell;
        rows.push({ ...base, outstanding, overdue, dpd, writtenOff: false, closed: false });
      }
    });
  }
  return rows;
}

/** True one time in eight. */
const rarely = fc.nat({ max: 7 }).map((n) => n === 0);

const cellArb = fc.option(
  fc.record({
    outstanding: fc.nat({ max: 1_000_000 }),
    overdue: fc.nat({ max: 50_000 }),
    dpd: fc.oneof(fc.constant(0), fc.nat({ max: 200 })),
    writtenOff: rarely,
    closed: rarely,
  }),
  { freq: 5 },
);

/**
 * Random books of up to 15 loans over up to 10 months from 2023-11 (across a year end), with gaps in
 * a loan's history, stray closed and written-off flags and every bucket; borrowers share loans.
 */
export const bookArb: fc.Arbitrary<LoanMonth[]> = fc
  .array(
    fc.record({
      borrower: fc.nat({ max: 4 }),
      origin: fc.nat({ max: 4 }),
      principal: fc.integer({ min: 1, max: 1_000_000 }),
      cells: fc.array(cellArb, { minLength: 1, maxLength: 6 }),
    }),
    { maxLength: 15 },
  )
  .map((loans) =>
    loans.flatMap((loan, i) => {
      const originationMonth = addMonths('2023-11', loan.origin);
      return loan.cells.flatMap((cell, k) =>
        cell === null
          ? []
          : [
              {
                loanId: `L${i}`,
                borrowerId: `b${loan.borrower}`,
                product: 'cash',
                originationMonth,
                month: addMonths(originationMonth, k),
                principal: loan.principal,
                ...cell,
              },
            ],
      );
    }),
  );
