import { describe, expect, it } from 'vitest';
import {
  authorityLimit,
  authorityProducts,
  binRows,
  csiSummary,
  fenToYuan,
  intervalLabel,
  ivStrength,
  monitoringRange,
  rateAt,
  reserveMonths,
  shortChecksum,
  stabilityVerdict,
  yuanToFen,
} from './credit-logic.js';
import type { AuthorityEntry, CardVariable, MonitoringWindow } from './types.js';

const entry = (
  subject_type: 'user' | 'role',
  subject_id: string,
  product: string,
  max_amount: string,
): AuthorityEntry => ({
  subject_type,
  subject_id,
  product,
  max_amount,
  updated_by: 'system:fengkong',
  updated_at: '2026-01-01T00:00:00Z',
});

describe('money and authority', () => {
  it('reads yuan strings as exact fen and fen as yuan', () => {
    expect(yuanToFen('12345.67')).toBe(1_234_567);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('-3.05')).toBe(-305);
    expect(yuanToFen('x')).toBeNaN();
    expect(fenToYuan(411_948_760)).toBe(4_119_487.6);
  });

  it('applies the server rule: own entry first, else the largest role entry, product before *', () => {
    const entries = [
      entry('role', 'approver', '*', '50000.00'),
      entry('role', 'approver', 'cash_loan', '20000.00'),
      entry('role', 'risk_officer', '*', '0.00'),
      entry('user', 'u2', '*', '1000.00'),
    ];
    expect(authorityLimit(entries, 'u1', ['approver'], 'installment_loan')).toBe(5_000_000);
    expect(authorityLimit(entries, 'u1', ['approver'], 'cash_loan')).toBe(2_000_000);
    expect(authorityLimit(entries, 'u2', ['approver'], 'cash_loan')).toBe(100_000);
    expect(authorityLimit(entries, 'u3', ['analyst'], 'cash_loan')).toBe(0);
    expect(authorityProducts(entries, 'u1', ['approver'])).toEqual(['cash_loan']);
  });
});

describe('bins table', () => {
  it('lists bins, missing, specials and else with shares of all rows', () => {
    const numeric: CardVariable = {
      name: 'age',
      input: 'data.age',
      type: 'numeric',
      bins: [
        { lower: null, upper: 25, count: 30, bad_rate: 0.2, woe: -0.5, points: -10 },
        { lower: 25, upper: null, count: 60, bad_rate: 0.1, woe: 0.3, points: 8 },
      ],
      missing: { count: 10, bad_rate: 0.15, woe: 0, points: 0 },
      special: [{ value: -999, count: 0, points: -5 }],
    };
    const rows = binRows(numeric);
    expect(rows.map((r) => [r.kind, r.label, r.share])).toEqual([
      ['bin', '[−∞, 25)', 0.3],
      ['bin', '[25, +∞)', 0.6],
      ['missing', '', 0.1],
      ['special', '-999', 0],
    ]);
    expect(rows[0]?.woe).toBe(-0.5);
    const categorical: CardVariable = {
      name: 'province',
      input: 'data.province',
      type: 'categorical',
      bins: [{ categories: ['SH', 'BJ'], points: 5 }],
      missing: { points: 0 },
      special: [],
      else_points: -3,
    };
    const cat = binRows(categorical);
    expect(cat.map((r) => [r.kind, r.label, r.count, r.share, r.points])).toEqual([
      ['bin', 'SH, BJ', null, null, 5],
      ['missing', '', null, null, 0],
      ['else', '', null, null, -3],
    ]);
    expect(intervalLabel(1, 2)).toBe('[1, 2)');
  });
});

describe('monitoring', () => {
  it('asks for whole weeks up to now', () => {
    const now = Date.parse('2026-11-27T00:00:00.000Z');
    expect(monitoringRange(2, now)).toEqual({
      from: '2026-11-13T00:00:00.000Z',
      to: '2026-11-27T00:00:00.000Z',
      interval: 'week',
    });
  });

  it('summarises CSI per variable: the latest figure and the largest', () => {
    const s = (index: number) => ({ index, verdict: stabilityVerdict(index), label: { en: '', zh: '' } });
    const windows = [
      {
        csi: [
          { variable: 'age', stability: s(0.3) },
          { variable: 'income', stability: null },
        ],
      },
      {
        csi: [
          { variable: 'age', stability: s(0.05) },
          { variable: 'income', stability: null },
        ],
      },
    ] as unknown as MonitoringWindow[];
    const summary = csiSummary(windows);
    expect(summary[0]).toMatchObject({ variable: 'age', max: 0.3 });
    expect(summary[0]?.latest?.index).toBe(0.05);
    expect(summary[1]).toEqual({ variable: 'income', latest: null, max: null });
  });

  it('names verdicts, IV strength and short checksums', () => {
    expect([0.05, 0.1, 0.25].map(stabilityVerdict)).toEqual(['stable', 'watch', 'shift']);
    expect([0.01, 0.05, 0.2, 0.5].map(ivStrength)).toEqual(['unpredictive', 'weak', 'medium', 'strong']);
    expect(shortChecksum('sha256:b0b2eea90d0af16d2eab')).toBe('b0b2eea90d0a');
  });
});

describe('reserve and vintages', () => {
  it('adds the ledger up by month, keeping the last balance', () => {
    const months = reserveMonths([
      { month: '2025-05', kind: 'provision', amount: 100, balance_after: 100 },
      { month: '2025-05', kind: 'close', amount: 0, balance_after: 100 },
      { month: '2025-06', kind: 'provision', amount: 50, balance_after: 150 },
      { month: '2025-06', kind: 'drawdown', amount: 30, balance_after: 120 },
      { month: '2025-06', kind: 'recovery', amount: 5, balance_after: 125 },
    ]);
    expect(months).toEqual([
      { month: '2025-05', provision: 100, drawn: 0, recovered: 0, balance: 100 },
      { month: '2025-06', provision: 50, drawn: 30, recovered: 5, balance: 125 },
    ]);
  });

  it('reads a cohort rate at a month on book', () => {
    const curve = [
      { mob: 0, rate: 0 },
      { mob: 3, rate: 0.04 },
    ];
    expect(rateAt(curve, 3)).toBe(0.04);
    expect(rateAt(curve, 6)).toBeNull();
  });
});
