import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Band } from '../kri-evaluation.js';
import { defaultSignals } from './default-signals.js';
import type { BandThresholds } from './signals.js';

const signals = defaultSignals();
const higher: BandThresholds = { direction: 'higher_is_worse', amber: 0.03, red: 0.05, hysteresis: 0.005 };

function walk(t: BandThresholds, series: readonly number[]): Band[] {
  let band: Band | null = null;
  return series.map((v) => {
    band = signals.evaluateBands(v, t, band);
    return band;
  });
}

describe('the signal port over the warning module', () => {
  it('enters a band at its line and leaves it only past the margin, in both directions', () => {
    expect(walk(higher, [0.02, 0.03, 0.0255, 0.024])).toEqual(['green', 'amber', 'amber', 'green']);
    expect(walk(higher, [0.05, 0.046, 0.044, 0.02])).toEqual(['red', 'red', 'amber', 'green']);
    const lower: BandThresholds = { direction: 'lower_is_worse', amber: 1.2, red: 1.0, hysteresis: 0.05 };
    expect(walk(lower, [1.3, 1.2, 1.24, 1.26, 0.99, 1.04, 1.06])).toEqual([
      'green',
      'amber',
      'amber',
      'green',
      'red',
      'red',
      'amber',
    ]);
    const noAmber: BandThresholds = { direction: 'higher_is_worse', amber: 10, red: 10, hysteresis: 0 };
    expect(walk(noAmber, [9, 10, 9.9])).toEqual(['green', 'red', 'green']);
  });

  it('changes band at most once while a value oscillates within the margin of one line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.0251, max: 0.0349, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (xs) => {
          const bands = walk(higher, [0.02, ...xs]);
          expect(bands.filter((b, i) => i > 0 && b !== bands[i - 1]).length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('resumes a detector from its JSON state and starts afresh from an unreadable one', () => {
    const spec = { method: 'zscore', params: { window: 3, k: 2 } };
    let state = null as Parameters<typeof signals.runDetector>[1];
    const outcomes = [10, 11, 10, 30].map((v) => {
      const step = signals.runDetector(spec, state, v);
      state = JSON.parse(JSON.stringify(step.state));
      return step.outcome;
    });
    expect(outcomes.slice(0, 3)).toEqual([null, null, null]);
    expect(outcomes[3]).toMatchObject({ method: 'zscore', signal: true, direction: 'up' });
    expect(signals.runDetector(spec, { method: 'zscore', garbage: true }, 1).outcome).toBeNull();
    expect(signals.detectorProblems({ method: 'ewma', params: { lambda: 2 } })).toHaveLength(1);
    expect(signals.detectorProblems({ method: 'magic', params: {} })).toHaveLength(1);
  });
});
