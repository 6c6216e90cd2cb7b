import { describe, expect, it } from 'vitest';
import { ledgerTerms } from './fixtures.js';
import { bucketOf, type LedgerEvent, monthEnds } from './position.js';

describe('positions and month ends', () => {
  it('puts days past due into buckets current, M1, M2, M3 and M3+', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(bucketOf)).toEqual([
      'current',
      'M1',
      'M1',
      'M2',
      'M2',
      'M3',
      'M3',
      'M3+',
      'M3+',
    ]);
  });

  it('reconstructs each month end of a hand-built history', () => {
    // Instalment 1 paid on time; instalment 2 (due 03-15) paid on 04-20 with 36 days of penalty
    // (955.65 × 0.05 % × 36 = 17.2017 → 17.20); instalment 3 (due 04-15) never paid; written off 05-20.
    const events: LedgerEvent[] = [
      { type: 'repayment', kind: 'regular', amount: 106619, receivedOn: '2026-02-15' },
      { type: 'repayment', kind: 'regular', amount: 106619 + 1720, receivedOn: '2026-04-20' },
      { type: 'write_off', on: '2026-05-20' },
    ];
    const rows = monthEnds(ledgerTerms(), events, '2000-01', '2026-12').map((m) => ({
      month: m.month,
      outstanding: m.position.outstandingPrincipal,
      overdue: m.position.overdue,
      dpd: m.position.dpd,
      status: m.position.status,
    }));
    expect(rows).toEqual([
      { month: '2026-01', outstanding: 1_200_000, overdue: 0, dpd: 0, status: 'active' },
      { month: '2026-02', outstanding: 1_105_381, overdue: 0, dpd: 0, status: 'active' },
      { month: '2026-03', outstanding: 1_105_381, overdue: 106619, dpd: 16, status: 'active' },
      { month: '2026-04', outstanding: 1_009_816, overdue: 106619, dpd: 15, status: 'active' },
      { month: '2026-05', outstanding: 0, overdue: 0, dpd: 35, status: 'written_off' },
    ]);
    expect(monthEnds(ledgerTerms(), events, '2026-03', '2026-03').map((m) => m.month)).toEqual(['2026-03']);
  });
});
