/**
 * Test fixtures for the model tests: rule inputs, a hand-made scorecard, and fast-check generators of
 * valid scorecards and of inputs that hit their edges, special values, missing values and unseen
 * categories. Excluded from the build (tsconfig.build.json).
 */
import fc from 'fast-check';
import type { RuleInput } from '../contracts.js';
import type {
  CategoricalVariable,
  NumericVariable,
  ScorecardDraft,
  ScorecardVariable,
} from './scorecard-format.js';

/** A rule input with the given parts (the event is fixed: models never read it). */
export function ruleInput(
  parts: Partial<Pick<RuleInput, 'data' | 'features' | 'subject' | 'models'>> = {},
): RuleInput {
  return {
    event: { type: 'loan_application', id: 'e1', occurred_at: '2026-01-01T00:00:00Z' },
    subject: parts.subject ?? {},
    data: parts.data ?? {},
    features: parts.features ?? {},
    models: parts.models ?? {},
  };
}

/**
 * A small application scorecard: age (numeric, special -1 for "not given"), monthly income (numeric,
 * nested path), province (categorical, with else points) and the count of loan applications in 30
 * days (a velocity feature).
 */
export function demoDraft(): ScorecardDraft {
  return {
    format: 'fengkong.scorecard/v1',
    name: 'application_v1',
    scaling: { pdo: 20, base_score: 600, base_odds: 50, intercept_mode: 'base' },
    base_points: 500,
    variables: [
      {
        name: 'age',
        input: 'data.age',
        type: 'numeric',
        label: { en: 'Age', zh: '年龄' },
        bins: [
          { lower: null, upper: 25, woe: -0.6, points: 10, count: 120, bad_rate: 0.2 },
          { lower: 25, upper: 35, woe: 0.1, points: 30, count: 400, bad_rate: 0.09 },
          { lower: 35, upper: null, woe: 0.5, points: 45, count: 480, bad_rate: 0.05 },
        ],
        missing: { woe: -0.2, points: 18 },
        special: [{ value: -1, woe: -0.3, points: 15 }],
      },
      {
        name: 'income',
        input: 'data.applicant.monthly_income',
        type: 'numeric',
        label: { en: 'Monthly income', zh: '月收入' },
        bins: [
          { lower: null, upper: 3000, woe: -0.8, points: 5 },
          { lower: 3000, upper: 8000, woe: 0.05, points: 25 },
          { lower: 8000, upper: null, woe: 0.7, points: 50 },
        ],
        missing: { woe: -0.4, points: 12 },
        special: [],
      },
      {
        name: 'province',
        input: 'data.province',
        type: 'categorical',
        label: { en: 'Province', zh: '省份' },
        bins: [
          { categories: ['11', '31', '44'], woe: 0.3, points: 35 },
          { categories: ['51', '52'], woe: -0.2, points: 20 },
        ],
        missing: { woe: 0, points: 25 },
        special: [{ value: 'unknown', woe: -0.5, points: 8 }],
        else_points: 22,
      },
      {
        name: 'applications_30d',
        input: 'features.applications_30d',
        type: 'numeric',
        bins: [
          { lower: null, upper: 2, woe: 0.4, points: 40 },
          { lower: 2, upper: 5, woe: -0.1, points: 22 },
          { lower: 5, upper: null, woe: -0.9, points: 2 },
        ],
        missing: { woe: 0, points: 22 },
        special: [],
      },
    ],
    training: {
      rows: 1000,
      bads: 80,
      auc: 0.74,
      ks: 0.36,
      trained_at: '2026-01-01T00:00:00Z',
      target: 'dpd30_in_6m',
    },
  };
}

const points = fc.double({ min: -200, max: 200, noNaN: true, noDefaultInfinity: true });
const woe = fc.double({ min: -5, max: 5, noNaN: true, noDefaultInfinity: true });

/** Interior edges: sorted, distinct, finite. */
const edges = (max: number) =>
  fc
    .uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
      maxLength: max,
      comparator: (a, b) => a === b || (a === 0 && b === 0),
    })
    .map((xs) => [...xs].sort((a, b) => a - b));

function numericVariable(name: string, input: string): fc.Arbitrary<NumericVariable> {
  return fc
    .record({
      edges: edges(20),
      points: fc.array(points, { minLength: 21, maxLength: 21 }),
      missing: points,
      special: fc.uniqueArray(fc.integer({ min: -1000, max: -990 }), { maxLength: 2 }),
      w: woe,
    })
    .map(({ edges: e, points: p, missing, special, w }) => ({
      name,
      input,
      type: 'numeric' as const,
      bins: Array.from({ length: e.length + 1 }, (_, i) => ({
        lower: i === 0 ? null : (e[i - 1] as number),
        upper: i === e.length ? null : (e[i] as number),
        woe: w,
        points: p[i] as number,
      })),
      missing: { woe: w, points: missing },
      special: special.map((value, i) => ({ value, woe: w, points: p[20 - i] as number })),
    }));
}

/** Categories used by generated cards; inputs also draw from unseen ones. */
export const CATEGORIES = ['a', 'b', 'c', 'd', 'e', 'f', '1', '2', 'true'];

function categoricalVariable(name: string, input: string): fc.Arbitrary<CategoricalVariable> {
  return fc
    .record({
      order: fc.shuffledSubarray(CATEGORIES, { minLength: 1 }),
      cuts: fc.array(fc.nat(8), { maxLength: 3 }),
      points: fc.array(points, { minLength: 12, maxLength: 12 }),
      elsePoints: fc.option(points, { nil: undefined }),
      special: fc.boolean(),
    })
    .map(({ order, cuts, points: p, elsePoints, special }) => {
      const ordinary = special && order.length > 1 ? order.slice(1) : order;
      const bounds = [...new Set([0, ...cuts.map((c) => c % ordinary.length), ordinary.length])].sort(
        (a, b) => a - b,
      );
      const bins = bounds.slice(1).map((end, i) => ({
        categories: ordinary.slice(bounds[i], end),
        woe: 0,
        points: p[i] as number,
      }));
      const variable: CategoricalVariable = {
        name,
        input,
        type: 'categorical',
        bins: bins.filter((b) => b.categories.length > 0),
        missing: { woe: 0, points: p[10] as number },
        special:
          special && order.length > 1 ? [{ value: order[0] as string, woe: 0, points: p[11] as number }] : [],
      };
      return elsePoints === undefined ? variable : { ...variable, else_points: elsePoints };
    });
}

const INPUTS = ['data.x', 'data.nested.y', 'features.f', 'subject.s', 'models.m', 'data.z'];

/** Valid scorecard drafts of 1 to 6 variables over assorted input paths. */
export const arbDraft: fc.Arbitrary<ScorecardDraft> = fc
  .array(fc.boolean(), { minLength: 1, maxLength: 6 })
  .chain((kinds) =>
    fc.tuple(
      ...kinds.map((numeric, i) =>
        numeric
          ? numericVariable(`v${i}`, INPUTS[i] as string)
          : categoricalVariable(`v${i}`, INPUTS[i] as string),
      ),
    ),
  )
  .chain((variables) =>
    fc.record({ base: points, spread: fc.boolean() }).map(
      ({ base, spread }): ScorecardDraft => ({
        format: 'fengkong.scorecard/v1',
        name: 'generated',
        scaling: { pdo: 20, base_score: 600, base_odds: 50, intercept_mode: spread ? 'spread' : 'base' },
        base_points: spread ? 0 : base,
        variables: variables as ScorecardVariable[],
        training: { rows: 100, bads: 10, trained_at: '2026-01-01T00:00:00Z', target: 'bad' },
      }),
    ),
  );

/** A value for one variable: edges exactly, near them, specials, missing, categories seen and unseen. */
function valueFor(variable: ScorecardVariable): fc.Arbitrary<unknown> {
  if (variable.type === 'numeric') {
    const known = [
      ...variable.bins.flatMap((b) => (b.lower === null ? [] : [b.lower])),
      ...variable.special.map((s) => s.value),
    ];
    return fc.oneof(
      known.length > 0 ? fc.constantFrom(...known) : fc.constant(0),
      fc.double({ noNaN: false }),
      fc.constantFrom(null, undefined),
    );
  }
  const known = [...variable.bins.flatMap((b) => b.categories), ...variable.special.map((s) => s.value)];
  const seenOnly = variable.else_points === undefined;
  return fc.oneof(
    fc.constantFrom(...known),
    fc.constantFrom(null, undefined),
    seenOnly ? fc.constantFrom(...known) : fc.constantFrom('zz', 'unseen', '3'),
    seenOnly ? fc.constant(null) : fc.constantFrom(1, 2, true, 7),
  );
}

function place(
  input: {
    data: Record<string, unknown>;
    features: Record<string, number>;
    subject: Record<string, string>;
    models: Record<string, number>;
  },
  path: string,
  value: unknown,
): void {
  if (value === undefined) return;
  const [root, ...keys] = path.split('.');
  let target = input[root as 'data'] as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    target[key] ??= {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1] as string] = value;
}

/** Rule inputs for a card, each variable's value from {@link valueFor}. */
export function arbInputFor(draft: ScorecardDraft): fc.Arbitrary<RuleInput> {
  return fc.tuple(...draft.variables.map(valueFor)).map((values) => {
    const parts = { data: {}, features: {}, subject: {}, models: {} };
    draft.variables.forEach((v, i) => {
      place(parts, v.input, values[i]);
    });
    return ruleInput(parts);
  });
}

// ---- ONNX models built by the tests themselves (protobuf written by hand) ---------------------------
// Field numbers from onnx/onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto,
// TypeProto, TensorShapeProto, OperatorSetIdProto), https://github.com/onnx/onnx/blob/main/onnx/onnx.proto;
// wire format from https://protobuf.dev/programming-guides/encoding/.

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return Buffer.from(out);
}
const pbInt = (field: number, n: number) => Buffer.concat([varint(field << 3), varint(n)]);
const pbBytes = (field: number, b: Buffer) => Buffer.concat([varint((field << 3) | 2), varint(b.length), b]);
const pbString = (field: number, s: string) => pbBytes(field, Buffer.from(s, 'utf8'));
const pbMessage = (field: number, ...parts: Buffer[]) => pbBytes(field, Buffer.concat(parts));

/** ONNX TensorProto.DataType codes used here. */
export const ONNX_FLOAT = 1;

function floatTensor(name: string, dims: readonly number[], values: readonly number[]): Buffer {
  const raw = Buffer.alloc(4 * values.length);
  for (const [i, x] of values.entries()) raw.writeFloatLE(x, 4 * i);
  return pbMessage(
    5,
    ...dims.map((d) => pbInt(1, d)),
    pbInt(2, ONNX_FLOAT),
    pbString(8, name),
    pbBytes(9, raw),
  );
}

/** A graph input or output: name, element type and shape (a string is a symbolic dimension). */
function valueInfo(field: number, name: string, type: number, dims: readonly (number | string)[]): Buffer {
  const dimensions = dims.map((d) => pbMessage(1, typeof d === 'string' ? pbString(2, d) : pbInt(1, d)));
  return pbMessage(
    field,
    pbString(1, name),
    pbMessage(2, pbMessage(1, pbInt(1, type), pbMessage(2, ...dimensions))),
  );
}

/** A NodeProto; `attributes` are AttributeProto fields (5) already encoded. */
function node(
  op: string,
  inputs: readonly string[],
  outputs: readonly string[],
  ...attributes: Buffer[]
): Buffer {
  return pbMessage(
    1,
    ...inputs.map((i) => pbString(1, i)),
    ...outputs.map((o) => pbString(2, o)),
    pbString(3, `${op.toLowerCase()}_${outputs[0]}`),
    pbString(4, op),
    ...attributes,
  );
}

/** Options of {@link onnxLogisticModel}. */
export interface OnnxLogisticOptions {
  /** Shape of the input `x` (default `['N', weights.length]`). */
  readonly inputShape?: readonly (number | string)[];
  /** Also output the two class probabilities `[1 − p, p]` as `probabilities` (like scikit-learn). */
  readonly probabilities?: boolean;
  /** Add a second input `y` the graph ignores (a model this kind cannot feed). */
  readonly secondInput?: boolean;
}

/**
 * The bytes of an ONNX model of a logistic regression: x (float [N, n]) → MatMul W → Add b →
 * Sigmoid → `p` (float [N, 1]); ONNX IR version 8, default opset 13.
 */
export function onnxLogisticModel(
  weights: readonly number[],
  bias: number,
  options: OnnxLogisticOptions = {},
): Buffer {
  const n = weights.length;
  const nodes = [
    node('MatMul', ['x', 'W'], ['z0']),
    node('Add', ['z0', 'b'], ['z']),
    node('Sigmoid', ['z'], ['p']),
  ];
  const shape = options.inputShape ?? ['N', n];
  const outputs = [
    valueInfo(12, 'p', ONNX_FLOAT, shape.length === 1 ? [1] : [shape[0] as number | string, 1]),
  ];
  const initializers = [floatTensor('W', [n, 1], weights), floatTensor('b', [1], [bias])];
  if (options.probabilities) {
    initializers.push(floatTensor('one', [1], [1]));
    // Concat's axis: AttributeProto { name = 1, i = 3, type = 20 (INT = 2) }.
    const axis = pbMessage(5, pbString(1, 'axis'), pbInt(3, 1), pbInt(20, 2));
    nodes.push(node('Sub', ['one', 'p'], ['q']), node('Concat', ['q', 'p'], ['probabilities'], axis));
    outputs.push(valueInfo(12, 'probabilities', ONNX_FLOAT, ['N', 2]));
  }
  const inputs = [valueInfo(11, 'x', ONNX_FLOAT, shape)];
  if (options.secondInput) inputs.push(valueInfo(11, 'y', ONNX_FLOAT, ['N', 1]));
  const graph = Buffer.concat([...nodes, pbString(2, 'logistic'), ...initializers, ...inputs, ...outputs]);
  return Buffer.concat([
    pbInt(1, 8),
    pbString(2, 'fengkong-tests'),
    pbMessage(7, graph),
    pbMessage(8, pbString(1, ''), pbInt(2, 13)),
  ]);
}
