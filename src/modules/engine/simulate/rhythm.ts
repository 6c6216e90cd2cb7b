/**
 * The daily rhythm of a consumer-lending app: quiet between 01:00 and 06:00 Beijing time, a
 * lunch-time bump and an evening peak from 20:00 to 22:00. Session start times and the arrival of
 * new customers follow it, so velocity features and time-of-day rules meet realistic traffic.
 *
 * China keeps one time zone, UTC+8, without daylight saving since 1991, so local time is a fixed
 * offset. The hourly weights are a modelling assumption (relative activity per local hour), not a
 * measured curve.
 */
import type { Random } from './random.js';

/** Milliseconds in a minute, an hour and a day. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Beijing time is UTC+8 all year. */
const LOCAL_OFFSET_MS = 8 * HOUR_MS;

/** Relative activity per local hour 00…23: night trough, lunch bump, evening peak. */
const HOURLY_WEIGHTS = [
  3.2, 1.8, 1.0, 0.6, 0.5, 0.6, 1.2, 2.6, 4.0, 5.0, 5.4, 5.8, 6.6, 6.2, 5.4, 5.2, 5.3, 5.6, 6.3, 7.6, 8.9,
  9.6, 9.0, 6.1,
] as const;

const TOTAL_WEIGHT = HOURLY_WEIGHTS.reduce((a, b) => a + b, 0);
const MAX_WEIGHT = Math.max(...HOURLY_WEIGHTS);
const CUMULATIVE = HOURLY_WEIGHTS.map((_, h) => HOURLY_WEIGHTS.slice(0, h + 1).reduce((a, b) => a + b, 0));

/** The local (UTC+8) hour 0…23 of an instant. */
export function localHour(ms: number): number {
  return Math.floor(((((ms + LOCAL_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

/** The instant local midnight began on the local day containing `ms`. */
export function localDayStart(ms: number): number {
  return Math.floor((ms + LOCAL_OFFSET_MS) / DAY_MS) * DAY_MS - LOCAL_OFFSET_MS;
}

/** Activity at `ms` relative to the busiest hour, in (0, 1]: the acceptance ratio for thinning. */
export function relativeActivity(ms: number): number {
  return (HOURLY_WEIGHTS[localHour(ms)] as number) / MAX_WEIGHT;
}

/** How much busier the busiest hour is than the average hour (the thinning envelope factor). */
export const PEAK_TO_MEAN = (MAX_WEIGHT * HOURLY_WEIGHTS.length) / TOTAL_WEIGHT;

/** A time of day (ms after local midnight) drawn from the rhythm. */
export function timeOfDay(rng: Random): number {
  const x = rng.next() * TOTAL_WEIGHT;
  let hour = 0;
  while (hour < 23 && (CUMULATIVE[hour] as number) <= x) hour++;
  return hour * HOUR_MS + Math.floor(rng.next() * HOUR_MS);
}

/**
 * The start of a session about `gapDays` after `now`: the local day is `now + gapDays`, the time
 * of day is drawn from the rhythm, and the result is always strictly after `now`.
 */
export function sessionTimeAfter(now: number, gapDays: number, rng: Random): number {
  let at = localDayStart(now + gapDays * DAY_MS) + timeOfDay(rng);
  while (at <= now) at += DAY_MS;
  return at;
}

/**
 * The next arrival of a non-homogeneous Poisson process whose rate is `perDay` on average and
 * follows the rhythm, by thinning (P. A. W. Lewis and G. S. Shedler, "Simulation of
 * nonhomogeneous Poisson processes by thinning", Naval Research Logistics Quarterly 26(3), 1979):
 * candidates at the peak rate, each kept with probability activity / peak.
 */
export function nextArrival(now: number, perDay: number, rng: Random): number {
  const peakMeanGapMs = DAY_MS / (perDay * PEAK_TO_MEAN);
  let at = now;
  for (;;) {
    at += Math.max(1, Math.round(rng.exponential(peakMeanGapMs)));
    if (rng.next() < relativeActivity(at)) return at;
  }
}
