/**
 * `compileExpression`: CEL source to a {@link CompiledExpression}, once, at publish time. The steps
 * are: length limit; parse (cel-js); the safety walk (inspect.ts); type-check with cel-js's checker
 * against the rule variables (checker.ts); build closures (build.ts) and emit the hot-path function
 * (emit.ts, emit-link.ts). `evaluate` runs the emitted function when the input passes the guard of
 * plain objects, the closures otherwise; both give the same results (property-tested against
 * cel-js). Any refusal is a {@link CelCompileError} with the message and the character offset.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import type { CelEnvironment, CompiledExpression, RuleInput, RuntimeFunctions } from '../contracts.js';
import { build, type Scope } from './build.js';
import { checkerEnvironment, dataFields, LIMITS, syntaxEnvironment } from './checker.js';
import { type EmittedBody, EmitUnit, emitBody } from './emit.js';
import { compileInputGuard, linkExpression } from './emit-link.js';
import { CelCompileError } from './errors.js';
import { inspectExpression } from './inspect.js';

/** A compiled expression and the static input paths it reads (`features.x`, `data.amount`, `subject.ip`). */
export interface CompiledCel extends CompiledExpression {
  /** Paths read by name, in first-read order; dynamic reads (`data[k]`) are not listed. */
  readonly reads: readonly string[];
  /** Paths the emitted function reads without an own-property test (see emit.ts). */
  readonly guardPaths: readonly string[];
  /** The closure tree: an own-property test on every read, valid for any input. */
  evaluateChecked(input: RuleInput, fns: RuntimeFunctions): unknown;
  /** The emitted function; only for an input that passed `compileInputGuard(guardPaths)`. */
  evaluateUnguarded(input: RuleInput, fns: RuntimeFunctions): unknown;
  /** Emits the expression again into a shared unit (a policy links its rules together); null when emitting is off. */
  emitInto(unit: EmitUnit, prefix: string): EmittedBody | null;
}

/** Compiler switches (tests compare both evaluation paths). */
export interface CompileOptions {
  /** Emit a JavaScript function for the hot path (default true); false keeps only the closures. */
  readonly emit?: boolean;
}

const NUMERIC_EQUALITY = /no such overload: (double|int) (==|!=|in) (int|double|list<int>|list<double>)/;

/** Turns an error thrown or returned by cel-js into a compile error with a position. */
function fromCelJs(error: unknown): CelCompileError {
  const e = error as {
    summary?: string;
    message?: string;
    range?: { start: number };
    node?: { pos?: number };
  };
  let message = e.summary ?? String(e.message ?? error).split('\n')[0] ?? 'invalid expression';
  if (NUMERIC_EQUALITY.test(message)) {
    message +=
      ' (numbers read from events, features and models are doubles: write 1.0 rather than 1, or convert with double())';
  }
  if (/^Unknown variable/i.test(message))
    message = `${message} (a rule reads only event, subject, data, features, models)`;
  return new CelCompileError(message, e.range?.start ?? e.node?.pos ?? 0);
}

function parse(
  source: string,
  env: ReturnType<typeof syntaxEnvironment>,
): { ast: ASTNode; check(): ReturnType<ReturnType<typeof env.parse>['check']> } {
  try {
    return env.parse(source);
  } catch (error) {
    throw fromCelJs(error);
  }
}

/**
 * Compiles `source` for the rule variables described by `env`. Throws {@link CelCompileError} when
 * the expression is not valid, not safe or does not type-check; never evaluates anything.
 */
export function compileExpression(
  source: string,
  env: CelEnvironment,
  options: CompileOptions = {},
): CompiledCel {
  if (typeof source !== 'string' || source.trim() === '')
    throw new CelCompileError('the expression is empty', 0);
  if (source.length > LIMITS.maxSourceLength) {
    throw new CelCompileError(
      `the expression is longer than ${LIMITS.maxSourceLength} characters (${source.length})`,
      LIMITS.maxSourceLength,
    );
  }
  const info = inspectExpression(parse(source, syntaxEnvironment()).ast, env);
  const schema = dataFields(env.dataSchema);
  const extra: string[] = [];
  for (const [field, position] of info.dataFields) {
    if (schema.fields.has(field)) continue;
    if (schema.closed) {
      const declared = [...schema.fields.keys()].join(', ') || 'none';
      throw new CelCompileError(
        `data.${field} is not a field of this event type (declared: ${declared})`,
        position,
      );
    }
    extra.push(field);
  }
  const parsed = parse(source, checkerEnvironment(env, extra));
  const typed = parsed.check();
  if (!typed.valid) throw fromCelJs(typed.error);
  const reads = new Set<string>();
  const ctx = { reads, scopeVar: null };
  // One slot per expression suffices: evaluation is synchronous and comprehensions do not nest.
  const scope: Scope = { v: undefined };
  const checked = build(parsed.ast, ctx);
  const evaluateChecked = (input: RuleInput, fns: RuntimeFunctions): unknown => checked(input, fns, scope);
  const emit = options.emit !== false;
  const unit = new EmitUnit();
  const body = emit ? emitBody(parsed.ast, ctx, unit, '') : null;
  const guardPaths = Object.freeze(body ? [...body.guardPaths] : []);
  const fast = body ? linkExpression(body, unit) : evaluateChecked;
  const guard = compileInputGuard(guardPaths);
  return Object.freeze({
    source,
    type: typed.type ?? 'dyn',
    reads: Object.freeze([...reads]),
    guardPaths,
    evaluate: (input: RuleInput, fns: RuntimeFunctions): unknown =>
      guard(input) ? fast(input, fns) : checked(input, fns, scope),
    evaluateChecked,
    evaluateUnguarded: fast,
    emitInto: (target: EmitUnit, prefix: string): EmittedBody | null =>
      emit ? emitBody(parsed.ast, { reads: new Set<string>(), scopeVar: null }, target, prefix) : null,
  });
}
