import { describe, expect, it } from 'vitest';
import { concentration } from './concentration.js';
import { sampleBook } from './fixtures.js';
import { portfolioRates } from './rates.js';
import { portfolioReport } from './report.js';
import { rollRate } from './roll-rate.js';
import { vintage } from './vintage.js';

describe('portfolio report', () => {
  it('combines rates, concentration, vintage and the latest roll rate as at the last month', () => {
    const rows = sampleBook();
    const report = portfolioReport(rows);
    expect(report.asOf).toBe('2024-05');
    expect(report.book).toEqual({ rows: rows.length, loans: 9, firstMonth: '2024-01', lastMonth: '2024-05' });
    expect(report.rates).toEqual(portfolioRates(rows));
    expect(report.concentration).toEqual(concentration(rows));
    expect(report.vintage).toEqual(vintage(rows));
    expect(report.rollRate).toEqual(rollRate(rows, '2024-04', '2024-05'));
    expect(report.reserve).toBeNull();
    expect(report.states.map((s) => s.label.zh)).toEqual([
      '正常',
      'M1（逾期1–30天）',
      'M2（逾期31–60天）',
      'M3（逾期61–90天）',
      'M3+（逾期90天以上）',
      '核销',
      '结清',
    ]);
  });

  it('passes its options to every part', () => {
    const rows = sampleBook();
    const report = portfolioReport(rows, {
      asOf: '2024-04',
      denominator: 'lent',
      top: 2,
      vintage: { badDpd: 1, ever: false, weight: 'principal' },
      reserve: { config: { basis: 'outstanding', rate: '2%' } },
    });
    expect(report.rates.overdueRate).toMatchObject({ denominator: 'lent', overdue: 64000, base: 640000 });
    expect(report.concentration.top).toHaveLength(2);
    expect(report.vintage).toEqual(
      vintage(rows, { asOf: '2024-04', badDpd: 1, ever: false, weight: 'principal' }),
    );
    expect(report.rollRate?.from).toBe('2024-03');
    // 2% of 560,000 outstanding in 2024-04 = 11,200, below the 11,600 already held; 64,000 overdue.
    expect(report.reserve?.months).toHaveLength(4);
    expect(report.reserve?.coverage).toBe(11600 / 64000);
  });

  it('is plain JSON: it survives a round trip unchanged', () => {
    const report = portfolioReport(sampleBook(), {
      reserve: { config: { basis: 'new_lending', rate: '0.01' } },
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reports an empty book at a given month with zeros and no roll rate', () => {
    const report = portfolioReport([], { asOf: '2024-01' });
    expect(report.rates.outstanding).toBe(0);
    expect(report.rollRate).toBeNull();
    expect(report.vintage.cohorts).toEqual([]);
    expect(report.concentration.top).toEqual([]);
  });

  it('has no roll rate in the first month of the book', () => {
    expect(portfolioReport(sampleBook(), { asOf: '2024-01' }).rollRate).toBeNull();
  });
});
