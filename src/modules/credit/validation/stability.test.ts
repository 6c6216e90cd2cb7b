import { describe, expect, it } from 'vitest';
import { csi, EMPTY_BIN_SHARE, psi, stabilityVerdict } from './stability.js';

function repeat(pairs: readonly (readonly [number, number])[]): Float64Array {
  return Float64Array.from(pairs.flatMap(([value, times]) => Array<number>(times).fill(value)));
}

describe('psi', () => {
  it('reproduces a hand-computed index over given edges', () => {
    // Edges 500, 600, 700 → bands < 500 | [500, 600) | [600, 700) | ≥ 700.
    // Baseline 100 scores: 20 / 30 / 30 / 20 → e = .2 .3 .3 .2
    // Actual 100 scores:   10 / 20 / 40 / 30 → a = .1 .2 .4 .3 (the 20 at exactly 500 and the 30 at
    // exactly 700 fall in the band that starts there).
    //   (.1−.2)·ln(.1/.2) = −.1 · −.693147 = .069315
    //   (.2−.3)·ln(.2/.3) = −.1 · −.405465 = .040546
    //   (.4−.3)·ln(.4/.3) =  .1 ·  .287682 = .028768
    //   (.3−.2)·ln(.3/.2) =  .1 ·  .405465 = .040546
    // PSI = .179176 → between 0.1 and 0.25: watch.
    const baseline = repeat([
      [450, 20],
      [550, 30],
      [650, 30],
      [750, 20],
    ]);
    const actual = repeat([
      [450, 10],
      [500, 20],
      [650, 40],
      [700, 30],
    ]);
    const result = psi(baseline, actual, { edges: [500, 600, 700] });
    expect(result.index).toBeCloseTo(0.179176, 6);
    expect(result.verdict).toBe('watch');
    expect(result.label.zh).toBe('轻微偏移：需密切关注');
    expect(result.rows.map((r) => [r.label, r.expectedCount, r.actualCount])).toEqual([
      ['< 500', 20, 10],
      ['[500, 600)', 30, 20],
      ['[600, 700)', 30, 40],
      ['≥ 700', 20, 30],
    ]);
    expect(result.rows[0]!.contribution).toBeCloseTo(0.069315, 6);
  });

  it('substitutes 0.0001 for an empty share', () => {
    // e = .5 .5, a = 1 and 0 → 0 becomes .0001:
    //   (1−.5)·ln(1/.5) = .346574;  (.0001−.5)·ln(.0001/.5) = −.4999 · −8.517193 = 4.257745
    // PSI = 4.604318 → shift. The table keeps the true share 0.
    const result = psi([1, 1, 2, 2], [1, 1, 1, 1], { edges: [2] });
    expect(EMPTY_BIN_SHARE).toBe(0.0001);
    expect(result.index).toBeCloseTo(4.604318, 6);
    expect(result.verdict).toBe('shift');
    expect(result.rows[1]!.actualShare).toBe(0);
  });

  it('bins by the baseline deciles by default', () => {
    const baseline = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    const same = psi(baseline, baseline);
    expect(same.rows).toHaveLength(10);
    expect(same.rows.every((r) => r.expectedCount === 10)).toBe(true);
    expect(same.rows[1]).toMatchObject({ from: 11, to: 21 });
    expect(same.index).toBe(0);
    expect(same.verdict).toBe('stable');
    const shifted = psi(
      baseline,
      baseline.map((v) => v + 30),
    );
    expect(shifted.index).toBeGreaterThan(0.25);
  });

  it('refuses NaN scores and empty samples', () => {
    expect(() => psi([1, Number.NaN], [1])).toThrow(/NaN/);
    expect(() => psi([], [1])).toThrow(/empty/);
  });
});

describe('csi', () => {
  it('reproduces a hand-computed index over a variable’s bins', () => {
    // Bins 0, 1, 2 with baseline shares .5 .3 .2 and actual shares .4 .3 .3:
    //   (.4−.5)·ln(.4/.5) = .022314;  0;  (.3−.2)·ln(.3/.2) = .040547 → CSI = .062861, stable.
    const expected = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    const actual = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const result = csi(expected, actual, 3);
    expect(result.index).toBeCloseTo(0.062861, 6);
    expect(result.verdict).toBe('stable');
    expect(result.rows[1]!.contribution).toBe(0);
  });

  it('refuses a bin index outside the card’s bins', () => {
    expect(() => csi(Int32Array.from([0, 3]), Int32Array.from([0]), 3)).toThrow(/outside 0…2/);
  });
});

describe('stabilityVerdict', () => {
  it('applies the 0.1 / 0.25 rule of thumb, the thresholds counting as watch', () => {
    expect(stabilityVerdict(0.0999).verdict).toBe('stable');
    expect(stabilityVerdict(0.1).verdict).toBe('watch');
    expect(stabilityVerdict(0.25).verdict).toBe('watch');
    expect(stabilityVerdict(0.2501).verdict).toBe('shift');
    expect(stabilityVerdict(0.3).label.en).toMatch(/Significant shift/);
  });
});
