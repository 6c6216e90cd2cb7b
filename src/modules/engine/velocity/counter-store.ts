import type { FeatureDefinition } from './feature.js';

/**
 * Value of the feature's field on one event. Numeric aggregates (sum, avg, min, max, stddev) use only
 * finite numbers and skip anything else; `distinct` counts distinct non-null values, telling the number
 * 1 from the string '1'; `count` and `since_last` ignore the value.
 */
export type EventValue = number | string | null;

/** One past event of a subject as the velocity store keeps it: its time (epoch ms) and field value. */
export interface VelocityEvent {
  readonly time: number;
  readonly value: EventValue;
}

/**
 * A feature's value at a point in time. `value` is null where the aggregate is undefined on an empty
 * window (avg, min, max, stddev, since_last); count, sum and distinct are 0 on an empty window.
 * `truncated` is true when the store dropped (by pruning or its per-key cap) an event that may lie in
 * this window, so the value may be incomplete; a result with `truncated: false` is exact.
 */
export interface VelocityResult {
  readonly value: number | null;
  readonly truncated: boolean;
}

/** Size of a velocity store; `bytes` is an estimate of the heap held by the events, not a measurement. */
export interface MemoryStats {
  readonly keys: number;
  readonly events: number;
  readonly bytes: number;
}

/**
 * The port the decision engine uses for velocity state, small enough that a Redis-backed store can
 * replace the in-process one. `featureKey` is {@link featureStreamKey} of the feature, `keyValue` is
 * {@link subjectKeyValue} of the event.
 */
export interface CounterStore {
  /** Records a past event of one subject; late events are placed by their time. */
  observe(featureKey: string, keyValue: string, event: VelocityEvent): void;
  /**
   * Takes back one earlier `observe` of exactly this event (same time and value): the decision that
   * observed it could not be stored, so the event never happened as far as the record goes. A retry
   * of the same event id must not count twice. Does nothing when no such event is held.
   */
  unobserve(featureKey: string, keyValue: string, event: VelocityEvent): void;
  /** Evaluates `feature` for the subject at time t, with the event being decided passed as `current`. */
  evaluate(
    feature: FeatureDefinition,
    keyValue: string,
    t: number,
    current?: { readonly value: EventValue },
  ): VelocityResult;
  /** How much the store holds, for metrics and capacity planning. */
  memoryStats(): MemoryStats;
}
