/**
 * When fraud happens. Each pattern's rate is the share of all events that belong to it; a quota
 * starts a new episode whenever the events planned for the pattern fall behind rate × events so
 * far, less a random slack of up to one typical episode. Starts are therefore irregular, yet the
 * realised share stays within about one episode of the target at any length of stream. A pattern
 * with no eligible victim yet (no seasoned borrower for a bust-out in the first months) is retried
 * a little later and catches up.
 */
import { startAccountTakeover, startBustOut, startVelocityBurst } from './fraud-account.js';
import { startDeviceRing, startStolenIdentity } from './fraud-identity.js';
import { PATTERNS, type Pattern } from './model.js';
import type { Random } from './random.js';
import type { World } from './world.js';

const STARTERS: Readonly<Record<Pattern, (world: World) => number | null>> = {
  device_ring: startDeviceRing,
  velocity_burst: startVelocityBurst,
  stolen_identity: startStolenIdentity,
  bust_out: startBustOut,
  account_takeover: startAccountTakeover,
};

/** Typical events per episode, the scale of the random slack between starts. */
const TYPICAL_EPISODE: Readonly<Record<Pattern, number>> = {
  device_ring: 30,
  velocity_burst: 22,
  stolen_identity: 4,
  bust_out: 3.5,
  account_takeover: 3.4,
};

/** Events to wait before trying again when a pattern found no victim. */
const RETRY_AFTER_EVENTS = 200;

/** Starts fraud episodes to keep each pattern at its rate. */
export class FraudScheduler {
  readonly #rates: Readonly<Record<Pattern, number>>;
  readonly #rng: Random;
  /** The patterns with a positive rate, and per pattern (same index): events planned, slack, retry. */
  readonly #patterns: readonly Pattern[];
  readonly #planned: number[];
  readonly #slack: number[];
  readonly #retryAt: number[];

  /** `rng` is the scheduler's own stream; the episodes themselves draw from the world's. */
  constructor(rates: Readonly<Record<Pattern, number>>, rng: Random) {
    this.#rates = rates;
    this.#rng = rng;
    this.#patterns = PATTERNS.filter((p) => rates[p] > 0);
    this.#planned = this.#patterns.map(() => 0);
    this.#slack = this.#patterns.map((p) => rng.next() * TYPICAL_EPISODE[p]);
    this.#retryAt = this.#patterns.map(() => 0);
  }

  /** Called after each produced event; starts at most one episode per pattern. */
  afterEvent(world: World, produced: number): void {
    for (let i = 0; i < this.#patterns.length; i++) {
      const p = this.#patterns[i]!;
      if (produced < this.#retryAt[i]! || this.#planned[i]! + this.#slack[i]! > this.#rates[p] * produced)
        continue;
      const size = STARTERS[p](world);
      if (size === null) {
        this.#retryAt[i] = produced + RETRY_AFTER_EVENTS;
        continue;
      }
      this.#planned[i] = this.#planned[i]! + size;
      this.#slack[i] = this.#rng.next() * TYPICAL_EPISODE[p];
    }
  }
}
