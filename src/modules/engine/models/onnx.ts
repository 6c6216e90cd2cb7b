/**
 * The `onnx` model kind, for models trained elsewhere (scikit-learn, XGBoost, PyTorch) and exported
 * to ONNX. Scoring goes through ONNX Runtime (the optional package `onnxruntime-node`, loaded the
 * first time a policy declares such a model; its install script, which would fetch GPU libraries, is
 * disabled in package.json `allowScripts`: the CPU runtime ships in the package).
 *
 * Declaration:
 * ```yaml
 * - name: fraud_nn
 *   kind: onnx
 *   base64: CAgSDmZl…                # the .onnx file (base64 -w0 model.onnx), inside the policy
 *   sha256: 9f2c…                    # optional: refused unless the bytes have this SHA-256
 *   inputs: [features.apps_per_device_1h, data.amount, models.card_score]
 *   output: probabilities            # optional: the output tensor (default the model's first output)
 *   index: 1                         # optional: the element of that tensor (default 0)
 *   missing: zero                    # as for logistic models: error (default), zero, a number, or per input
 * ```
 * The model travels inside the policy version, so the four-eyes approval covers the exact model
 * (reviewers compare its SHA-256), a rollback restores it, and a policy can never make the server
 * read a file. The policy source limit (256 KiB) bounds such models to about 190 KB.
 * The inputs are fed, in the order listed, as one float32 tensor of shape [1, n] (or [n] for a model
 * whose input has rank 1) to the model's only input; the score is one element of one output tensor.
 * Everything that can be checked is checked at publish time: the runtime is present, the checksum
 * matches, the bytes load, the model has one float input whose last dimension is n, the output exists
 * and is numeric; then one trial run on zeros must give a finite number at `index`.
 *
 * ONNX Runtime's JavaScript `InferenceSession.run` returns a promise, but only because it wraps a
 * synchronous native call in `setImmediate` (onnxruntime-node `dist/backend.js`); the engine scores
 * synchronously inside a decision, so this kind calls the package's native session directly
 * (`dist/binding.js`), with one intra-op thread so that a decision never waits on a thread pool.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ErrorField } from '../../../kernel/errors.js';
import type { RuleInput } from '../contracts.js';
import {
  compileInputPath,
  fieldPath,
  type InputAccessor,
  numericValue,
  unknownFields,
} from './input-path.js';
import { missingPolicies } from './linear.js';
import type { CreateModelResult, DeclaredModel } from './model-result.js';

/** The problem reported when the optional runtime is absent. */
export const ONNX_MISSING_MESSAGE =
  'onnx models need the optional package onnxruntime-node: npm install onnxruntime-node';

const FIELDS = ['name', 'kind', 'base64', 'sha256', 'inputs', 'output', 'index', 'missing'] as const;

/** Whether a package can be resolved from here, checked synchronously (no import side effects). */
export function packageAvailable(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** What this kind uses of a native ONNX Runtime session (onnxruntime-node's binding). */
interface NativeSession {
  loadModel(buffer: ArrayBuffer, offset: number, length: number, options: object): void;
  readonly inputMetadata: readonly NativeValueInfo[];
  readonly outputMetadata: readonly NativeValueInfo[];
  run(
    feeds: Record<string, unknown>,
    fetches: Record<string, null>,
    options: object,
  ): Record<string, { readonly data: ArrayLike<number | bigint> }>;
}

interface NativeValueInfo {
  readonly name: string;
  readonly isTensor: boolean;
  /** ONNX TensorProto.DataType: 1 float, 11 double, … */
  readonly type: number;
  /** -1 for a symbolic dimension. */
  readonly shape: readonly number[];
}

/** The runtime's pieces this kind needs. */
export interface OnnxRuntime {
  newSession(): NativeSession;
  tensor(data: Float32Array, dims: readonly number[]): unknown;
}

let runtime: OnnxRuntime | undefined;

/** Loads onnxruntime-node once, the first time an onnx model is declared. */
function loadRuntime(): OnnxRuntime {
  if (runtime) return runtime;
  const require = createRequire(import.meta.url);
  const { binding, initOrt } = require('onnxruntime-node/dist/binding.js') as {
    binding: { InferenceSession: new () => NativeSession };
    initOrt(): void;
  };
  const { Tensor } = require('onnxruntime-common') as {
    Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
  };
  initOrt();
  runtime = {
    newSession: () => new binding.InferenceSession(),
    tensor: (data, dims) => new Tensor('float32', data, dims),
  };
  return runtime;
}

/** ONNX element types a score can be read from: float, uint8 … int64, double, uint32, uint64. */
const NUMERIC_TYPES = new Set([1, 2, 3, 4, 5, 6, 7, 11, 12, 13]);
const FLOAT = 1;

/** Options for {@link createOnnxModel}, for tests. */
export interface OnnxOptions {
  readonly available?: (name: string) => boolean;
}

/** Builds an `onnx` model from its declaration, or lists every problem found. */
export function createOnnxModel(
  decl: Readonly<Record<string, unknown>>,
  path: string,
  options: OnnxOptions = {},
): CreateModelResult {
  const available = options.available ?? packageAvailable;
  if (!available('onnxruntime-node'))
    return { ok: false, problems: [{ path: fieldPath(path, 'kind'), message: ONNX_MISSING_MESSAGE }] };
  const problems: ErrorField[] = unknownFields(decl, FIELDS, path);
  const name = decl['name'];
  if (typeof name !== 'string' || name.length === 0) {
    problems.push({ path: fieldPath(path, 'name'), message: 'must be a non-empty string' });
  }
  const bytes = modelBytes(decl, path, problems);
  const inputs = inputPaths(decl['inputs'], fieldPath(path, 'inputs'), problems);
  const policies = missingPolicies(
    decl['missing'],
    inputs.map((i) => i.path),
    fieldPath(path, 'missing'),
    problems,
    'inputs',
  );
  const index = decl['index'] ?? 0;
  if (!Number.isSafeInteger(index) || (index as number) < 0) {
    problems.push({ path: fieldPath(path, 'index'), message: 'must be a whole number of at least 0' });
  }
  const output = decl['output'];
  if (output !== undefined && (typeof output !== 'string' || output.length === 0)) {
    problems.push({ path: fieldPath(path, 'output'), message: 'must be the name of an output of the model' });
  }
  if (problems.length > 0 || !bytes) return { ok: false, problems };

  let rt: OnnxRuntime;
  try {
    rt = loadRuntime();
  } catch (error) {
    const message = `onnxruntime-node is installed but could not be loaded: ${firstLine(error)}`;
    return { ok: false, problems: [{ path: fieldPath(path, 'kind'), message }] };
  }
  const session = rt.newSession();
  try {
    session.loadModel(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          path: fieldPath(path, 'base64'),
          message: `is not a model ONNX Runtime can load: ${firstLine(error)}`,
        },
      ],
    };
  }
  const shape = checkSignature(session, inputs.length, output as string | undefined, path, problems);
  if (!shape) return { ok: false, problems };

  const n = inputs.length;
  const converts = inputs.map((i) => numericValue(i.path, policies(i.path)));
  const feeds: Record<string, unknown> = {};
  const fetches: Record<string, null> = { [shape.output]: null };
  const at = index as number;
  const run = (values: Float32Array): number => {
    feeds[shape.input] = rt.tensor(values, shape.dims);
    const data = session.run(feeds, fetches, {})[shape.output]?.data;
    if (!data || at >= data.length) {
      throw new Error(`output ${shape.output} has ${data?.length ?? 0} values, no element ${at}`);
    }
    const v = Number(data[at]);
    if (!Number.isFinite(v)) throw new Error(`output ${shape.output}[${at}] is ${v}`);
    return v;
  };
  try {
    run(new Float32Array(n));
  } catch (error) {
    return {
      ok: false,
      problems: [
        { path: fieldPath(path, 'output'), message: `a trial run on zeros failed: ${firstLine(error)}` },
      ],
    };
  }
  const model: DeclaredModel = {
    name: name as string,
    kind: 'onnx',
    inputs: inputs.map((i) => i.path),
    score(input: RuleInput) {
      const values = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const read = (inputs[i] as { read: InputAccessor }).read;
        values[i] = (converts[i] as (value: unknown) => number)(read(input));
      }
      return run(values);
    },
  };
  return { ok: true, model };
}

/** The model's bytes from `base64`, checked against `sha256` when given. */
function modelBytes(
  decl: Readonly<Record<string, unknown>>,
  path: string,
  problems: ErrorField[],
): Buffer | undefined {
  const base64 = decl['base64'];
  const sha256 = decl['sha256'];
  const shaAt = fieldPath(path, 'sha256');
  const at = fieldPath(path, 'base64');
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))) {
    problems.push({
      path: shaAt,
      message: 'must be 64 lowercase hexadecimal digits (SHA-256 of the model file)',
    });
    return undefined;
  }
  if (base64 === undefined) {
    problems.push({
      path: at,
      message: 'is required: the .onnx file encoded in base64 (base64 -w0 model.onnx)',
    });
    return undefined;
  }
  if (typeof base64 !== 'string' || !/^[A-Za-z0-9+/\s]+={0,2}\s*$/.test(base64)) {
    problems.push({ path: at, message: 'must be the .onnx file encoded in base64' });
    return undefined;
  }
  const bytes = Buffer.from(base64, 'base64');
  if (typeof sha256 === 'string') {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) {
      problems.push({ path: shaAt, message: `does not match the model (its SHA-256 is ${actual})` });
      return undefined;
    }
  }
  return bytes;
}

function inputPaths(
  inputs: unknown,
  at: string,
  problems: ErrorField[],
): { readonly path: string; readonly read: InputAccessor }[] {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    problems.push({ path: at, message: 'must list the input paths fed to the model, in its order' });
    return [];
  }
  const out: { path: string; read: InputAccessor }[] = [];
  inputs.forEach((p, i) => {
    const compiled = compileInputPath(p);
    if (!compiled.ok) problems.push({ path: fieldPath(at, i), message: `input path ${compiled.message}` });
    else out.push({ path: p as string, read: compiled.read });
  });
  return out;
}

/** The input and output the score flows through, or problems naming what does not fit. */
function checkSignature(
  session: NativeSession,
  n: number,
  wanted: string | undefined,
  path: string,
  problems: ErrorField[],
): { readonly input: string; readonly dims: readonly number[]; readonly output: string } | undefined {
  const ins = session.inputMetadata;
  const input = ins[0];
  const inputsAt = fieldPath(path, 'inputs');
  if (ins.length !== 1 || !input) {
    problems.push({
      path: inputsAt,
      message: `the model has ${ins.length} inputs; this kind feeds exactly one float tensor`,
    });
    return undefined;
  }
  if (!input.isTensor || input.type !== FLOAT) {
    problems.push({ path: inputsAt, message: `the model's input ${input.name} is not a float32 tensor` });
    return undefined;
  }
  const rank = input.shape.length;
  const last = input.shape[rank - 1];
  const leading = input.shape.slice(0, -1);
  if (rank < 1 || rank > 2 || leading.some((d) => d !== 1 && d !== -1) || (last !== -1 && last !== n)) {
    problems.push({
      path: inputsAt,
      message: `lists ${n} inputs but the model's input ${input.name} has shape [${input.shape.map((d) => (d === -1 ? '?' : d)).join(', ')}]`,
    });
    return undefined;
  }
  const outs = session.outputMetadata;
  const output = wanted === undefined ? outs[0] : outs.find((o) => o.name === wanted);
  if (!output) {
    problems.push({
      path: fieldPath(path, 'output'),
      message: `is not an output of the model (it has ${outs.map((o) => o.name).join(', ') || 'none'})`,
    });
    return undefined;
  }
  if (!output.isTensor || !NUMERIC_TYPES.has(output.type)) {
    problems.push({
      path: fieldPath(path, 'output'),
      message: `the model's output ${output.name} is not a numeric tensor`,
    });
    return undefined;
  }
  return { input: input.name, dims: rank === 1 ? [n] : [1, n], output: output.name };
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] as string;
}
