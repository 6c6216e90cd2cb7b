import { describe, expect, it } from 'vitest';
import { effectiveLimit } from './authority.js';
import type { ApprovalAuthorityTable } from './tables.js';

const entry = (
  subject_type: string,
  subject_id: string,
  product: string,
  max_amount: number,
): ApprovalAuthorityTable => ({
  subject_type,
  subject_id,
  product,
  max_amount,
  updated_by: 'user:admin',
  updated_at: '2026-03-01T00:00:00.000Z',
});

describe('approval authority', () => {
  const entries = [
    entry('role', 'approver', '*', 5_000_000),
    entry('role', 'approver', 'mortgage', 100_000_000),
    entry('role', 'risk_officer', '*', 1_000_000),
    entry('user', 'u-junior', '*', 200_000),
    entry('user', 'u-lead', 'cash', 20_000_000),
  ];

  it('takes the largest role limit, the product entry before the any-product one', () => {
    expect(effectiveLimit(entries, 'u-x', ['approver', 'risk_officer'], 'cash')).toBe(5_000_000);
    expect(effectiveLimit(entries, 'u-x', ['approver'], 'mortgage')).toBe(100_000_000);
    expect(effectiveLimit(entries, 'u-x', ['risk_officer'], 'mortgage')).toBe(1_000_000);
  });

  it('lets a personal entry replace what the roles give, and gives nothing without an entry', () => {
    expect(effectiveLimit(entries, 'u-junior', ['approver'], 'mortgage')).toBe(200_000);
    expect(effectiveLimit(entries, 'u-lead', ['approver'], 'cash')).toBe(20_000_000);
    expect(effectiveLimit(entries, 'u-lead', ['approver'], 'card')).toBe(5_000_000);
    expect(effectiveLimit(entries, 'u-x', ['auditor'], 'cash')).toBe(0);
  });
});
