import { describe, expect, it } from 'vitest';
import { sampleBook } from './fixtures.js';
import { PortfolioInputError } from './input-error.js';
import { indexLoanBook, rowAt } from './loan-book.js';
import type { LoanMonth } from './loan-month.js';
import { monthIndex } from './month.js';

const base: LoanMonth = {
  loanId: 'L1',
  borrowerId: 'b1',
  product: 'cash',
  originationMonth: '2024-01',
  month: '2024-01',
  principal: 1000,
  outstanding: 1000,
  overdue: 0,
  dpd: 0,
  writtenOff: false,
  closed: false,
};

function refusal(rows: LoanMonth[]): PortfolioInputError {
  try {
    indexLoanBook(rows);
  } catch (error) {
    if (error instanceof PortfolioInputError) return error;
    throw error;
  }
  throw new Error('the book was accepted');
}

describe('loan book', () => {
  it('groups rows by loan in month order whatever order they come in', () => {
    const rows = sampleBook().reverse();
    const book = indexLoanBook(rows);
    expect(book.loans).toHaveLength(9);
    expect(book.rowCount).toBe(rows.length);
    const a = book.loans.find((l) => l.loanId === 'A');
    expect(a?.rows.map((r) => r.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(a && rowAt(a, monthIndex('2024-03'))?.outstanding).toBe(100000);
    expect(a && rowAt(a, monthIndex('2024-06'))).toBeUndefined();
    expect(book.firstMonth).toBe(monthIndex('2024-01'));
    expect(book.lastMonth).toBe(monthIndex('2024-05'));
  });

  it('refuses two rows of one loan in the same month', () => {
    expect(refusal([base, { ...base, outstanding: 900 }]).message).toContain('two rows for 2024-01');
  });

  it('refuses a loan whose borrower or principal changes between months', () => {
    expect(refusal([base, { ...base, month: '2024-02', borrowerId: 'b2' }]).message).toContain('borrowerId');
    expect(refusal([base, { ...base, month: '2024-02', principal: 2000 }]).zh).toContain('principal');
  });

  it('refuses rows before origination, negative amounts and fractional days past due', () => {
    expect(refusal([{ ...base, month: '2023-12' }]).message).toContain('before its origination');
    expect(refusal([{ ...base, outstanding: -1 }]).message).toContain('outstanding');
    expect(refusal([{ ...base, dpd: 1.5 }]).message).toContain('dpd');
    expect(refusal([{ ...base, month: '2024-1' }]).message).toContain('YYYY-MM');
  });

  it('gives an empty book no months', () => {
    const book = indexLoanBook([]);
    expect(book.loans).toEqual([]);
    expect(Number.isNaN(book.firstMonth)).toBe(true);
  });
});
