/**
 * What a KRI is: names, risk type, owner, unit, direction, frequency, the subject it measures, its
 * source (a built-in metric, values pushed by other systems, or a formula over other KRIs), static
 * thresholds with a hysteresis margin, and adaptive detectors. This file holds the types, the stored
 * form and the checks that need nothing but the input; checks against other KRIs (formula inputs,
 * cycles) are the service's.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { Actor } from '../../audit/index.js';
import { KriInvalid } from './errors.js';
import { FORMULA_FUNCTIONS } from './formula.js';
import type { Frequency } from './periods.js';
import type { DetectorSpec, Direction } from './signals.js';
import type { KriTable } from './tables.js';

/** Where a KRI's value comes from. */
export type KriSource =
  | { readonly kind: 'builtin'; readonly metric: string; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'pushed' }
  | { readonly kind: 'formula'; readonly expression: string };

/** Static amber and red lines (equal for no amber band) and the hysteresis margin, in the KRI's unit. */
export interface KriThresholds {
  readonly amber: number;
  readonly red: number;
  readonly hysteresis: number;
}

/** A stored KRI, read back. */
export interface KriDefinition {
  readonly id: string;
  readonly name: Text;
  readonly description: Text;
  readonly risk_type: string;
  readonly owner: string | null;
  readonly unit: string;
  readonly direction: Direction;
  readonly frequency: Frequency;
  readonly subject: string;
  readonly source: KriSource;
  readonly thresholds: KriThresholds | null;
  readonly detectors: readonly DetectorSpec[];
  readonly status: 'active' | 'retired';
  readonly created_by: Actor;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

/** A KRI id: lower-case dotted words (`credit.npl_ratio`, `market.lpr_1y`), as formulas write them. */
export const KRI_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/** The directions a KRI can get worse in. */
export const DIRECTIONS = ['higher_is_worse', 'lower_is_worse'] as const;

/** Most detectors on one KRI. */
export const MAX_DETECTORS = 4;

/** The definition of a stored row. */
export function toDefinition(row: KriTable): KriDefinition {
  return {
    id: row.id,
    name: JSON.parse(row.name) as Text,
    description: JSON.parse(row.description) as Text,
    risk_type: row.risk_type,
    owner: row.owner,
    unit: row.unit,
    direction: row.direction as Direction,
    frequency: row.frequency as Frequency,
    subject: row.subject,
    source: JSON.parse(row.source) as KriSource,
    thresholds: row.thresholds === null ? null : (JSON.parse(row.thresholds) as KriThresholds),
    detectors: JSON.parse(row.detectors) as DetectorSpec[],
    status: row.status as 'active' | 'retired',
    created_by: { type: row.created_by_type as Actor['type'], id: row.created_by_id },
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}

function invalid(path: string, message: string): never {
  throw KriInvalid(`${path} ${message}`, [{ path, message }]);
}

/** A KRI id as given. */
export function checkKriId(id: string, path = 'body.id'): string {
  if (id.length > 64 || !KRI_ID.test(id))
    invalid(path, 'must be lower-case dotted words of letters, digits and _ (at most 64)');
  if ((FORMULA_FUNCTIONS as readonly string[]).includes(id))
    invalid(path, `must not be a formula function name (${id})`);
  return id;
}

/** A text in both languages from what was given (one language fills the other). */
export function checkText(
  given: Partial<Text> | undefined,
  path: string,
  required: boolean,
  max = 200,
): Text {
  const en = given?.en?.trim() ?? '';
  const zh = given?.zh?.trim() ?? '';
  if ([...en].length > max || [...zh].length > max) invalid(path, `must be at most ${max} characters`);
  if (required && en === '' && zh === '') invalid(path, 'must be given in English or Chinese');
  return { en: en || zh, zh: zh || en };
}

/** A short name: risk type, unit, subject. */
export function checkWord(value: string, path: string, pattern = /^[A-Za-z0-9_.%*/-]{1,32}$/): string {
  if (!pattern.test(value)) invalid(path, 'must be 1–32 letters, digits or _ . % * / -');
  return value;
}

/**
 * Thresholds as given: finite lines, the red line at or beyond the amber one in the worse direction
 * (equal lines mean no amber band), and a margin that is not negative and (with an amber band)
 * smaller than the gap between the lines, so that leaving red always passes through amber.
 */
export function checkThresholds(
  t: KriThresholds | null,
  direction: Direction,
  path = 'body.thresholds',
): KriThresholds | null {
  if (t === null) return null;
  for (const key of ['amber', 'red'] as const) {
    if (typeof t[key] !== 'number' || !Number.isFinite(t[key]))
      invalid(`${path}.${key}`, 'must be a finite number');
  }
  if (!Number.isFinite(t.hysteresis) || t.hysteresis < 0)
    invalid(`${path}.hysteresis`, 'must be a number ≥ 0');
  const worse = direction === 'higher_is_worse' ? t.red >= t.amber : t.red <= t.amber;
  if (!worse) {
    invalid(
      `${path}.red`,
      `must be ${direction === 'higher_is_worse' ? 'at or above' : 'at or below'} the amber line for a KRI where ${direction.replaceAll('_', ' ')}`,
    );
  }
  if (t.red !== t.amber && t.hysteresis >= Math.abs(t.red - t.amber)) {
    invalid(`${path}.hysteresis`, 'must be smaller than the gap between the amber and red lines');
  }
  return { amber: t.amber, red: t.red, hysteresis: t.hysteresis };
}
