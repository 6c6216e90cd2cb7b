/**
 * The simulation loop: a discrete-event simulation of an online-lending platform. New customers
 * arrive on the daily rhythm, each customer and each fraud episode schedules its next action on
 * one time-ordered agenda, and the loop runs the earliest action, stamps the event it produces
 * (id `sim-<seed>-<n>`, RFC 3339 time) and yields it. Memory holds the population and the agenda,
 * never the stream, so a million events can be written to a file as they are made.
 *
 * The stream spans about {@link TARGET_SPAN_DAYS} days whatever its length: the arrival rate of new
 * customers scales with the number of events asked for, so seasoned borrowers (and bust-outs)
 * exist in every stream long enough to hold them.
 */
import { arrive } from './customer.js';
import { FraudScheduler } from './fraud-scheduler.js';
import { publicNetwork24 } from './identities.js';
import { LateArrivals } from './late-arrivals.js';
import type { Draft, EventLabel, SimulatedEvent } from './model.js';
import { type ResolvedOptions, resolveOptions, type SimulateOptions } from './options.js';
import { Random } from './random.js';
import { DAY_MS, nextArrival } from './rhythm.js';
import { TaskQueue } from './task-queue.js';
import type { Customer, Fire, World } from './world.js';

/** Simulated days a stream covers, roughly, at any length. */
export const TARGET_SPAN_DAYS = 365;

/**
 * Events the platform produces over {@link TARGET_SPAN_DAYS} per new customer a day, measured on
 * this simulator (customers come back every few days for about three events a session, stay
 * for months, and the active base grows over the year).
 */
const EVENTS_PER_DAILY_ARRIVAL = 37_500;

/** Remembered identities a fraudster may steal (a uniform sample of every registration). */
const IDENTITY_RESERVOIR = 4_096;

/** Tries to find an eligible active customer before giving up for now. */
const SAMPLE_TRIES = 40;

/** Independent random streams of one seed. */
const STREAM = { world: 0, fraud: 1, late: 2 } as const;

const NOT_FRAUD: EventLabel = Object.freeze({ fraud: false, pattern: null });

/** The shared state of one run; actors reach it through {@link World}. */
class Simulation implements World {
  readonly rng: Random;
  readonly startMs: number;
  readonly carrierNets: readonly number[];
  readonly queue = new TaskQueue();
  now: number;
  readonly #active: Customer[] = [];
  readonly #identities: { idNumber: string; age: number }[] = [];
  #identitiesSeen = 0;
  #users = 0;
  #loans = 0;

  constructor(options: ResolvedOptions) {
    this.rng = new Random(options.seed, STREAM.world);
    this.startMs = options.startMs;
    this.now = options.startMs;
    this.carrierNets = Array.from({ length: 24 }, () => publicNetwork24(this.rng));
  }

  schedule(at: number, fire: Fire): void {
    this.queue.push(Math.max(at, this.now), fire);
  }

  nextUserNumber(): number {
    return ++this.#users;
  }

  nextLoanId(): string {
    return `ln${String(++this.#loans).padStart(9, '0')}`;
  }

  activate(c: Customer): void {
    if (c.activeIndex >= 0) return;
    c.activeIndex = this.#active.length;
    this.#active.push(c);
  }

  deactivate(c: Customer): void {
    const i = c.activeIndex;
    if (i < 0) return;
    const last = this.#active.pop()!;
    if (last !== c) {
      this.#active[i] = last;
      last.activeIndex = i;
    }
    c.activeIndex = -1;
  }

  rememberIdentity(c: Customer): void {
    // Reservoir sampling, Algorithm R (J. S. Vitter, ACM TOMS 11(1), 1985): every registration
    // so far is equally likely to be in the sample, in bounded memory.
    this.#identitiesSeen++;
    const entry = { idNumber: c.idNumber, age: c.age };
    if (this.#identities.length < IDENTITY_RESERVOIR) this.#identities.push(entry);
    else {
      const j = Math.floor(this.rng.next() * this.#identitiesSeen);
      if (j < IDENTITY_RESERVOIR) this.#identities[j] = entry;
    }
  }

  sampleActive(accept: (c: Customer) => boolean): Customer | null {
    if (this.#active.length === 0) return null;
    for (let i = 0; i < SAMPLE_TRIES; i++) {
      const c = this.rng.pick(this.#active);
      if (accept(c)) return c;
    }
    return null;
  }

  sampleIdentity(): { readonly idNumber: string; readonly age: number } | null {
    return this.#identities.length === 0 ? null : this.rng.pick(this.#identities);
  }
}

/**
 * Simulates an online-lending platform's event stream, lazily: each event is made when the
 * consumer asks for it. Throws a RangeError for invalid options (see `simulateOptionProblems`).
 */
export function* simulateEvents(options: SimulateOptions): Generator<SimulatedEvent, void, undefined> {
  const resolved = resolveOptions(options);
  const sim = new Simulation(resolved);
  const fraud = new FraudScheduler(resolved.rates, new Random(resolved.seed, STREAM.fraud));
  const late = new LateArrivals(resolved.lateFraction, new Random(resolved.seed, STREAM.late));
  const perDay = Math.max(0.2, resolved.events / EVENTS_PER_DAILY_ARRIVAL);
  const idPrefix = `sim-${resolved.seed}-`;
  const time = new IsoTimeFormatter();
  const arrival: Fire = () => {
    sim.schedule(nextArrival(sim.now, perDay, sim.rng), arrival);
    return arrive(sim);
  };
  sim.schedule(nextArrival(sim.now, perDay, sim.rng), arrival);

  let produced = 0;
  while (produced < resolved.events) {
    const task = sim.queue.pop();
    if (task === undefined) break; // unreachable: the next arrival is always scheduled
    sim.now = task.at;
    const draft = task.fire();
    if (draft === null) continue;
    produced++;
    const event = stamp(draft, `${idPrefix}${produced}`, time);
    fraud.afterEvent(sim, produced);
    while (late.hasDue(draft.at)) yield late.takeDue(draft.at);
    if (late.hold(event, draft.at, produced, sim.queue.peekAt())) continue;
    late.emitted(draft.at);
    yield event;
  }
  yield* late.flush();
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Formats epoch ms like `new Date(ms).toISOString()` (RFC 3339, UTC, milliseconds) without building
 * a Date per event: the date part is cached per day, the time of day is plain arithmetic. One per
 * stream, since streams move forward through days. For times from 1970 to 9999.
 */
export class IsoTimeFormatter {
  #day = Number.NaN;
  #dayText = '';

  /** The RFC 3339 text of `ms`. */
  format(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.#day) {
      this.#day = day;
      this.#dayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    let rest = ms - day * DAY_MS;
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const second = rest % 60;
    rest = (rest - second) / 60;
    const minute = rest % 60;
    const hour = (rest - minute) / 60;
    return `${this.#dayText}${PAD2[hour]}:${PAD2[minute]}:${PAD2[second]}.${PAD3[milli]}Z`;
  }
}

function stamp(d: Draft, id: string, time: IsoTimeFormatter): SimulatedEvent {
  return {
    type: d.type,
    id,
    occurred_at: time.format(d.at),
    subject: d.subject,
    data: d.data,
    label: d.pattern === null ? NOT_FRAUD : { fraud: true, pattern: d.pattern },
  };
}
