/**
 * Velocity feature definitions: sliding-window aggregates over past events of one subject.
 *
 * Semantics (exact, relied on by the decision engine and by the tests):
 * - A feature evaluated for an event at time t (its `occurred_at`, epoch milliseconds) aggregates the
 *   events of the same subject key whose time lies in the half-open window (t − windowMs, t]: an event
 *   exactly at t − windowMs is outside, an event exactly at t is inside.
 * - Point in time: events with time > t are never seen, whatever order they arrived in; late events
 *   are placed by their time, not by their arrival.
 * - `includeCurrent` says whether the event being decided counts in its own feature. The current event
 *   is passed beside the store, never read from it, so the answer does not depend on whether it was
 *   already observed. `since_last` always excludes it (including it would always give 0), so
 *   `includeCurrent` must be false for `since_last`.
 * - The subject key is the combination of the `key` fields (e.g. `['user_id', 'device_id']`).
 */

/** The aggregates a velocity feature can compute over its window. */
export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max', 'distinct', 'stddev', 'since_last'] as const;

/** One of {@link AGGREGATES}. */
export type Aggregate = (typeof AGGREGATES)[number];

/** Aggregates that read the event's `field`; `count` and `since_last` only need the event time. */
export const VALUE_AGGREGATES: ReadonlySet<Aggregate> = new Set([
  'sum',
  'avg',
  'min',
  'max',
  'distinct',
  'stddev',
]);

/** Shortest window: one second. */
export const MIN_WINDOW_MS = 1_000;

/** Longest window: 400 days, enough for a year-over-year comparison with a margin. */
export const MAX_WINDOW_MS = 400 * 86_400_000;

/** A validated velocity feature definition; see the module comment for its exact semantics. */
export interface FeatureDefinition {
  /** Name used by rules to refer to the feature. */
  readonly name: string;
  /** Subject fields combined into the key, in order (non-empty, no duplicates). */
  readonly key: readonly string[];
  /** What is computed over the window. */
  readonly aggregate: Aggregate;
  /** Event field whose value is aggregated; required by value aggregates, absent otherwise. */
  readonly field?: string;
  /** Window length in milliseconds, an integer in [{@link MIN_WINDOW_MS}, {@link MAX_WINDOW_MS}]. */
  readonly windowMs: number;
  /** Whether the event being decided counts in its own window. */
  readonly includeCurrent: boolean;
  /**
   * Event types whose events feed the window (a withdrawal rule may count profile changes); absent
   * means events of every type. The policy compiler defaults it to the policy's own event type.
   */
  readonly events?: readonly string[];
}

/** One thing wrong with a feature definition, naming the offending field. */
export interface FeatureProblem {
  readonly field: string;
  readonly message: string;
}

/** Result of {@link parseFeature}: the feature, or every problem found (never only the first). */
export type FeatureParseResult =
  | { readonly ok: true; readonly feature: FeatureDefinition }
  | { readonly ok: false; readonly problems: readonly FeatureProblem[] };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isNonEmptyString(x: unknown): x is string {
  return typeof x === 'string' && x.trim().length > 0;
}

/**
 * Lists every problem of an untrusted feature definition (empty when valid). Each problem names the
 * field it is about, so an editor can point at it.
 */
export function validateFeature(input: unknown): FeatureProblem[] {
  if (!isRecord(input)) return [{ field: '', message: 'a feature definition must be an object' }];
  const problems: FeatureProblem[] = [];
  const add = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  if (!isNonEmptyString(input['name'])) add('name', 'must be a non-empty string');
  const key = input['key'];
  if (!Array.isArray(key) || key.length === 0) add('key', 'must be a non-empty array of field names');
  else {
    key.forEach((k, i) => {
      if (!isNonEmptyString(k)) add(`key[${i}]`, 'must be a non-empty string');
    });
    if (new Set(key).size !== key.length) add('key', 'must not repeat a field');
  }
  const aggregate = input['aggregate'];
  const known = (AGGREGATES as readonly unknown[]).includes(aggregate);
  if (!known) add('aggregate', `must be one of ${AGGREGATES.join(', ')}`);
  const field = input['field'];
  if (known && VALUE_AGGREGATES.has(aggregate as Aggregate)) {
    if (!isNonEmptyString(field)) add('field', `is required by ${String(aggregate)}`);
  } else if (known && field !== undefined) {
    add('field', `is not used by ${String(aggregate)}`);
  }
  const w = input['windowMs'];
  if (typeof w !== 'number' || !Number.isInteger(w) || w < MIN_WINDOW_MS || w > MAX_WINDOW_MS) {
    add(
      'windowMs',
      `must be an integer number of milliseconds from ${MIN_WINDOW_MS} (1 s) to ${MAX_WINDOW_MS} (400 days)`,
    );
  }
  const events = input['events'];
  if (events !== undefined) {
    if (!Array.isArray(events) || events.length === 0)
      add('events', 'must be a non-empty array of event types');
    else {
      events.forEach((e, i) => {
        if (!isNonEmptyString(e)) add(`events[${i}]`, 'must be a non-empty string');
      });
      if (new Set(events).size !== events.length) add('events', 'must not repeat an event type');
    }
  }
  const inc = input['includeCurrent'];
  if (typeof inc !== 'boolean') add('includeCurrent', 'must be true or false');
  else if (inc && aggregate === 'since_last') {
    add('includeCurrent', 'must be false for since_last (the current event would always give 0)');
  }
  return problems;
}

/** Validates an untrusted definition and returns it typed, or the list of problems. */
export function parseFeature(input: unknown): FeatureParseResult {
  const problems = validateFeature(input);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, feature: input as unknown as FeatureDefinition };
}

/**
 * Identifies the stream of events a feature reads: features with the same key fields, value field and
 * event types share one stream (and one copy of the events) whatever their window or aggregate.
 */
export function featureStreamKey(feature: Pick<FeatureDefinition, 'key' | 'field' | 'events'>): string {
  // Definitions are immutable once validated: the key is computed once per definition object, not
  // once per evaluation (it sat on the hot path of every decision).
  let key = streamKeys.get(feature);
  if (key === undefined) {
    const events = feature.events ? [...feature.events].sort() : null;
    key = JSON.stringify([feature.key, feature.field ?? null, events]);
    streamKeys.set(feature, key);
  }
  return key;
}

const streamKeys = new WeakMap<object, string>();

/**
 * The key of a single-field subject whose value stands for itself: a string not starting with `[`
 * (how every JSON array key starts); null when the value needs the JSON array form.
 */
export function ownKey(v: unknown): string | null {
  return typeof v === 'string' && v.charCodeAt(0) !== 0x5b ? v : null;
}

/**
 * The subject key value of an event for a feature: its key fields combined, or null when one of them
 * is missing (the event then has no subject for this feature and is neither observed nor evaluated).
 *
 * A single string field not starting with `[` is its own key (the common case: `user_id`, `ip`; no
 * new string to build and hash for every lookup); anything else is the JSON array of the values,
 * which always starts with `[`. Distinct subjects therefore never share a key.
 */
export function subjectKeyValue(
  feature: Pick<FeatureDefinition, 'key'>,
  event: Record<string, unknown>,
): string | null {
  if (feature.key.length === 1) {
    const own = ownKey(event[feature.key[0] as string]);
    if (own !== null) return own;
  }
  const parts: unknown[] = [];
  for (const k of feature.key) {
    const v = event[k];
    if (v === undefined || v === null) return null;
    parts.push(v);
  }
  return JSON.stringify(parts);
}
