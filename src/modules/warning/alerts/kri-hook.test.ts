import { describe, expect, it } from 'vitest';
import { evaluation } from './fixtures.js';
import { planForEvaluation } from './kri-hook.js';

const signal = { method: 'cusum', statistic: 5.4, signal: true, direction: 'up' } as const;
const quiet = { method: 'ewma', statistic: 0.1, signal: false } as const;

describe('alerts from KRI evaluations', () => {
  it('raises medium when the band worsens into amber and high into red', () => {
    const amber = planForEvaluation(evaluation({ band: 'amber', previous_band: 'green' }));
    expect(amber).toMatchObject({
      action: 'raise',
      input: { severity: 'medium', key: 'kri:npl_ratio', source: 'kri' },
    });
    const red = planForEvaluation(evaluation({ band: 'red', previous_band: 'amber' }));
    expect(red).toMatchObject({
      action: 'raise',
      input: { severity: 'high', subject: 'portfolio', owner: 'u-owner' },
    });
    const first = planForEvaluation(evaluation({ band: 'red', previous_band: null }));
    expect(first).toMatchObject({ action: 'raise', input: { severity: 'high' } });
    if (red.action === 'raise') {
      expect(red.input.title).toEqual({
        en: 'KRI NPL ratio entered red at 3.2%',
        zh: '关键风险指标“不良贷款率”进入红色区间（3.2%）',
      });
    }
  });

  it('raises medium for a detector signal, even in green, and keeps the band severity when higher', () => {
    const green = planForEvaluation(
      evaluation({ band: 'green', previous_band: 'green', detectors: [quiet, signal] }),
    );
    expect(green).toMatchObject({ action: 'raise', input: { severity: 'medium' } });
    if (green.action === 'raise') {
      expect(green.input.title.en).toBe('KRI NPL ratio: cusum detected an upward shift at 3.2%');
      expect(green.input.details).toMatchObject({
        detectors: [{ method: 'cusum', statistic: 5.4, direction: 'up' }],
      });
    }
    const red = planForEvaluation(evaluation({ band: 'red', previous_band: 'red', detectors: [signal] }));
    expect(red).toMatchObject({ action: 'raise', input: { severity: 'high' } });
  });

  it('only counts into an active alert while the band stays or improves but is not green', () => {
    expect(planForEvaluation(evaluation({ band: 'red', previous_band: 'red' }))).toMatchObject({
      action: 'touch',
    });
    expect(planForEvaluation(evaluation({ band: 'amber', previous_band: 'red' }))).toMatchObject({
      action: 'touch',
      input: { severity: 'medium' },
    });
  });

  it('does nothing in green without a signal, or resolves when configured to', () => {
    const back = evaluation({ band: 'green', previous_band: 'red', detectors: [quiet] });
    expect(planForEvaluation(back)).toEqual({ action: 'none' });
    expect(planForEvaluation(back, true)).toEqual({
      action: 'resolve',
      key: 'kri:npl_ratio',
      subject: 'portfolio',
    });
  });

  it('stores values JSON cannot hold as null and says when there is no data', () => {
    const plan = planForEvaluation(
      evaluation({
        value: null,
        band: 'amber',
        previous_band: 'green',
        detectors: [{ ...signal, statistic: Number.NaN }],
      }),
    );
    expect(plan).toMatchObject({
      action: 'raise',
      input: { details: { value: null, detectors: [{ statistic: null }] } },
    });
    if (plan.action === 'raise') expect(plan.input.title.en).toContain('no data');
  });
});
