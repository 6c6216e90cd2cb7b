/**
 * A verified scorecard compiled for the hot path. Each variable's value is read, its bin found (the
 * ordinary bins, then `missing`, then the special values, then `else`, see `bin-lookup.ts`), and the
 * score is `base_points` plus the points of those bins, added in the card's order. The score runs as
 * one generated function (`scorecard-codegen.ts`); `explain`, reason codes and the fallback run through
 * closures over the same lookup functions, and the tests hold both to the same results.
 */
import type { Model, ModelDetails, ModelReason, RuleInput } from '../contracts.js';
import { categoricalBinIndex, numericBinIndex } from './bin-lookup.js';
import { compileInputPath } from './input-path.js';
import type { DeclaredModel } from './model-result.js';
import { type GeneratedVariable, generateScorecardScore } from './scorecard-codegen.js';
import type { ScorecardDocument, ScorecardVariable } from './scorecard-format.js';
import { rankReasons } from './scorecard-reasons.js';

/** How many reason codes a decision keeps per scorecard (adverse-action notices commonly give four). */
export const DECISION_REASON_CODES = 4;

/** Where a value fell: an ordinary bin, the missing bin, a special value, or an unseen category. */
export type BinPlace =
  | { readonly kind: 'bin'; readonly index: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'special'; readonly index: number }
  | { readonly kind: 'else' };

/** One variable's part of a score. */
export interface VariableScore {
  readonly variable: ScorecardVariable;
  readonly place: BinPlace;
  readonly points: number;
  /** The most points this variable can give (over all its bins, missing, special and else). */
  readonly maxPoints: number;
}

/** What a variable's bin contributes to a decision's reasons and outputs. */
interface SlotReason {
  readonly name: string;
  readonly shortfall: number;
  readonly reason: ModelReason | null;
}

function slotReason(part: VariableScore): SlotReason {
  const [r] = rankReasons([part], 1, 'en');
  const reason = r
    ? Object.freeze({ variable: r.variable, points: r.points, max_points: r.max_points, en: r.en, zh: r.zh })
    : null;
  return { name: part.variable.name, shortfall: part.maxPoints - part.points, reason };
}

/** A scorecard as a {@link Model}, with its card and a per-variable breakdown for reason codes. */
export interface ScorecardModel extends DeclaredModel {
  readonly kind: 'scorecard';
  readonly card: ScorecardDocument;
  /** Each variable's bin and points for one input, in the card's order. */
  breakdown(input: RuleInput): readonly VariableScore[];
  /** The top reason codes and each variable's bin index, kept with a decision. */
  details(input: RuleInput): ModelDetails;
  /**
   * Scores `rows` applicants given as one array of values per variable, in the card's order, with the
   * same lookups as `score` (a file scored in batch agrees with the engine row for row). Throws, like
   * `score`, on a value of the wrong type.
   */
  scoreColumns(
    columns: readonly ArrayLike<unknown>[],
    rows: number,
  ): { scores: Float64Array; bins: Int32Array[] };
}

/** Whether a model from the factory is a scorecard (and so has a card and reason codes). */
export function isScorecardModel(model: Model): model is ScorecardModel {
  return model.kind === 'scorecard' && 'breakdown' in model && 'card' in model;
}

/** A variable ready to score: its tables (for the generated code) and its closure (for the rest). */
interface CompiledVariable extends GeneratedVariable {
  readonly variable: ScorecardVariable;
  /** Index into `points`: bins 0…m−1, missing m, special m+1…, else last (see `bin-lookup.ts`). */
  readonly locate: (input: RuleInput) => number;
  /** The same lookup for a value already read (batch scoring of columns). */
  readonly locateValue: (value: unknown) => number;
  readonly specials: number;
  readonly maxPoints: number;
}

function compileVariable(variable: ScorecardVariable): CompiledVariable {
  const compiled = compileInputPath(variable.input);
  if (!compiled.ok) throw new Error(`variable ${variable.name}: ${compiled.message}`); // verified on load
  const { read } = compiled;
  const m = variable.bins.length;
  const path = variable.input;
  const points = [
    ...variable.bins.map((b) => b.points),
    variable.missing.points,
    ...variable.special.map((s) => s.points),
  ];
  const common = {
    variable,
    path,
    plan: { root: compiled.root, keys: compiled.keys },
    bins: m,
    specials: variable.special.length,
  };
  if (variable.type === 'numeric') {
    const edges = Float64Array.from(variable.bins.slice(1), (b) => b.lower as number);
    const specials = Float64Array.from(variable.special, (s) => s.value);
    return {
      ...common,
      locate: (input) => numericBinIndex(read(input), edges, specials, m, path),
      locateValue: (value) => numericBinIndex(value, edges, specials, m, path),
      points: Float64Array.from(points),
      maxPoints: Math.max(...points),
      numeric: { edges, specials },
    };
  }
  const index = new Map<string, number>();
  variable.bins.forEach((bin, i) => {
    for (const category of bin.categories) index.set(category, i);
  });
  variable.special.forEach((s, i) => {
    index.set(s.value, m + 1 + i);
  });
  let elseIndex = -1;
  if (variable.else_points !== undefined) {
    elseIndex = points.length;
    points.push(variable.else_points);
  }
  return {
    ...common,
    locate: (input) => categoricalBinIndex(read(input), index, m, elseIndex, path),
    locateValue: (value) => categoricalBinIndex(value, index, m, elseIndex, path),
    points: Float64Array.from(points),
    maxPoints: Math.max(...points),
    categorical: { index, elseIndex },
  };
}

function place(v: CompiledVariable, index: number): BinPlace {
  if (index < v.bins) return { kind: 'bin', index };
  if (index === v.bins) return { kind: 'missing' };
  if (index <= v.bins + v.specials) return { kind: 'special', index: index - v.bins - 1 };
  return { kind: 'else' };
}

/**
 * Compiles a verified card (from `loadScorecard` or `readScorecard`) into a model named `name`. Its
 * score is the card's total points; `explain` gives each variable's points. `generate: false` keeps
 * the closure implementation (what runs where code generation is forbidden).
 */
export function compileScorecard(
  card: ScorecardDocument,
  name: string = card.name,
  options: { readonly generate?: boolean; readonly source?: string } = {},
): ScorecardModel {
  const variables = card.variables.map(compileVariable);
  const n = variables.length;
  const locators = variables.map((v) => v.locate);
  const points = variables.map((v) => v.points);
  const base = card.base_points;
  const interpreted = (input: RuleInput): number => {
    let total = base;
    for (let i = 0; i < n; i++) {
      total += (points[i] as Float64Array)[(locators[i] as (input: RuleInput) => number)(input)] as number;
    }
    return total;
  };
  const score = (options.generate === false ? null : generateScorecardScore(variables, base)) ?? interpreted;
  const partsOf = (indexes: readonly number[]): VariableScore[] =>
    variables.map((v, i) => {
      const index = indexes[i] as number;
      return {
        variable: v.variable,
        place: place(v, index),
        points: v.points[index] as number,
        maxPoints: v.maxPoints,
      };
    });
  // Per variable and bin slot: the shortfall and the reason sentence (none at the best points).
  const slotReasons: (readonly SlotReason[])[] = variables.map((v) =>
    Array.from(v.points, (points, slot) =>
      slotReason({ variable: v.variable, place: place(v, slot), points, maxPoints: v.maxPoints }),
    ),
  );
  const model: ScorecardModel = {
    name,
    kind: 'scorecard',
    card,
    inputs: card.variables.map((v) => v.input),
    outputs: card.variables.map((v) => v.name),
    score,
    explain(input) {
      const out: Record<string, number> = {};
      for (const v of variables) out[v.variable.name] = v.points[v.locate(input)] as number;
      return out;
    },
    breakdown(input) {
      return partsOf(variables.map((v) => v.locate(input)));
    },
    scoreColumns(columns, rows) {
      if (columns.length !== n) throw new RangeError(`expected ${n} columns, got ${columns.length}`);
      const scores = new Float64Array(rows).fill(base);
      const bins = variables.map((v, i) => {
        const column = columns[i] as ArrayLike<unknown>;
        const table = v.points;
        const locate = v.locateValue;
        const out = new Int32Array(rows);
        for (let r = 0; r < rows; r++) {
          const b = locate(column[r]);
          out[r] = b;
          scores[r] = (scores[r] as number) + (table[b] as number);
        }
        return out;
      });
      return { scores, bins };
    },
    details(input) {
      // One lookup per variable serves the reasons, the bins and the shortfalls alike; the reason of
      // a variable depends only on its bin, so its sentences are written once per bin (`slotReasons`).
      const bins: number[] = new Array(n);
      const outputs: Record<string, number> = {};
      // The top DECISION_REASON_CODES by shortfall, ties in the card's order (as `rankReasons`), kept
      // by insertion: a card has a handful of variables, and a sort with a comparator cost more.
      const top: SlotReason[] = [];
      for (let i = 0; i < n; i++) {
        const bin = (variables[i] as CompiledVariable).locate(input);
        bins[i] = bin;
        const reason = (slotReasons[i] as readonly SlotReason[])[bin] as SlotReason;
        outputs[reason.name] = reason.shortfall;
        const shortfall = reason.shortfall;
        if (shortfall <= 0) continue;
        let at = top.length;
        while (at > 0 && (top[at - 1] as SlotReason).shortfall < shortfall) at--;
        if (at >= DECISION_REASON_CODES) continue;
        top.splice(at, 0, reason);
        if (top.length > DECISION_REASON_CODES) top.length = DECISION_REASON_CODES;
      }
      const reasons: ModelReason[] = new Array(top.length);
      for (let k = 0; k < top.length; k++) reasons[k] = (top[k] as SlotReason).reason as ModelReason;
      return { source: options.source ?? card.name, checksum: card.checksum, reasons, bins, outputs };
    },
  };
  return model;
}
