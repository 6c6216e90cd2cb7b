/**
 * Velocity features of live events: which streams an event feeds, and each feature's value at the
 * event's time. One `FeatureEngine` serves every deployed policy (active and shadow) of every event
 * type, over one {@link CounterStore}; the same class serves backtests over a fresh store.
 */
import type { EngineEvent } from '../contracts.js';
import type { CounterStore, EventValue } from '../velocity/counter-store.js';
import { type FeatureDefinition, featureStreamKey, subjectKeyValue } from '../velocity/feature.js';

/** A feature as a policy declares it: the velocity definition and the value of an empty window. */
export type PolicyFeature = FeatureDefinition & { readonly default?: number };

interface Stream {
  readonly key: string;
  readonly feature: FeatureDefinition;
  readonly events: ReadonlySet<string> | null;
}

/**
 * The value of the feature's field on the event: a top-level `data` field, or `subject.<key>` for an
 * identifier (distinct `subject.user_id` per `device_id` is how device-sharing rings show). Numbers
 * and strings count; anything else is null.
 */
export function fieldValue(feature: Pick<FeatureDefinition, 'field'>, event: EngineEvent): EventValue {
  const field = feature.field;
  if (field === undefined) return null;
  if (field.startsWith('subject.')) {
    const key = field.slice('subject.'.length);
    return Object.hasOwn(event.subject, key) ? (event.subject[key] ?? null) : null;
  }
  const v = Object.hasOwn(event.data, field) ? event.data[field] : undefined;
  return typeof v === 'number' || typeof v === 'string' ? v : null;
}

/** Whether events of `type` feed a feature's stream. */
export function feeds(feature: Pick<FeatureDefinition, 'events'>, type: string): boolean {
  return feature.events === undefined || feature.events.includes(type);
}

/** Computed feature values: the map rules read, the raw values for the trace, and truncation. */
export interface FeatureValues {
  /** Name → number; a feature without a value and without a default is absent (`has()` tells). */
  readonly values: Record<string, number>;
  /** Name → value or null, as reported in the decision. */
  readonly report: Record<string, number | null>;
  /** Features whose window may be incomplete (events dropped by the per-key cap or pruning). */
  readonly truncated: string[];
}

/** Observes events into the streams of a set of features and evaluates features point in time. */
export class FeatureEngine {
  readonly #streams: Stream[] = [];

  constructor(
    readonly store: CounterStore,
    features: readonly FeatureDefinition[],
  ) {
    const seen = new Set<string>();
    for (const f of features) {
      const key = featureStreamKey(f);
      if (seen.has(key)) continue;
      seen.add(key);
      this.#streams.push({ key, feature: f, events: f.events ? new Set(f.events) : null });
    }
  }

  /** Stream keys this engine feeds, for deciding whether a rebuild is needed. */
  get streamKeys(): string[] {
    return this.#streams.map((s) => s.key);
  }

  /** Records the event in every stream it feeds (once per stream, placed by its time). */
  observe(event: EngineEvent): void {
    this.#each(event, (s, keyValue, value) =>
      this.store.observe(s.key, keyValue, { time: event.occurredMs, value }),
    );
  }

  /** Takes back {@link observe} of this event (its decision could not be stored). */
  unobserve(event: EngineEvent): void {
    this.#each(event, (s, keyValue, value) =>
      this.store.unobserve(s.key, keyValue, { time: event.occurredMs, value }),
    );
  }

  /** Each feature's value for `event` at its `occurred_at`; throws when the store is unavailable. */
  compute(features: readonly PolicyFeature[], event: EngineEvent): FeatureValues {
    const values: Record<string, number> = {};
    const report: Record<string, number | null> = {};
    const truncated: string[] = [];
    const keys = new SubjectKeys(event);
    for (const f of features) {
      const keyValue = keys.of(f);
      let value: number | null = null;
      if (keyValue !== null) {
        const current = feeds(f, event.type) ? { value: fieldValue(f, event) } : undefined;
        const r = this.store.evaluate(f, keyValue, event.occurredMs, current);
        value = r.value;
        if (r.truncated) truncated.push(f.name);
      }
      report[f.name] = value;
      const v = value ?? f.default;
      if (v !== undefined) values[f.name] = v;
    }
    return { values, report, truncated };
  }

  #each(event: EngineEvent, fn: (s: Stream, keyValue: string, value: EventValue) => void): void {
    const keys = new SubjectKeys(event);
    for (const s of this.#streams) {
      if (s.events !== null && !s.events.has(event.type)) continue;
      const keyValue = keys.of(s.feature);
      if (keyValue === null) continue;
      fn(s, keyValue, fieldValue(s.feature, event));
    }
  }
}

/** The key fields of a definition as one string, computed once per definition object. */
const keyNames = new WeakMap<object, string>();

/**
 * The subject key values of one event, each built once however many features share its key fields
 * (a policy has several windows over `user_id`: one string and one lookup key, not one per feature).
 */
class SubjectKeys {
  readonly #memo = new Map<string, string | null>();

  constructor(private readonly event: EngineEvent) {}

  of(feature: Pick<FeatureDefinition, 'key'>): string | null {
    let names = keyNames.get(feature);
    if (names === undefined) {
      names = feature.key.join('\u0000');
      keyNames.set(feature, names);
    }
    let v = this.#memo.get(names);
    if (v === undefined) {
      v = subjectKeyValue(feature, this.event.subject);
      this.#memo.set(names, v);
    }
    return v;
  }
}
