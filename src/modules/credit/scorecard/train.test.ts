import { describe, expect, it } from 'vitest';
import { readScorecard, writeScorecard } from '../../engine/index.js';
import { auc } from '../validation/auc.js';
import { readDataset } from './dataset.js';
import { readApplicantFile } from './labelled-file.js';
import { scoreBatch } from './score-batch.js';
import { syntheticCsv } from './synthetic.js';
import { trainScorecard } from './train.js';

// 20,000 rows: on much smaller samples a noise variable can pass the IV filter by chance, as in any scorecard tool.
const CSV = syntheticCsv(20_000, 7);
const data = (() => {
  const r = readDataset(CSV, { target: 'bad', specialAll: ['-999'] });
  if (!r.ok) throw new Error(r.message.en);
  return r.dataset;
})();
const trained = trainScorecard(data, { name: 'synthetic_app' });
const file = readApplicantFile(CSV, 'bad');

describe('trainScorecard with the default settings', () => {
  it('keeps the variables that carry risk and leaves the noise out', () => {
    const kept = trained.variables.filter((v) => v.status === 'kept').map((v) => v.name);
    for (const strong of ['age', 'monthly_income', 'debt_ratio', 'delinquencies_2y'])
      expect(kept).toContain(strong);
    for (const noise of ['noise_1', 'noise_2', 'noise_3', 'noise_4', 'device_os', 'channel']) {
      expect(kept).not.toContain(noise);
    }
    expect(trained.card.variables.map((v) => v.name)).toEqual(
      trained.variables
        .filter((v) => v.status === 'kept')
        .map((v) => v.name)
        .sort(
          (a, b) =>
            trained.card.variables.findIndex((v) => v.name === a) -
            trained.card.variables.findIndex((v) => v.name === b),
        ),
    );
    expect(trained.auc).toBeGreaterThan(0.72);
    expect(trained.ks).toBeGreaterThan(0.3);
  });

  it('gives every kept variable a negative coefficient (more points for fewer bads), never a wrong sign', () => {
    for (const v of trained.variables.filter((x) => x.status === 'kept'))
      expect(v.coefficient).toBeLessThan(0);
  });

  it('bins numeric variables with monotonic bad rates by default', () => {
    for (const v of trained.card.variables) {
      if (v.type !== 'numeric' || v.bins.length < 2) continue;
      const rates = v.bins.map((b) => b.bad_rate as number);
      const up = rates.every((r, i) => i === 0 || r > (rates[i - 1] as number));
      const down = rates.every((r, i) => i === 0 || r < (rates[i - 1] as number));
      expect(up || down, `${v.name}: ${rates.join(', ')}`).toBe(true);
    }
  });

  it('scores the training file exactly as training did, and identically after the card is written and read back', () => {
    const before = scoreBatch(trained.card, file.header, file.rows, { reasons: 0 });
    // The card's lookup reproduces the training AUC: training's bin assignment and the card agree.
    expect(auc(before.scores, file.target as Uint8Array, { higherIs: 'good' }).auc).toBeCloseTo(
      trained.auc,
      12,
    );
    const reloaded = readScorecard(writeScorecard(trained.card));
    if (!reloaded.ok) throw new Error(JSON.stringify(reloaded.problems));
    const after = scoreBatch(reloaded.card, file.header, file.rows, { reasons: 0 });
    expect(after.scores).toEqual(before.scores);
    expect(after.probabilities).toEqual(before.probabilities);
  });

  it('records the PSI and CSI baselines and the scaling in the card', () => {
    const t = trained.card.training as Record<string, unknown>;
    const dist = t['score_distribution'] as { edges: number[]; counts: number[] };
    expect(dist.counts.reduce((s, c) => s + c, 0)).toBe(data.rows);
    expect(dist.counts).toHaveLength(dist.edges.length + 1);
    for (const v of trained.card.variables) {
      const total = [...v.bins.map((b) => b.count), v.missing.count, ...v.special.map((s) => s.count)].reduce(
        (s: number, c) => s + (c as number),
        0,
      );
      expect(total, v.name).toBe(data.rows);
    }
    expect(trained.card.scaling).toEqual({ pdo: 20, base_score: 600, base_odds: 50, intercept_mode: 'base' });
  });

  it('puts the scaling where it belongs: pdo points double the odds', () => {
    const scored = scoreBatch(trained.card, file.header, file.rows.slice(0, 200), { reasons: 0 });
    for (let i = 0; i < 200; i++) {
      const p = scored.probabilities[i] as number;
      const s = scored.scores[i] as number;
      // score = offset + factor·ln(odds), odds = (1 − p)/p, factor = 20/ln 2, offset = 600 − factor·ln 50.
      const factor = 20 / Math.LN2;
      expect(600 - factor * Math.log(50) + factor * Math.log((1 - p) / p)).toBeCloseTo(s, 6);
    }
  });

  it('trains with each binning method and with manual bins', () => {
    for (const method of ['chimerge', 'tree'] as const) {
      const r = trainScorecard(data, { method });
      expect(r.auc, method).toBeGreaterThan(0.7);
    }
    const manual = trainScorecard(data, { manual: { age: { edges: [25, 40, 55] } }, selection: 'none' });
    const age = manual.card.variables.find((v) => v.name === 'age');
    expect(age?.type === 'numeric' && age.bins.map((b) => b.lower)).toEqual([null, 25, 40, 55]);
  });
});
