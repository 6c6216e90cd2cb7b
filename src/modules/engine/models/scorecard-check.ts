/**
 * Every check a scorecard passes before it may score, besides its checksum: the shape of each part
 * (against the schemas of `scorecard-format.ts`, level by level so that every problem is reported),
 * then what a schema cannot say: numeric bins sorted, contiguous and covering (−∞, +∞), no category
 * or special value repeated, variable names unique, input paths readable, `spread` cards without base
 * points. A card that fails any of these would score some value wrongly or ambiguously.
 */
import Type, { type TSchema } from 'typebox';
import type { ErrorField } from '../../../kernel/errors.js';
import { compileInputPath, fieldPath } from './input-path.js';
import { schemaProblems } from './schema-problems.js';
import {
  CategoricalBin,
  CategoricalSpecial,
  CategoricalVariable,
  MissingBin,
  NumericBin,
  NumericSpecial,
  NumericVariable,
  SCORECARD_FORMAT,
  ScorecardDocument,
  ScorecardScaling,
  ScorecardTraining,
} from './scorecard-format.js';

const strict = { additionalProperties: false } as const;

/** The levels validated on their own; nested parts are `unknown` here and checked one by one. */
const TopLevel = Type.Object(
  {
    ...ScorecardDocument.properties,
    format: Type.String(),
    scaling: Type.Unknown(),
    variables: Type.Array(Type.Unknown(), { minItems: 1 }),
    training: Type.Unknown(),
    checksum: Type.Optional(ScorecardDocument.properties.checksum),
  },
  strict,
);

function variableLevel(schema: typeof NumericVariable | typeof CategoricalVariable): TSchema {
  return Type.Object(
    {
      ...schema.properties,
      bins: Type.Array(Type.Unknown(), { minItems: 1 }),
      missing: Type.Unknown(),
      special: Type.Array(Type.Unknown()),
    },
    strict,
  );
}
const NumericLevel = variableLevel(NumericVariable);
const CategoricalLevel = variableLevel(CategoricalVariable);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Lists every problem of an untrusted scorecard document except its checksum, with paths below
 * `base`. `requireChecksum` is false when checking a draft about to be sealed.
 */
export function checkScorecard(doc: unknown, base: string, requireChecksum: boolean): ErrorField[] {
  if (!isRecord(doc)) return [{ path: base, message: 'a scorecard must be a JSON object' }];
  const problems = schemaProblems(TopLevel, doc, base);
  if (doc['format'] !== undefined && doc['format'] !== SCORECARD_FORMAT) {
    problems.push({
      path: fieldPath(base, 'format'),
      message: `is ${JSON.stringify(doc['format'])}; this version reads ${SCORECARD_FORMAT}`,
    });
  }
  if (requireChecksum && doc['checksum'] === undefined) {
    problems.push({ path: fieldPath(base, 'checksum'), message: 'is required' });
  }
  if (doc['scaling'] !== undefined) {
    problems.push(...schemaProblems(ScorecardScaling, doc['scaling'], fieldPath(base, 'scaling')));
  }
  if (doc['training'] !== undefined) {
    problems.push(...trainingProblems(doc['training'], fieldPath(base, 'training')));
  }
  const scaling = doc['scaling'];
  if (isRecord(scaling) && scaling['intercept_mode'] === 'spread' && doc['base_points'] !== 0) {
    problems.push({
      path: fieldPath(base, 'base_points'),
      message: "must be 0 when scaling.intercept_mode is 'spread' (the intercept and offset are in the bins)",
    });
  }
  const variables = doc['variables'];
  if (Array.isArray(variables)) {
    const seen = new Map<unknown, number>();
    variables.forEach((variable, i) => {
      const at = fieldPath(fieldPath(base, 'variables'), i);
      problems.push(...variableProblems(variable, at));
      const name = isRecord(variable) ? variable['name'] : undefined;
      if (typeof name === 'string') {
        const first = seen.get(name);
        if (first !== undefined) {
          problems.push({ path: fieldPath(at, 'name'), message: `repeats the name of variables[${first}]` });
        } else seen.set(name, i);
      }
    });
  }
  return problems;
}

function trainingProblems(training: unknown, at: string): ErrorField[] {
  const problems = schemaProblems(ScorecardTraining, training, at);
  if (isRecord(training)) {
    const { rows, bads } = training;
    if (typeof rows === 'number' && typeof bads === 'number' && bads > rows) {
      problems.push({ path: fieldPath(at, 'bads'), message: 'must not exceed rows' });
    }
  }
  return problems;
}

function variableProblems(variable: unknown, at: string): ErrorField[] {
  if (!isRecord(variable)) return [{ path: at, message: 'a variable must be an object' }];
  const type = variable['type'];
  if (type !== 'numeric' && type !== 'categorical') {
    return [{ path: fieldPath(at, 'type'), message: "must be 'numeric' or 'categorical'" }];
  }
  const numeric = type === 'numeric';
  const problems = schemaProblems(numeric ? NumericLevel : CategoricalLevel, variable, at);
  const input = variable['input'];
  if (typeof input === 'string') {
    const compiled = compileInputPath(input);
    if (!compiled.ok) problems.push({ path: fieldPath(at, 'input'), message: compiled.message });
  }
  if (variable['missing'] !== undefined) {
    problems.push(...schemaProblems(MissingBin, variable['missing'], fieldPath(at, 'missing')));
  }
  const bins = Array.isArray(variable['bins']) ? (variable['bins'] as unknown[]) : [];
  const special = Array.isArray(variable['special']) ? (variable['special'] as unknown[]) : [];
  const binSchema = numeric ? NumericBin : CategoricalBin;
  const specialSchema = numeric ? NumericSpecial : CategoricalSpecial;
  const binProblems = bins.flatMap((bin, j) =>
    schemaProblems(binSchema, bin, fieldPath(fieldPath(at, 'bins'), j)),
  );
  const specialProblems = special.flatMap((s, j) =>
    schemaProblems(specialSchema, s, fieldPath(fieldPath(at, 'special'), j)),
  );
  problems.push(...binProblems, ...specialProblems);
  // The rules between bins only make sense once every bin has the right shape.
  if (binProblems.length === 0 && bins.length > 0) {
    if (numeric) problems.push(...intervalProblems(bins as IntervalBin[], fieldPath(at, 'bins')));
    else problems.push(...categoryProblems(bins as { categories: string[] }[], at));
  }
  if (specialProblems.length === 0) {
    const values = new Map<unknown, number>();
    (special as { value: unknown }[]).forEach((s, j) => {
      const first = values.get(s.value);
      if (first !== undefined) {
        problems.push({
          path: fieldPath(fieldPath(fieldPath(at, 'special'), j), 'value'),
          message: `repeats special[${first}]`,
        });
      } else values.set(s.value, j);
    });
    if (!numeric && binProblems.length === 0)
      problems.push(...specialInBins(special as { value: string }[], bins, at));
  }
  return problems;
}

interface IntervalBin {
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Sorted, contiguous, covering (−∞, +∞): each value then falls in exactly one bin. */
function intervalProblems(bins: readonly IntervalBin[], at: string): ErrorField[] {
  const problems: ErrorField[] = [];
  const last = bins.length - 1;
  bins.forEach((bin, j) => {
    const here = fieldPath(at, j);
    if (j === 0 && bin.lower !== null) {
      problems.push({
        path: fieldPath(here, 'lower'),
        message: 'must be null (−∞): the bins must cover every value',
      });
    }
    if (j === last && bin.upper !== null) {
      problems.push({
        path: fieldPath(here, 'upper'),
        message: 'must be null (+∞): the bins must cover every value',
      });
    }
    if (j > 0 && bin.lower === null) {
      problems.push({ path: fieldPath(here, 'lower'), message: 'only the first bin may start at −∞ (null)' });
    }
    if (j < last && bin.upper === null) {
      problems.push({ path: fieldPath(here, 'upper'), message: 'only the last bin may end at +∞ (null)' });
    }
    if (bin.lower !== null && bin.upper !== null && !(bin.lower < bin.upper)) {
      problems.push({ path: fieldPath(here, 'upper'), message: `must be greater than lower (${bin.lower})` });
    }
    const next = bins[j + 1];
    if (next !== undefined && bin.upper !== null && next.lower !== null && next.lower !== bin.upper) {
      problems.push({
        path: fieldPath(fieldPath(at, j + 1), 'lower'),
        message: `must equal bins[${j}].upper (${bin.upper}): bins must be sorted and contiguous`,
      });
    }
  });
  return problems;
}

/** A category in two bins would score by whichever bin is looked at first. */
function categoryProblems(bins: readonly { categories: readonly string[] }[], at: string): ErrorField[] {
  const problems: ErrorField[] = [];
  const seen = new Map<string, number>();
  bins.forEach((bin, j) => {
    bin.categories.forEach((category, k) => {
      const first = seen.get(category);
      if (first !== undefined) {
        problems.push({
          path: `${fieldPath(fieldPath(at, 'bins'), j)}.categories[${k}]`,
          message: `category ${JSON.stringify(category)} is already in bins[${first}]`,
        });
      } else seen.set(category, j);
    });
  });
  return problems;
}

function specialInBins(
  special: readonly { value: string }[],
  bins: readonly unknown[],
  at: string,
): ErrorField[] {
  const inBins = new Set((bins as { categories: string[] }[]).flatMap((b) => b.categories));
  return special.flatMap((s, j) =>
    inBins.has(s.value)
      ? [
          {
            path: fieldPath(fieldPath(fieldPath(at, 'special'), j), 'value'),
            message: `category ${JSON.stringify(s.value)} is also in an ordinary bin`,
          },
        ]
      : [],
  );
}
