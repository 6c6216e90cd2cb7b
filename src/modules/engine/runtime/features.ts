/**
 * Velocity features of live events: which streams an event feeds, and each feature's value at the
 * event's time. One `FeatureEngine` serves every deployed policy (active and shadow) of every event
 * type, over one {@link CounterStore}; the same class serves backtests over a fresh store.
 */
import type { EngineEvent } from '../contracts.js';
import type { CounterStore, EventValue } from '../velocity/counter-store.js';
import { type FeatureDefinition, featureStreamKey } from '../velocity/feature.js';
import {
  evaluateSeries,
  type Handle,
  OFFSET_MASK,
  type SeriesResult,
  type Values,
} from '../velocity/series.js';
import { SubjectKeys } from '../velocity/subject-keys.js';
import { InMemoryWindowStore, type WindowStream } from '../velocity/window-store.js';

/** A feature as a policy declares it: the velocity definition and the value of an empty window. */
export type PolicyFeature = FeatureDefinition & { readonly default?: number };

interface Stream {
  readonly key: string;
  readonly feature: FeatureDefinition;
  readonly events: ReadonlySet<string> | null;
  /** Index of the feature's key fields in {@link SubjectKeys}. */
  readonly keyIndex: number;
  /** The in-process store's stream, resolved once (null for another store or an unregistered stream). */
  readonly fast: WindowStream | null;
  readonly field: FieldRef;
}

/** A feature of a policy, prepared once per feature list. */
interface Planned {
  readonly feature: PolicyFeature;
  readonly keyIndex: number;
  /** Whether events of a type feed the feature's stream, memoised per type. */
  readonly feeds: Map<string, boolean>;
  readonly fast: WindowStream | null;
  readonly field: FieldRef;
}

/** A feature's `field`, parsed once: a `subject` identifier, a `data` field, or none. */
interface FieldRef {
  readonly subject: string | null;
  readonly data: string | null;
}

function fieldRef(feature: Pick<FeatureDefinition, 'field'>): FieldRef {
  const field = feature.field;
  if (field === undefined) return { subject: null, data: null };
  if (field.startsWith('subject.')) return { subject: field.slice('subject.'.length), data: null };
  return { subject: null, data: field };
}

/** {@link fieldValue} with the field already parsed. */
function readField(ref: FieldRef, event: EngineEvent): EventValue {
  const key = ref.subject;
  if (key !== null) return Object.hasOwn(event.subject, key) ? (event.subject[key] ?? null) : null;
  const field = ref.data;
  if (field === null) return null;
  const v = Object.hasOwn(event.data, field) ? event.data[field] : undefined;
  return typeof v === 'number' || typeof v === 'string' ? v : null;
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
  readonly #keys = new SubjectKeys();
  readonly #plans = new WeakMap<readonly PolicyFeature[], Planned[]>();
  readonly #fast: InMemoryWindowStore | null;
  readonly #result: SeriesResult = { value: null, truncated: false };

  constructor(
    readonly store: CounterStore,
    features: readonly FeatureDefinition[],
  ) {
    // The in-process store is read directly (one map lookup per subject, no result objects); any
    // other store goes through the CounterStore port.
    this.#fast = store instanceof InMemoryWindowStore ? store : null;
    const seen = new Set<string>();
    for (const f of features) {
      const key = featureStreamKey(f);
      if (seen.has(key)) continue;
      seen.add(key);
      this.#streams.push({
        key,
        feature: f,
        events: f.events ? new Set(f.events) : null,
        keyIndex: this.#keys.indexOf(f.key),
        fast: this.#fast?.stream(key) ?? null,
        field: fieldRef(f),
      });
    }
  }

  /** Stream keys this engine feeds, for deciding whether a rebuild is needed. */
  get streamKeys(): string[] {
    return this.#streams.map((s) => s.key);
  }

  /** Records the event in every stream it feeds (once per stream, placed by its time). */
  observe(event: EngineEvent): void {
    const keys = this.#keys;
    keys.use(event.subject);
    for (const s of this.#streams) {
      if (s.events !== null && !s.events.has(event.type)) continue;
      const keyValue = keys.get(s.keyIndex);
      if (keyValue === null) continue;
      const value = readField(s.field, event);
      const fast = this.#fast;
      if (s.fast === null || fast === null) {
        this.store.observe(s.key, keyValue, { time: event.occurredMs, value });
        continue;
      }
      // Subjects are never removed from the store, so the bases found by `compute` stay valid; one it
      // found absent is added without a second lookup while no subject has joined the group since.
      let base = keys.bases[s.keyIndex];
      if (base === undefined || base < 0) {
        const group = s.fast.group;
        base =
          base === -1 && keys.absentAt[s.keyIndex] === group.keys.size
            ? fast.addSubject(group, keyValue)
            : fast.subject(group, keyValue);
        keys.bases[s.keyIndex] = base;
      }
      fast.observeInto(s.fast, base, event.occurredMs, value);
    }
  }

  /** Takes back {@link observe} of this event (its decision could not be stored). */
  unobserve(event: EngineEvent): void {
    const keys = this.#keys;
    keys.use(event.subject);
    for (const s of this.#streams) {
      if (s.events !== null && !s.events.has(event.type)) continue;
      const keyValue = keys.get(s.keyIndex);
      if (keyValue === null) continue;
      this.store.unobserve(s.key, keyValue, { time: event.occurredMs, value: fieldValue(s.feature, event) });
    }
  }

  /** Each feature's value for `event` at its `occurred_at`; throws when the store is unavailable. */
  compute(features: readonly PolicyFeature[], event: EngineEvent): FeatureValues {
    const values: Record<string, number> = {};
    const report: Record<string, number | null> = {};
    const truncated: string[] = [];
    const keys = this.#keys;
    keys.use(event.subject);
    const out = this.#result;
    for (const p of this.#plan(features)) {
      const f = p.feature;
      const keyValue = keys.get(p.keyIndex);
      let value: number | null = null;
      if (keyValue !== null) {
        let fed = p.feeds.get(event.type);
        if (fed === undefined) {
          fed = feeds(f, event.type);
          p.feeds.set(event.type, fed);
        }
        const current = fed ? readField(p.field, event) : null;
        if (p.fast !== null) {
          const subjects = p.fast.group.keys;
          let base = keys.bases[p.keyIndex];
          if (base === undefined) {
            base = subjects.find(keyValue);
            keys.bases[p.keyIndex] = base;
            if (base < 0) keys.absentAt[p.keyIndex] = subjects.size;
          }
          const at = base + p.fast.at;
          const records = subjects.records;
          const h = base < 0 ? undefined : (records[at] as Handle | undefined);
          evaluateSeries(
            h === undefined ? null : p.fast.group.arena.page(h),
            h === undefined ? 0 : h & OFFSET_MASK,
            base < 0 ? null : (records[at + 1] as Values),
            f,
            event.occurredMs,
            fed,
            current,
            out,
          );
          value = out.value;
          if (out.truncated) truncated.push(f.name);
        } else {
          const r = this.store.evaluate(f, keyValue, event.occurredMs, fed ? { value: current } : undefined);
          value = r.value;
          if (r.truncated) truncated.push(f.name);
        }
      }
      report[f.name] = value;
      const v = value ?? f.default;
      if (v !== undefined) values[f.name] = v;
    }
    return { values, report, truncated };
  }

  /** The prepared form of a feature list, built on first use (policies reuse one list per version). */
  #plan(features: readonly PolicyFeature[]): Planned[] {
    let plan = this.#plans.get(features);
    if (plan === undefined) {
      plan = features.map((feature) => ({
        feature,
        keyIndex: this.#keys.indexOf(feature.key),
        feeds: new Map<string, boolean>(),
        fast: this.#fast?.stream(featureStreamKey(feature)) ?? null,
        field: fieldRef(feature),
      }));
      this.#plans.set(features, plan);
    }
    return plan;
  }
}
