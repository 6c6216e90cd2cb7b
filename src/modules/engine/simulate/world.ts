/**
 * The state the simulated actors share: customers with their identities, devices, networks, wallet
 * balance and loan, and the {@link World} through which actors read the clock, draw random numbers
 * and schedule their next events. Customers and fraud episodes only see this interface, so the
 * simulation loop (queue, ids, late arrivals, rate control) stays in one place.
 */
import type { Device } from './identities.js';
import type { Draft } from './model.js';
import type { Random } from './random.js';

/** A scheduled piece of work; returns the event it produces, or null when there is none after all. */
export type Fire = () => Draft | null;

/** A loan repaid in equal monthly instalments. */
export interface Loan {
  readonly id: string;
  readonly amount: number;
  readonly termMonths: number;
  readonly instalment: number;
  /** Local midnight of the day the loan was granted; instalment k falls due k months later. */
  readonly grantedDay: number;
  /** Instalments repaid so far. */
  paid: number;
  /** After this many instalments the borrower stops paying (credit default, not fraud); Infinity if never. */
  readonly defaultsAfter: number;
}

/** One customer of the platform and what the simulation remembers of them. */
export interface Customer {
  readonly userId: string;
  readonly accountId: string;
  readonly idNumber: string;
  readonly age: number;
  phone: string;
  card: string;
  readonly devices: Device[];
  /** First address of the customer's home broadband /24. */
  readonly homeNet: number;
  /** First address of the mobile carrier's egress /24 the customer's phone uses. */
  readonly carrierNet: number;
  readonly registeredAt: number;
  /** After this time the customer stops opening sessions. */
  readonly dormantAt: number;
  /** Mean days between sessions. */
  readonly sessionGapDays: number;
  readonly borrower: boolean;
  /** Probability of repaying an instalment on time. */
  readonly reliability: number;
  readonly monthlyIncome: number;
  readonly channel: string;
  /** Current credit limit (yuan); raised after each loan repaid on time. */
  limit: number;
  /** Wallet balance (yuan). */
  balance: number;
  loan: Loan | null;
  onTimeRepayments: number;
  lateRepayments: number;
  /** Defaulted on a loan: no more credit. */
  delinquent: boolean;
  /** Largest amount applied for so far. */
  maxApplied: number;
  /** Was the mule or the victim of a fraud episode (so not a clean borrower any more). */
  fraudTouched: boolean;
  /** Left for good (busted out): no more sessions or repayments. */
  gone: boolean;
  /** Taken over by a fraud episode right now: normal sessions wait. */
  busyUntil: number;
  /** Position in the world's active list, or -1 when not active. */
  activeIndex: number;
  /** The device and address of the current session, and its remaining steps. */
  sessionDevice: Device;
  sessionIp: string;
  plan: number[];
  step: number;
  /** The session starts somewhere new (a device and address are picked at its first step). */
  newPlace: boolean;
  /** Runs the customer's next session step; made once per customer, scheduled for every step. */
  resume: Fire;
}

/** What an actor may do with the simulation. */
export interface World {
  readonly rng: Random;
  /** The time of the work being done now (epoch ms). */
  readonly now: number;
  /** The reference time of the stream (its start), for ages. */
  readonly startMs: number;
  /** Egress networks of the mobile carriers, shared by many customers. */
  readonly carrierNets: readonly number[];
  /** Runs `fire` at `at` (never before the current time). */
  schedule(at: number, fire: Fire): void;
  /** A fresh user number; user and account ids derive from it. */
  nextUserNumber(): number;
  /** A fresh loan id. */
  nextLoanId(): string;
  /** Adds a customer to the active list (they open sessions). */
  activate(customer: Customer): void;
  /** Removes a customer from the active list. */
  deactivate(customer: Customer): void;
  /** Records a registered identity that a fraudster may later steal. */
  rememberIdentity(customer: Customer): void;
  /** A random active customer satisfying `accept`, or null after a bounded number of tries. */
  sampleActive(accept: (customer: Customer) => boolean): Customer | null;
  /** A remembered identity, or null when none has registered yet. */
  sampleIdentity(): { readonly idNumber: string; readonly age: number } | null;
}
