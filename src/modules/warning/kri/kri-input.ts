/**
 * Turning what a person gives for a KRI into its stored form: names, unit and direction (defaulted
 * from a built-in metric), source, thresholds and detectors, each checked with a refusal that names
 * the field. Formula sources are also checked against the stored KRIs: every input exists, is
 * measured at the same frequency (a formula combines values of the same period), and no KRI ends up
 * depending on itself.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { Executor } from '../../../store/transaction.js';
import {
  checkKriId,
  checkText,
  checkThresholds,
  checkWord,
  DIRECTIONS,
  type KriSource,
  type KriThresholds,
  MAX_DETECTORS,
} from './definition.js';
import { KriFormulaCycle, KriFormulaInvalid, KriInvalid } from './errors.js';
import { parseFormula } from './formula.js';
import { type MetricRegistry, metricParamProblems } from './metrics.js';
import { type Frequency, isFrequency } from './periods.js';
import * as repo from './repo.js';
import type { DetectorSpec, Direction, SignalPort } from './signals.js';

/** A source as a person gives it: `kind` and the fields that kind needs (checked by `checkSource`). */
export interface SourceInput {
  readonly kind: string;
  readonly metric?: string | undefined;
  readonly params?: Readonly<Record<string, string>> | undefined;
  readonly expression?: string | undefined;
}

/** A new KRI. */
export interface NewKri {
  readonly id: string;
  /** Defaults to the metric's name for a built-in source. */
  readonly name?: Partial<Text> | undefined;
  readonly description?: Partial<Text> | undefined;
  /** Defaults to the metric's risk type for a built-in source. */
  readonly risk_type?: string | undefined;
  readonly owner?: string | null | undefined;
  /** Defaults to the metric's unit for a built-in source. */
  readonly unit?: string | undefined;
  /** Defaults to the metric's direction for a built-in source. */
  readonly direction?: string | undefined;
  readonly frequency: string;
  /** What the value is about (`portfolio`, a product); `*` when global (the default). */
  readonly subject?: string | undefined;
  readonly source: SourceInput;
  readonly thresholds?: KriThresholds | null | undefined;
  readonly detectors?: readonly DetectorSpec[] | undefined;
}

function invalid(path: string, message: string): never {
  throw KriInvalid(`${path} ${message}`, [{ path, message }]);
}

/** The owner's user id, or null. */
export function checkOwner(owner: string | null | undefined, path = 'body.owner'): string | null {
  if (owner === undefined || owner === null) return null;
  const trimmed = owner.trim();
  if (trimmed === '' || trimmed.length > 100) invalid(path, 'must be a user id of 1–100 characters or null');
  return trimmed;
}

/** A risk type: one of the six, or a custom lower-case name. */
export function checkRiskType(riskType: string, path = 'body.risk_type'): string {
  return checkWord(riskType, path, /^[a-z][a-z0-9_]{1,31}$/);
}

/** Detectors as given: at most four, each valid for its method. */
export function checkDetectors(
  specs: readonly DetectorSpec[],
  signals: SignalPort,
  path = 'body.detectors',
): DetectorSpec[] {
  if (specs.length > MAX_DETECTORS) invalid(path, `may hold at most ${MAX_DETECTORS} detectors`);
  return specs.map((spec, i) => {
    const problems = signals.detectorProblems(spec);
    if (problems.length > 0) {
      throw KriInvalid(
        `${path}.${i} ${problems.map((p) => p.en).join('; ')}`,
        problems.map((p) => ({ path: `${path}.${i}`, message: p.en })),
      );
    }
    return { method: spec.method, params: { ...spec.params } };
  });
}

/** A source checked against the metric registry (formula inputs are checked by `checkFormulaInputs`). */
export function checkSource(source: SourceInput, metrics: MetricRegistry, path = 'body.source'): KriSource {
  const extra = (field: 'metric' | 'params' | 'expression') => {
    if (source[field] !== undefined) invalid(`${path}.${field}`, `is not used by a ${source.kind} source`);
  };
  switch (source.kind) {
    case 'pushed':
      extra('metric');
      extra('params');
      extra('expression');
      return { kind: 'pushed' };
    case 'builtin': {
      extra('expression');
      const metric = source.metric === undefined ? undefined : metrics.get(source.metric);
      if (!metric) {
        const known = metrics
          .list()
          .map((m) => m.id)
          .join(', ');
        invalid(
          `${path}.metric`,
          `${JSON.stringify(source.metric ?? null)} is not a built-in metric (known: ${known})`,
        );
      }
      const params = { ...(source.params ?? {}) };
      const problems = metricParamProblems(metric, params);
      if (problems.length > 0) invalid(`${path}.params`, problems.join('; '));
      return { kind: 'builtin', metric: metric.id, params };
    }
    case 'formula': {
      extra('metric');
      extra('params');
      const parsed = parseFormula(source.expression ?? '');
      if (!parsed.ok) {
        throw KriFormulaInvalid(parsed.message.en, [
          { path: `${path}.expression`, message: `${parsed.message.en} / ${parsed.message.zh}` },
        ]);
      }
      return { kind: 'formula', expression: (source.expression ?? '').trim() };
    }
    default:
      return invalid(`${path}.kind`, 'must be builtin, pushed or formula');
  }
}

/** The KRI ids a source reads (a formula's inputs; none otherwise). */
export function inputsOf(source: KriSource): readonly string[] {
  if (source.kind !== 'formula') return [];
  const parsed = parseFormula(source.expression);
  return parsed.ok ? parsed.refs : [];
}

/**
 * Checks a formula KRI's inputs against the stored KRIs: they exist, share its frequency, and
 * following formula inputs from them never leads back to `id`.
 */
export async function checkFormulaInputs(
  db: Executor,
  id: string,
  frequency: Frequency,
  source: KriSource,
): Promise<void> {
  const inputs = inputsOf(source);
  if (inputs.includes(id)) throw KriFormulaCycle(`KRI ${id} cannot read itself`);
  const all = new Map((await repo.queryKris(db)).map((row) => [row.id, row]));
  const missing = inputs.filter((ref) => !all.has(ref));
  if (missing.length > 0) invalid('body.source.expression', `reads unknown KRIs: ${missing.join(', ')}`);
  const other = inputs.filter((ref) => all.get(ref)?.frequency !== frequency);
  if (other.length > 0)
    invalid(
      'body.source.expression',
      `reads KRIs of another frequency than ${frequency}: ${other.join(', ')}`,
    );
  const seen = new Set<string>();
  const stack = [...inputs];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (next === id) throw KriFormulaCycle(`KRI ${id} would depend on itself through ${inputs.join(', ')}`);
    if (seen.has(next)) continue;
    seen.add(next);
    const row = all.get(next);
    if (row) stack.push(...inputsOf(JSON.parse(row.source) as KriSource));
  }
}

/** The normalised fields of a new KRI (before the formula inputs are checked). */
export function normaliseNewKri(input: NewKri, metrics: MetricRegistry, signals: SignalPort) {
  const id = checkKriId(input.id);
  if (!isFrequency(input.frequency)) invalid('body.frequency', 'must be hourly, daily, weekly or monthly');
  const source = checkSource(input.source, metrics);
  const metric = source.kind === 'builtin' ? metrics.get(source.metric) : undefined;
  const direction = input.direction ?? metric?.direction;
  if (direction === undefined || !(DIRECTIONS as readonly string[]).includes(direction))
    invalid('body.direction', 'must be higher_is_worse or lower_is_worse');
  const unit = input.unit ?? metric?.unit;
  if (unit === undefined) invalid('body.unit', 'is required');
  const riskType = input.risk_type ?? (metric ? String(metric.riskType) : undefined);
  if (riskType === undefined) invalid('body.risk_type', 'is required');
  const name = input.name ?? metric?.name;
  return {
    id,
    name: checkText(name, 'body.name', true),
    description: checkText(input.description ?? metric?.description, 'body.description', false, 500),
    risk_type: checkRiskType(riskType),
    owner: checkOwner(input.owner),
    unit: checkWord(unit, 'body.unit'),
    direction: direction as Direction,
    frequency: input.frequency as Frequency,
    subject: checkWord(input.subject ?? '*', 'body.subject', /^[A-Za-z0-9_.:*-]{1,64}$/),
    source,
    thresholds: checkThresholds(input.thresholds ?? null, direction as Direction),
    detectors: checkDetectors(input.detectors ?? [], signals),
  };
}
