import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Band } from '../kri-evaluation.js';
import { bandOf, bandsOf, type StaticThresholds, thresholdProblems } from './static-bands.js';

const changes = (bands: readonly Band[], start: Band) =>
  bands.filter((b, i) => b !== (i === 0 ? start : bands[i - 1])).length;

const band = fc.constantFrom<Band | null>(null, 'green', 'amber', 'red');

describe('static bands with hysteresis', () => {
  const npl: StaticThresholds = {
    direction: 'higher_is_worse',
    amber: 5,
    red: 10,
    hysteresis: { kind: 'absolute', value: 1 },
  };

  it('enters a worse band at the line and leaves it only a margin better', () => {
    expect(bandOf(4.9, npl, 'green')).toBe('green');
    expect(bandOf(5, npl, 'green')).toBe('amber');
    expect(bandOf(4.5, npl, 'amber')).toBe('amber'); // above 5 − 1: still amber
    expect(bandOf(4, npl, 'amber')).toBe('green'); // better by exactly the margin
    expect(bandOf(12, npl, 'green')).toBe('red');
    expect(bandOf(9.5, npl, 'red')).toBe('red');
    expect(bandOf(9, npl, 'red')).toBe('amber');
    expect(bandOf(4.5, npl, 'red')).toBe('amber'); // out of red, but within amber's margin
    expect(bandOf(3, npl, 'red')).toBe('green');
    expect(bandOf(4.5, npl, null)).toBe('green'); // the first evaluation sees the lines only
  });

  it('takes a share margin from each line', () => {
    const t: StaticThresholds = {
      direction: 'higher_is_worse',
      amber: 100,
      red: 200,
      hysteresis: { kind: 'share', value: 0.1 },
    };
    expect(bandsOf([150, 95, 90, 205, 185, 180], t)).toEqual([
      'amber',
      'amber',
      'green',
      'red',
      'red',
      'amber',
    ]);
  });

  it('mirrors higher-is-worse for lower-is-worse KRIs (a coverage ratio falling)', () => {
    const coverage: StaticThresholds = {
      direction: 'lower_is_worse',
      amber: 150,
      red: 120,
      hysteresis: { kind: 'absolute', value: 5 },
    };
    expect(bandsOf([160, 150, 153, 155, 119, 124, 125, 154, 155], coverage)).toEqual([
      'green',
      'amber',
      'amber',
      'green',
      'red',
      'red',
      'amber',
      'amber',
      'green',
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        band,
        (amber, gap, margin, share, value, previous) => {
          const hysteresis = share
            ? ({ kind: 'share', value: margin / 100 } as const)
            : ({ kind: 'absolute', value: margin } as const);
          const higher: StaticThresholds = {
            direction: 'higher_is_worse',
            amber,
            red: amber + gap,
            hysteresis,
          };
          const lower: StaticThresholds = {
            direction: 'lower_is_worse',
            amber: -amber,
            red: -amber - gap,
            hysteresis,
          };
          expect(bandOf(-value, lower, previous)).toBe(bandOf(value, higher, previous));
        },
      ),
    );
  });

  it('changes band once for a series oscillating around a line within the margin', () => {
    const scenario = fc
      .record({
        line: fc.integer({ min: -1000, max: 1000 }),
        margin: fc.double({ min: 0.01, max: 50, noNaN: true }),
      })
      .chain(({ line, margin }) =>
        fc.record({
          line: fc.constant(line),
          margin: fc.constant(margin),
          first: fc.double({ min: line, max: line + margin, maxExcluded: true, noNaN: true }),
          rest: fc.array(
            fc.double({
              min: line - margin,
              max: line + margin,
              minExcluded: true,
              maxExcluded: true,
              noNaN: true,
            }),
            { minLength: 1, maxLength: 60 },
          ),
        }),
      );
    fc.assert(
      fc.property(scenario, ({ line, margin, first, rest }) => {
        const series = [first, ...rest];
        const thresholds: StaticThresholds = {
          direction: 'higher_is_worse',
          amber: line,
          red: line + 1000,
          hysteresis: { kind: 'absolute', value: margin },
        };
        const bands = bandsOf(series, thresholds, 'green');
        expect(bands.every((b) => b === 'amber')).toBe(true);
        expect(changes(bands, 'green')).toBe(1);
        // Leaving needs the value a full margin below the line: one more change, back to green.
        expect(bandsOf([...series, line - margin], thresholds, 'green').at(-1)).toBe('green');
        // Without hysteresis the same series flaps at every crossing of the line.
        const flapping = bandsOf(
          series,
          { ...thresholds, hysteresis: { kind: 'absolute', value: 0 } },
          'green',
        );
        const crossings = series.filter(
          (v, i) => v >= line !== (i === 0 ? false : series[i - 1]! >= line),
        ).length;
        expect(changes(flapping, 'green')).toBe(crossings);
      }),
    );
  });

  it('ignores the previous band when there is no margin', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), band, (value, previous) => {
        const t: StaticThresholds = { direction: 'higher_is_worse', amber: 0, red: 10 };
        expect(bandOf(value, t, previous)).toBe(bandOf(value, t, null));
      }),
    );
  });

  it('refuses inconsistent thresholds in both languages', () => {
    expect(thresholdProblems(npl)).toEqual([]);
    const [wrongOrder] = thresholdProblems({ direction: 'higher_is_worse', amber: 10, red: 5 });
    expect(wrongOrder?.en).toMatch(/amber line \(10\) must not be above the red line \(5\)/);
    expect(wrongOrder?.zh).toMatch(/黄色阈值/);
    expect(thresholdProblems({ direction: 'lower_is_worse', amber: 5, red: 10 })).toHaveLength(1);
    expect(thresholdProblems({ ...npl, hysteresis: { kind: 'share', value: 1.5 } })).toHaveLength(1);
    expect(thresholdProblems({ ...npl, hysteresis: { kind: 'absolute', value: -1 } })).toHaveLength(1);
    expect(() => bandOf(1, { direction: 'sideways' as never, amber: 1, red: 2 }, null)).toThrow(RangeError);
    expect(() => bandOf(Number.NaN, npl, null)).toThrow(/NaN/);
  });
});
