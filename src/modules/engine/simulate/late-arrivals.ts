/**
 * Late arrivals: a small share of events reach the decision engine a few seconds after events that
 * happened later (mobile networks, retries, batching). They exercise point-in-time correctness:
 * a feature computed for an event must not see events after its `occurred_at`, whatever the
 * arrival order.
 *
 * An event is held back only when the next scheduled work is close enough to overtake it, and it
 * is released as soon as an event beyond its release time (at most {@link LATE_MAX_MS} after its
 * own time) comes along. So every late event is out of order by at most that bound, and a quota
 * keeps the share of events that were actually overtaken at the configured fraction. That needs
 * enough pairs of events a few seconds apart: the simulated streams have them for fractions up to
 * `MAX_LATE_FRACTION` (about 6 % of events are followed that closely in the sparsest streams).
 */
import { LATE_MAX_MS, type SimulatedEvent } from './model.js';
import type { Random } from './random.js';

interface Held {
  readonly event: SimulatedEvent;
  readonly at: number;
  readonly releaseAt: number;
  overtaken: boolean;
}

/** Holds back and releases late events; deterministic given its generator. */
export class LateArrivals {
  readonly #held: Held[] = [];
  readonly #fraction: number;
  readonly #rng: Random;
  #overtaken = 0;

  /** `fraction` of events arrive late; `rng` draws how late (its own stream, so it shifts nothing else). */
  constructor(fraction: number, rng: Random) {
    this.#fraction = fraction;
    this.#rng = rng;
  }

  /** Whether a held event must be emitted before an event at `at`. */
  hasDue(at: number): boolean {
    for (const h of this.#held) if (h.releaseAt < at) return true;
    return false;
  }

  /** Removes and returns the earliest held event that is due before `at` (call after {@link hasDue}). */
  takeDue(at: number): SimulatedEvent {
    let best = -1;
    for (let i = 0; i < this.#held.length; i++) {
      const h = this.#held[i]!;
      if (h.releaseAt < at && (best < 0 || h.at < this.#held[best]!.at)) best = i;
    }
    const [h] = this.#held.splice(best, 1);
    // A later held event released now overtakes the earlier ones still held.
    this.emitted(h!.at);
    return h!.event;
  }

  /**
   * Decides whether `event` (at `at`, the `produced`-th event) is held back, given the time of the
   * next scheduled work `nextAt`. Returns false when it should be emitted now.
   */
  hold(event: SimulatedEvent, at: number, produced: number, nextAt: number): boolean {
    if (this.#fraction <= 0 || this.#overtaken + this.#held.length >= this.#fraction * produced) return false;
    if (!(nextAt > at && nextAt - at < LATE_MAX_MS)) return false;
    const releaseAt = nextAt + Math.floor(this.#rng.next() * (at + LATE_MAX_MS - nextAt));
    this.#held.push({ event, at, releaseAt, overtaken: false });
    return true;
  }

  /** Records that an event at `at` is being emitted while others are held. */
  emitted(at: number): void {
    for (const h of this.#held) {
      if (!h.overtaken && h.at < at) {
        h.overtaken = true;
        this.#overtaken++;
      }
    }
  }

  /** Everything still held, oldest first, at the end of the stream. */
  *flush(): Generator<SimulatedEvent> {
    while (this.#held.length > 0) yield this.takeDue(Number.POSITIVE_INFINITY);
  }
}
