/**
 * `fengkong.scorecard/v1`: the one self-contained JSON file a trained scorecard travels in, from the
 * credit module's training to the decision engine, to an auditor and back. It holds everything needed
 * to score and to explain a score (bins, WOE, points, scaling, the variable list, training metadata)
 * and a checksum, so a card scores identically after it is reloaded anywhere and any edit is detected.
 *
 * Conventions (fixed by this format, relied on by every reader and writer):
 * - WOE of a bin = ln(%good / %bad), where %good is the bin's share of all goods and %bad its share of
 *   all bads (Siddiqi, *Credit Risk Scorecards*, Wiley 2006, "Weight of Evidence"): a positive WOE
 *   means fewer bads than average. The logistic regression behind the points models P(bad), so its
 *   coefficients on WOE inputs are normally negative; odds are good:bad.
 * - Scaling (Siddiqi 2006, "Scaling"): score = offset + factor·ln(odds), factor = pdo / ln 2,
 *   offset = base_score − factor·ln(base_odds); points of a bin = −(woe·β + α/n)·factor + offset/n for
 *   a variable with coefficient β, intercept α and n variables (see `scaling.ts`).
 * - A higher score means lower risk. Score = `base_points` + Σ over variables of the points of the
 *   one bin the variable's value falls in.
 * - Numeric bins are half-open intervals [lower, upper): a value exactly on an edge belongs to the bin
 *   whose lower bound it is. `lower: null` is −∞ and `upper: null` is +∞; the bins are sorted,
 *   contiguous and cover the whole line.
 * - Order of resolution for one value: absent or null (or NaN) → `missing`; equal to a `special`
 *   value → that special bin; otherwise the ordinary bins; a categorical value found in no bin →
 *   `else_points`, or a scoring error when the card declares none. A value of the wrong type (a
 *   string for a numeric variable, an object for any) is a scoring error, never a silent bin.
 * - `special` is always present (possibly empty), so a reader never has to guess a default.
 * - `checksum` = "sha256:" + hex SHA-256 of the RFC 8785 canonical JSON (kernel/canonical-json.ts) of
 *   the whole document without the `checksum` member.
 */
import Type, { type Static } from 'typebox';

/** The value of `format` this version reads and writes. */
export const SCORECARD_FORMAT = 'fengkong.scorecard/v1';

const strict = { additionalProperties: false } as const;

/** How points map to odds: `pdo` points double the good:bad odds; `base_score` points mean `base_odds`. */
export const ScorecardScaling = Type.Object(
  {
    pdo: Type.Number({ exclusiveMinimum: 0, description: 'Points to double the odds / 翻倍比率所需分数' }),
    base_score: Type.Number({ description: 'Score at which the odds are base_odds / 基准分' }),
    base_odds: Type.Number({ exclusiveMinimum: 0, description: 'Good:bad odds at base_score / 基准好坏比' }),
    intercept_mode: Type.Union([Type.Literal('base'), Type.Literal('spread')], {
      description:
        "'base': the intercept and offset are in base_points; 'spread': they are spread evenly over the variables' points (α/n, offset/n) and base_points is 0 / 截距处理方式",
    }),
  },
  strict,
);

/** The statistics every bin carries: WOE, points, and optionally what training saw in it. */
const binFields = {
  woe: Type.Number({ description: 'Weight of evidence, ln(%good / %bad) / 证据权重' }),
  points: Type.Number({ description: 'Points given when the value falls in this bin / 分值' }),
  count: Type.Optional(Type.Integer({ minimum: 0, description: 'Training rows in the bin / 训练样本数' })),
  bad_rate: Type.Optional(
    Type.Number({ minimum: 0, maximum: 1, description: 'Share of bads in the bin / 坏样本率' }),
  ),
};

/** A numeric bin: the half-open interval [lower, upper); null bounds are −∞ and +∞. */
export const NumericBin = Type.Object(
  {
    lower: Type.Union([Type.Number(), Type.Null()], {
      description: 'Inclusive lower bound; null is −∞ / 下界（含）',
    }),
    upper: Type.Union([Type.Number(), Type.Null()], {
      description: 'Exclusive upper bound; null is +∞ / 上界（不含）',
    }),
    ...binFields,
  },
  strict,
);

/** A categorical bin: the categories grouped into it (a category appears in one bin only). */
export const CategoricalBin = Type.Object(
  {
    categories: Type.Array(Type.String({ maxLength: 200 }), {
      minItems: 1,
      description: 'Categories of the bin / 类别',
    }),
    ...binFields,
  },
  strict,
);

/** The bin of absent or null values. */
export const MissingBin = Type.Object(binFields, strict);

/** A declared special value of a numeric variable (`-999` for "no bureau record"), scored on its own. */
export const NumericSpecial = Type.Object({ value: Type.Number(), ...binFields }, strict);

/** A declared special value of a categorical variable, scored on its own, never in an ordinary bin. */
export const CategoricalSpecial = Type.Object(
  { value: Type.String({ maxLength: 200 }), ...binFields },
  strict,
);

/** Display names of a variable, used in reason texts. */
export const VariableLabel = Type.Object({ en: Type.String(), zh: Type.String() }, strict);

const variableFields = {
  name: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$', description: 'Variable name / 变量名' }),
  input: Type.String({
    description: 'Where the value is read: features.x, data.a.b, subject.k or models.m / 取值路径',
  }),
  label: Type.Optional(VariableLabel),
};

/** A numeric variable: its bins, its missing bin and its special values. */
export const NumericVariable = Type.Object(
  {
    ...variableFields,
    type: Type.Literal('numeric'),
    bins: Type.Array(NumericBin, {
      minItems: 1,
      description: 'Sorted, contiguous, covering (−∞, +∞) / 分箱',
    }),
    missing: MissingBin,
    special: Type.Array(NumericSpecial, { description: 'Special values, checked before the bins / 特殊值' }),
  },
  strict,
);

/**
 * A categorical variable. Numbers and booleans given to it are looked up by their JSON text (`11`,
 * `true`). A category not in any bin takes `else_points` or, without it, fails the score.
 */
export const CategoricalVariable = Type.Object(
  {
    ...variableFields,
    type: Type.Literal('categorical'),
    bins: Type.Array(CategoricalBin, { minItems: 1 }),
    missing: MissingBin,
    special: Type.Array(CategoricalSpecial),
    else_points: Type.Optional(
      Type.Number({ description: 'Points of a category unseen in training / 未见类别分值' }),
    ),
  },
  strict,
);

/** One variable of the card. */
export const ScorecardVariable = Type.Union([NumericVariable, CategoricalVariable]);

/** Training metadata; free members beyond the named ones (sample window, bin method, IV per variable). */
export const ScorecardTraining = Type.Object(
  {
    rows: Type.Integer({ minimum: 1, description: 'Training rows / 训练样本数' }),
    bads: Type.Integer({ minimum: 0, description: 'Bad rows among them / 坏样本数' }),
    auc: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: 'Area under the ROC curve / AUC' }),
    ),
    ks: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: 'Kolmogorov–Smirnov statistic / KS' }),
    ),
    trained_at: Type.String({
      format: 'date-time',
      description: 'When training ended (RFC 3339) / 训练时间',
    }),
    target: Type.String({ minLength: 1, description: 'What "bad" means, e.g. dpd30_in_6m / 目标定义' }),
  },
  { additionalProperties: true },
);

/** The whole scorecard file. */
export const ScorecardDocument = Type.Object(
  {
    format: Type.Literal(SCORECARD_FORMAT),
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Name of the card / 评分卡名称' }),
    scaling: ScorecardScaling,
    base_points: Type.Number({ description: 'Points every applicant starts with / 基础分' }),
    variables: Type.Array(ScorecardVariable, { minItems: 1 }),
    training: ScorecardTraining,
    checksum: Type.String({
      pattern: '^sha256:[0-9a-f]{64}$',
      description: 'sha256:<hex> of the rest / 校验和',
    }),
  },
  strict,
);

/** A scorecard file, verified. */
export type ScorecardDocument = Static<typeof ScorecardDocument>;
/** A scorecard before its checksum is filled (what training produces). */
export type ScorecardDraft = Omit<ScorecardDocument, 'checksum'> & { readonly checksum?: string };
/** One variable. */
export type ScorecardVariable = Static<typeof ScorecardVariable>;
/** A numeric variable. */
export type NumericVariable = Static<typeof NumericVariable>;
/** A categorical variable. */
export type CategoricalVariable = Static<typeof CategoricalVariable>;
/** The scaling parameters. */
export type ScorecardScaling = Static<typeof ScorecardScaling>;
