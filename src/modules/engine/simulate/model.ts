/**
 * The vocabulary of the simulator: the fraud patterns it injects, the labelled event it emits, and
 * the draft events its actors produce before the simulation stamps ids and times on them.
 */
import type { Bilingual } from '../contracts.js';
import type { BuiltinEventType, SUBJECT_KEYS } from '../events/builtin.js';

/** The fraud patterns the simulator injects, each with its own rate. */
export const PATTERNS = [
  'device_ring',
  'velocity_burst',
  'stolen_identity',
  'bust_out',
  'account_takeover',
] as const;

/** One of {@link PATTERNS}. */
export type Pattern = (typeof PATTERNS)[number];

/** What each pattern is called in reports. */
export const PATTERN_TITLES: Readonly<Record<Pattern, Bilingual>> = {
  device_ring: { en: 'Device ring', zh: '设备团伙' },
  velocity_burst: { en: 'Velocity burst', zh: '短时高频交易' },
  stolen_identity: { en: 'Stolen identity', zh: '冒用身份' },
  bust_out: { en: 'Bust-out', zh: '养信用后透支跑路' },
  account_takeover: { en: 'Account takeover', zh: '账户盗用' },
};

/**
 * Default share of all events that belong to each pattern: about 1.1 % of the stream is fraud,
 * which makes roughly one loan application in ten fraudulent (application fraud concentrates
 * there) and gives a backtest a few thousand fraud events per million.
 */
export const DEFAULT_RATES: Readonly<Record<Pattern, number>> = {
  device_ring: 0.003,
  velocity_burst: 0.003,
  stolen_identity: 0.0015,
  bust_out: 0.0015,
  account_takeover: 0.002,
};

/** Default share of events that arrive late (out of `occurred_at` order). */
export const DEFAULT_LATE_FRACTION = 0.005;

/** The most a late event trails events emitted before it: "a few seconds". */
export const LATE_MAX_MS = 5_000;

/** A subject identifier name. */
export type SubjectKey = (typeof SUBJECT_KEYS)[number];

/** The ground truth attached to each simulated event; `fengkong backtest --label label.fraud` reads it. */
export interface EventLabel {
  readonly fraud: boolean;
  readonly pattern: Pattern | null;
}

/**
 * One simulated event: the decision API's envelope plus `label`. The API refuses unknown fields, so
 * a sender strips `label` (see {@link withoutLabel}).
 */
export interface SimulatedEvent {
  readonly type: BuiltinEventType;
  readonly id: string;
  readonly occurred_at: string;
  readonly subject: Readonly<Partial<Record<SubjectKey, string>>>;
  readonly data: Readonly<Record<string, unknown>>;
  readonly label: EventLabel;
}

/** An event as an actor produces it: time in epoch ms, no id yet. */
export interface Draft {
  readonly type: BuiltinEventType;
  readonly at: number;
  readonly subject: Partial<Record<SubjectKey, string>>;
  readonly data: Record<string, unknown>;
  readonly pattern: Pattern | null;
}

/** The envelope the decision API accepts: the event without its label. */
export function withoutLabel(event: SimulatedEvent): Omit<SimulatedEvent, 'label'> {
  const { label: _label, ...envelope } = event;
  return envelope;
}

/** Rounds an amount to whole fen (0.01 yuan), the unit money moves in. */
export function yuan(amount: number): number {
  return Math.round(amount * 100) / 100;
}
