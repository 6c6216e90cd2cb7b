import { describe, expect, it } from 'vitest';
import { auc } from './auc.js';
import { brierScore, hosmerLemeshow } from './calibration.js';
import type { HigherIs } from './input.js';
import { ks } from './ks.js';
import { validationReport } from './report.js';

/** A reproducible sample: points on a PDO-20 scale, probabilities derived from the points, outcomes drawn from them. */
function sample(
  n: number,
  seed: number,
): { points: Float64Array; probabilities: Float64Array; y: Uint8Array } {
  let state = seed;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const points = new Float64Array(n);
  const probabilities = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    points[i] = Math.round(560 + 80 * (random() + random() - 1));
    // 600 points at odds 50:1, 20 points to double the odds.
    probabilities[i] = 1 / (1 + 50 * 2 ** ((points[i]! - 600) / 20));
    y[i] = random() < probabilities[i]! ? 1 : 0;
  }
  return { points, probabilities, y };
}

describe('validationReport', () => {
  const { points, probabilities, y } = sample(2000, 7);

  it('gathers the same figures as the individual metrics', () => {
    const report = validationReport({ scores: points, probabilities, y, higherIs: 'good' });
    expect(report.auc).toBe(auc(points, y, { higherIs: 'good' }).auc);
    expect(report.gini).toBeCloseTo(2 * report.auc - 1, 12);
    expect(report.ks).toEqual(ks(points, y, { higherIs: 'good' }));
    expect(report.hosmerLemeshow).toEqual(hosmerLemeshow(probabilities, y));
    expect(report.brier).toBe(brierScore(probabilities, y));
    expect(report.sample.count).toBe(2000);
    expect(report.sample.bads + report.sample.goods).toBe(2000);
    expect(report.lift.rows.length).toBeGreaterThan(5);
    expect(report.scoreBands.reduce((s, r) => s + r.count, 0)).toBe(2000);
    expect(report.psi).toBeNull();
    expect(report.warnings).toEqual([]);
  });

  it('is plain data that survives JSON unchanged', () => {
    const baseline = sample(1500, 11).points;
    const report = validationReport({
      scores: points,
      probabilities,
      y,
      higherIs: 'good',
      baseline,
      bands: [500, 550, 600],
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.psi?.verdict).toBe('stable');
    expect(report.scoreBands.map((b) => b.label)).toEqual(['< 500', '[500, 550)', '[550, 600)', '≥ 600']);
  });

  it('warns when the direction looks inverted', () => {
    const report = validationReport({ scores: points, probabilities, y, higherIs: 'bad' });
    expect(report.auc).toBeLessThan(0.5);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]!.en).toMatch(/check higherIs/);
    expect(report.warnings[0]!.zh).toMatch(/请检查 higherIs/);
  });

  it('refuses a report without a direction', () => {
    expect(() =>
      validationReport({ scores: points, probabilities, y, higherIs: undefined as unknown as HigherIs }),
    ).toThrow(/higherIs must be/);
  });
});
