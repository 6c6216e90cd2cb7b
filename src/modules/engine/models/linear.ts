/**
 * The `linear` and `logistic` model kinds: a linear predictor z = b0 + Σ bᵢxᵢ over declared inputs,
 * returned as it is (`linear`) or through the logistic function 1 / (1 + e^−z) (`logistic`, a
 * probability). These are what a risk team exports from a regression fitted offline, written into
 * the policy as numbers so that a reviewer sees every coefficient.
 *
 * Declaration:
 * ```yaml
 * - name: fraud_lr
 *   kind: logistic
 *   intercept: -4.2
 *   coefficients: { features.tx_count_1h: 0.31, data.amount: 0.00002 }
 *   missing: error            # or zero, or a number, or per input: { data.amount: 0 }
 * ```
 */
import type { ErrorField } from '../../../kernel/errors.js';
import type { RuleInput } from '../contracts.js';
import {
  generateFunction,
  READ_HELPER_NAMES,
  READ_HELPERS,
  type ReadPlan,
  readStatements,
  rootDeclarations,
} from './generated-read.js';
import {
  checkMissingPolicy,
  compileInputPath,
  fieldPath,
  type InputAccessor,
  type MissingPolicy,
  numericValue,
  unknownFields,
} from './input-path.js';
import type { CreateModelResult, DeclaredModel } from './model-result.js';

const FIELDS = ['name', 'kind', 'intercept', 'coefficients', 'missing'] as const;

/**
 * The logistic function σ(z) = 1 / (1 + e^−z), computed without overflow: for z < 0 it is written
 * e^z / (1 + e^z), so the exponential is never of a large positive number (e^800 is Infinity in
 * doubles). σ(±800) is exactly 1 and 0, and σ(−700) keeps its full relative precision.
 */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** One declared term bᵢxᵢ. */
interface Term {
  readonly path: string;
  readonly weight: number;
  readonly read: InputAccessor;
  readonly plan: ReadPlan;
}

/**
 * The predictor z = b0 + Σ bᵢxᵢ as one generated function with the reads inlined (see
 * `generated-read.ts`), adding in declaration order like the closures; null where code generation is
 * forbidden. `v - v === 0` holds exactly for finite numbers; anything else goes through the policy.
 */
function generatedPredictor(
  terms: readonly Term[],
  converts: readonly ((value: unknown) => number)[],
  b0: number,
): ((input: RuleInput) => number) | null {
  const body = [
    ...terms.map((_, i) => `const w${i} = W[${i}].weight, f${i} = F[${i}];`),
    'return function predictor(input) {',
    rootDeclarations(terms.map((t) => t.plan)),
    'let z = b0, c, v;',
    ...terms.flatMap((t, i) => [
      readStatements(t.plan),
      `z += w${i} * (typeof v === 'number' && v - v === 0 ? v : f${i}(v));`,
    ]),
    'return z;',
    '};',
  ].join('\n');
  return generateFunction(
    [...READ_HELPER_NAMES, 'W', 'F', 'b0'],
    [...READ_HELPERS, terms, converts, b0],
    body,
  );
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Builds a `linear` or `logistic` model from its declaration, or lists every problem (unknown fields,
 * non-numeric intercept or coefficients, bad input paths, bad missing policies).
 */
export function createLinearModel(
  decl: Readonly<Record<string, unknown>>,
  path: string,
  kind: 'linear' | 'logistic',
): CreateModelResult {
  const problems: ErrorField[] = unknownFields(decl, FIELDS, path);
  const name = decl['name'];
  if (typeof name !== 'string' || name.length === 0) {
    problems.push({ path: fieldPath(path, 'name'), message: 'must be a non-empty string' });
  }
  const intercept = decl['intercept'];
  if (!finite(intercept))
    problems.push({ path: fieldPath(path, 'intercept'), message: 'must be a finite number' });

  const coefficients = decl['coefficients'];
  const coefPath = fieldPath(path, 'coefficients');
  const terms: Term[] = [];
  if (!isRecord(coefficients) || Object.keys(coefficients).length === 0) {
    problems.push({ path: coefPath, message: 'must map at least one input path to its coefficient' });
  } else {
    for (const [inputPath, weight] of Object.entries(coefficients)) {
      const at = fieldPath(coefPath, inputPath);
      const compiled = compileInputPath(inputPath);
      if (!compiled.ok) problems.push({ path: at, message: `input path ${compiled.message}` });
      if (!finite(weight)) problems.push({ path: at, message: 'coefficient must be a finite number' });
      if (compiled.ok && finite(weight)) {
        terms.push({
          path: inputPath,
          weight,
          read: compiled.read,
          plan: { root: compiled.root, keys: compiled.keys },
        });
      }
    }
  }

  const policies = missingPolicies(
    decl['missing'],
    isRecord(coefficients) ? Object.keys(coefficients) : [],
    fieldPath(path, 'missing'),
    problems,
    'coefficients',
  );
  if (problems.length > 0) return { ok: false, problems };

  const b0 = intercept as number;
  const converts = terms.map((t) => numericValue(t.path, policies(t.path)));
  const readers = terms.map((t, i) => {
    const convert = converts[i] as (value: unknown) => number;
    return (input: RuleInput) => convert(t.read(input));
  });
  const weights = Float64Array.from(terms, (t) => t.weight);
  const paths = terms.map((t) => t.path);
  const n = readers.length;
  const interpreted = (input: RuleInput): number => {
    let z = b0;
    for (let i = 0; i < n; i++)
      z += (weights[i] as number) * (readers[i] as (input: RuleInput) => number)(input);
    return z;
  };
  const predictor = generatedPredictor(terms, converts, b0) ?? interpreted;
  const model: DeclaredModel = {
    name: name as string,
    kind,
    inputs: paths,
    score:
      kind === 'linear'
        ? (input) => {
            const z = predictor(input);
            if (!Number.isFinite(z)) throw new Error(`the linear predictor is ${z} (an input is too large)`);
            return z;
          }
        : (input) => {
            const z = predictor(input);
            if (Number.isNaN(z))
              throw new Error('the linear predictor is NaN (inputs too large of opposite signs)');
            return logistic(z);
          },
    explain(input) {
      const terms: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        terms[paths[i] as string] =
          (weights[i] as number) * (readers[i] as (input: RuleInput) => number)(input);
      }
      return terms;
    },
  };
  return { ok: true, model };
}

/**
 * Reads `missing`: absent (every input `error`), one policy for all inputs, or a map from input path
 * to policy (unlisted inputs `error`); a map key must be one of the `declared` input paths, which the
 * declaration lists in its field `where`.
 */
export function missingPolicies(
  missing: unknown,
  declared: readonly string[],
  at: string,
  problems: ErrorField[],
  where: string,
): (path: string) => MissingPolicy {
  if (missing === undefined) return () => 'error';
  if (!isRecord(missing)) {
    const message = checkMissingPolicy(missing);
    if (message) problems.push({ path: at, message: `${message}, or a map from input path to one of them` });
    return () => missing as MissingPolicy;
  }
  for (const [inputPath, policy] of Object.entries(missing)) {
    const message = checkMissingPolicy(policy);
    if (message) problems.push({ path: fieldPath(at, inputPath), message });
    if (!declared.includes(inputPath)) {
      problems.push({ path: fieldPath(at, inputPath), message: `is not one of the inputs in ${where}` });
    }
  }
  return (path) => (Object.hasOwn(missing, path) ? (missing[path] as MissingPolicy) : 'error');
}
