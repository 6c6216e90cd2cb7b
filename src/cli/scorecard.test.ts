import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFengkong } from '../../test/support/cli.js';
import { syntheticCsv } from '../modules/credit/index.js';

describe('fengkong scorecard', () => {
  let dir: string;
  const at = (name: string) => join(dir, name);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fk-scorecard-'));
    writeFileSync(at('train.csv'), syntheticCsv(12_000, 3));
    writeFileSync(at('test.csv'), syntheticCsv(3000, 4));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains a card, printing the variables kept with their IV and the training AUC and KS', async () => {
    const run = await runFengkong([
      'scorecard',
      'train',
      '--data',
      at('train.csv'),
      '--target',
      'bad',
      '--exclude',
      'noise_4',
      '--method',
      'monotonic',
      '--pdo',
      '20',
      '--base-score',
      '600',
      '--base-odds',
      '50',
      '--out',
      at('card.json'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/age\s+IV 0\.\d{4}\s+\d+ bins\s+kept/);
    expect(run.stdout).toMatch(/training AUC 0\.\d{4}\s+KS 0\.\d{4}/);
    expect(run.stdout).not.toContain('noise_4');
    const card = JSON.parse(readFileSync(at('card.json'), 'utf8'));
    expect(card.format).toBe('fengkong.scorecard/v1');
    expect(card.checksum).toMatch(/^sha256:/);
  });

  it('scores a file: id, score, probability of bad and reasons per row', async () => {
    const run = await runFengkong([
      'scorecard',
      'score',
      '--card',
      at('card.json'),
      '--data',
      at('test.csv'),
      '--out',
      at('scores.csv'),
    ]);
    expect(run.code).toBe(0);
    const lines = readFileSync(at('scores.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,score,probability,reasons');
    expect(lines).toHaveLength(3001);
    const [id, score, p, reasons] = (lines[1] as string).split(',');
    expect(id).toBe('A0000001');
    expect(Number(score)).toBeGreaterThan(300);
    expect(Number(p)).toBeGreaterThan(0);
    expect(Number(p)).toBeLessThan(1);
    expect(reasons?.split(';').length).toBeGreaterThan(0);
  });

  it('reports AUC, KS, lift, calibration and PSI against a baseline as JSON', async () => {
    const run = await runFengkong([
      'scorecard',
      'report',
      '--card',
      at('card.json'),
      '--data',
      at('test.csv'),
      '--target',
      'bad',
      '--baseline',
      at('train.csv'),
      '--json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.validation.auc).toBeGreaterThan(0.7);
    expect(report.validation.ks.table).toHaveLength(10);
    expect(report.validation.lift.rows).toHaveLength(10);
    expect(report.validation.hosmerLemeshow.df).toBe(8);
    expect(report.validation.psi.verdict).toBe('stable');
    expect(report.csi.length).toBeGreaterThan(3);
  });

  it('refuses a corrupted card and a file that lacks a variable, in one line with exit code 1', async () => {
    const text = readFileSync(at('card.json'), 'utf8').replace('"base_points": ', '"base_points": 1');
    writeFileSync(at('corrupt.json'), text);
    const corrupt = await runFengkong([
      'scorecard',
      'score',
      '--card',
      at('corrupt.json'),
      '--data',
      at('test.csv'),
      '--out',
      at('x.csv'),
    ]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/^fengkong: .*corrupt\.json is not a valid scorecard: .*checksum/);
    expect(corrupt.stderr.trim().split('\n')).toHaveLength(1);
    writeFileSync(at('thin.csv'), 'id,age\nA1,30\n');
    const thin = await runFengkong([
      'scorecard',
      'score',
      '--card',
      at('card.json'),
      '--data',
      at('thin.csv'),
      '--out',
      at('x.csv'),
    ]);
    expect(thin.code).toBe(1);
    expect(thin.stderr).toMatch(/has no column/);
    const method = await runFengkong([
      'scorecard',
      'train',
      '--data',
      at('train.csv'),
      '--target',
      'bad',
      '--method',
      'forest',
      '--out',
      at('y.json'),
    ]);
    expect(method.code).toBe(1);
    expect(method.stderr).toContain('--method must be chimerge, tree or monotonic');
    const target = await runFengkong([
      'scorecard',
      'train',
      '--data',
      at('train.csv'),
      '--target',
      'outcome',
      '--out',
      at('y.json'),
    ]);
    expect(target.code).toBe(1);
    expect(target.stderr).toContain('outcome');
  });

  it('takes manual bins, forced types, the intercept spread over the variables and AUC stepwise', async () => {
    writeFileSync(
      at('bins.json'),
      JSON.stringify({
        age: { edges: [30, 45] },
        term_months: {
          groups: [
            ['3', '6'],
            ['12', '24', '36'],
          ],
        },
      }),
    );
    const run = await runFengkong([
      'scorecard',
      'train',
      '--data',
      at('train.csv'),
      '--target',
      'bad',
      '--categorical',
      'term_months',
      '--bins',
      at('bins.json'),
      '--intercept',
      'spread',
      '--selection',
      'auc',
      '--min-iv',
      '0',
      '--out',
      at('manual.json'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const card = JSON.parse(readFileSync(at('manual.json'), 'utf8'));
    expect(card.scaling.intercept_mode).toBe('spread');
    expect(card.base_points).toBe(0);
    const age = card.variables.find((v: { name: string }) => v.name === 'age');
    if (age) expect(age.bins.map((b: { lower: number | null }) => b.lower)).toEqual([null, 30, 45]);
    const term = card.variables.find((v: { name: string }) => v.name === 'term_months');
    if (term) expect(term.type).toBe('categorical');
    const bad = await runFengkong([
      'scorecard',
      'train',
      '--data',
      at('train.csv'),
      '--target',
      'bad',
      '--intercept',
      'middle',
      '--out',
      at('z.json'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--intercept must be base, spread');
  });
});
