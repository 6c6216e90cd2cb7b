/**
 * The generated score function of a scorecard: one straight-line function per card, in which each
 * variable's read (constant keys, see `generated-read.ts`) and the common case of its bin lookup are
 * inlined. A finite number is looked up in place (special values, then a scan or a binary search over
 * the edges, exactly as `numericBinIndex`), a string in the category map; every other value (absent,
 * null, NaN, the wrong type, an unseen category) goes to the shared functions of `bin-lookup.ts`,
 * which also raise the errors. Inlining the lookup roughly doubles the rate for predictable inputs;
 * the tests hold the result to the closure implementation on random cards and inputs.
 */
import type { RuleInput } from '../contracts.js';
import { categoricalBinIndex, LINEAR_SCAN_MAX, numericBinIndex } from './bin-lookup.js';
import {
  generateFunction,
  READ_HELPER_NAMES,
  READ_HELPERS,
  type ReadPlan,
  readStatements,
  rootDeclarations,
} from './generated-read.js';

/** What the generator needs of one compiled variable. */
export interface GeneratedVariable {
  readonly plan: ReadPlan;
  readonly points: Float64Array;
  /** The number of ordinary bins (the index of the missing bin). */
  readonly bins: number;
  readonly path: string;
  readonly numeric?: { readonly edges: Float64Array; readonly specials: Float64Array };
  readonly categorical?: { readonly index: ReadonlyMap<string, number>; readonly elseIndex: number };
}

/** The lookup of a finite number `v` for variable `i`, leaving the bin index in `k`. */
function numericLookup(i: number, edges: number, specials: number): string {
  const special = Array.from(
    { length: specials },
    (_, j) => `if (v === s${i}[${j}]) k = m${i} + ${j + 1}; else `,
  );
  const search =
    edges <= LINEAR_SCAN_MAX
      ? `{ k = 0; while (k < ${edges} && v >= e${i}[k]) k++; }`
      : [
          `{ first = 0; length = ${edges};`,
          `while (length > 0) { half = length >>> 1;`,
          `if (e${i}[first + half] <= v) { first += half + 1; length -= half + 1; } else length = half; }`,
          'k = first; }',
        ].join(' ');
  return `${special.join('')}${search}`;
}

function variableSteps(v: GeneratedVariable, i: number): { tables: string[]; steps: string[] } {
  const tables = [`const p${i} = T[${i}].points, q${i} = T[${i}].path, m${i} = T[${i}].bins;`];
  if (v.numeric) {
    tables.push(`const e${i} = T[${i}].numeric.edges, s${i} = T[${i}].numeric.specials;`);
    const lookup = numericLookup(i, v.numeric.edges.length, v.numeric.specials.length);
    return {
      tables,
      steps: [
        readStatements(v.plan),
        // `v === v` is false only for NaN, which the shared function sends to the missing bin.
        `if (typeof v === 'number' && v === v) ${lookup}`,
        `else k = num(v, e${i}, s${i}, m${i}, q${i});`,
        `t += p${i}[k];`,
      ],
    };
  }
  tables.push(`const x${i} = T[${i}].categorical.index, z${i} = T[${i}].categorical.elseIndex;`);
  return {
    tables,
    steps: [
      readStatements(v.plan),
      `k = typeof v === 'string' ? x${i}.get(v) : undefined;`,
      `if (k === undefined) k = cat(v, x${i}, m${i}, z${i}, q${i});`,
      `t += p${i}[k];`,
    ],
  };
}

/**
 * Generates `score(input) = base + Σ points`, adding in the card's order like the closures do (so the
 * floating-point sum is the same). Null where the runtime forbids code generation.
 */
export function generateScorecardScore(
  variables: readonly GeneratedVariable[],
  base: number,
): ((input: RuleInput) => number) | null {
  const parts = variables.map(variableSteps);
  const body = [
    ...parts.flatMap((p) => p.tables),
    'return function score(input) {',
    rootDeclarations(variables.map((v) => v.plan)),
    'let t = base, c, v, k, first, length, half;',
    ...parts.flatMap((p) => p.steps),
    'return t;',
    '};',
  ].join('\n');
  return generateFunction(
    [...READ_HELPER_NAMES, 'num', 'cat', 'T', 'base'],
    [...READ_HELPERS, numericBinIndex, categoricalBinIndex, variables, base],
    body,
  );
}
