import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDetectorOutcome } from './common.js';
import {
  createDetector,
  type DetectorConfig,
  type DetectorState,
  detectorConfigProblems,
  restoreDetector,
  runDetector,
} from './detector.js';

/** Any valid configuration, with μ0/σ sometimes given and sometimes estimated from a few points. */
const config: fc.Arbitrary<DetectorConfig> = fc.oneof(
  fc.record({
    method: fc.constant('zscore' as const),
    window: fc.integer({ min: 2, max: 8 }),
    k: fc.constantFrom(1, 2, 3),
  }),
  fc.record(
    {
      method: fc.constant('ewma' as const),
      lambda: fc.double({ min: 0.05, max: 1, noNaN: true }),
      target: fc.integer({ min: -10, max: 10 }),
      sigma: fc.double({ min: 0.5, max: 10, noNaN: true }),
      estimateFrom: fc.integer({ min: 2, max: 6 }),
    },
    { requiredKeys: ['method', 'lambda', 'estimateFrom'] },
  ),
  fc.record(
    {
      method: fc.constant('cusum' as const),
      target: fc.integer({ min: -10, max: 10 }),
      sigma: fc.double({ min: 0.5, max: 10, noNaN: true }),
      estimateFrom: fc.integer({ min: 2, max: 6 }),
      h: fc.constantFrom(1, 2, 4),
      resetOnSignal: fc.boolean(),
    },
    { requiredKeys: ['method', 'estimateFrom', 'h'] },
  ),
  fc.record({
    method: fc.constant('page-hinkley' as const),
    threshold: fc.constantFrom(5, 20, 50),
    alpha: fc.constantFrom(1, 0.99),
    watch: fc.constantFrom('both' as const, 'up' as const, 'down' as const),
  }),
);

const series = fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { maxLength: 50 });

describe('detectors as streams', () => {
  it('give the batch result when stopped, stored as JSON and resumed at any points', () => {
    fc.assert(
      fc.property(config, series, fc.array(fc.nat(), { maxLength: 5 }), (c, xs, cuts) => {
        const batch = runDetector(c, xs);
        const stops = new Set(cuts.map((n) => n % (xs.length + 1)));
        let detector = createDetector(c);
        const streamed = xs.map((x, i) => {
          if (stops.has(i))
            detector = restoreDetector(JSON.parse(JSON.stringify(detector.toJSON())) as DetectorState);
          return detector.push(x);
        });
        expect(streamed).toEqual(batch.points);
        expect(detector.toJSON()).toEqual(batch.detector.toJSON());
        expect(batch.signals).toEqual(batch.points.filter((p) => p.signal).map((p) => p.index));
      }),
    );
  });

  it('map each point onto the outcome a KRI evaluation stores', () => {
    const run = runDetector({ method: 'cusum', target: 0, sigma: 1 }, [3, 3, 3]);
    expect(run.points.map((p) => toDetectorOutcome(run.method, p))).toEqual([
      { method: 'cusum', statistic: 2.5, signal: false },
      { method: 'cusum', statistic: 5, signal: false },
      { method: 'cusum', statistic: 7.5, signal: true, direction: 'up' },
    ]);
    const warming = runDetector({ method: 'zscore' }, [1]);
    expect(toDetectorOutcome('zscore', warming.points[0]!)).toBeNull();
  });

  it('report configuration problems in both languages', () => {
    expect(detectorConfigProblems({ method: 'zscore', window: 5 })).toEqual([]);
    expect(detectorConfigProblems({ method: 'ewma', lambda: 2, L: -1 })).toHaveLength(2);
    const [unknown] = detectorConfigProblems({ method: 'arima' } as never);
    expect(unknown?.en).toMatch(/method must be zscore, ewma, cusum or page-hinkley/);
    expect(unknown?.zh).toMatch(/方法必须是/);
    expect(() => createDetector({ method: 'arima' } as never)).toThrow(RangeError);
    expect(() => restoreDetector({ method: 'arima' } as never)).toThrow(TypeError);
    expect(() => restoreDetector(null as never)).toThrow(TypeError);
  });
});
