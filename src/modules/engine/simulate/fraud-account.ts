/**
 * Fraud on existing accounts:
 * - `velocity_burst`: an account used as a money mule fires a burst of transfers, small test
 *   payments and withdrawals within minutes;
 * - `bust_out`: a borrower with months of clean repayments logs in, draws the full credit limit,
 *   withdraws everything and is never heard of again (the instalments stop);
 * - `account_takeover`: someone on a new device and address logs in with an SMS code, changes the
 *   password or phone, and minutes later withdraws most of the balance to their own card.
 * Each starter picks an eligible customer, schedules the episode and returns its number of events,
 * or null when no customer is eligible yet.
 */
import { bankCard, hostIn24, ipv4Text, mobileNumber, newDevice, publicNetwork24 } from './identities.js';
import { applyForLoan } from './loans.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './rhythm.js';
import { login, payment, profileChange, transfer, type Via, withdrawal } from './session-events.js';
import type { Customer, World } from './world.js';

/** A burst's transactions and withdrawals all fall within this window. */
export const BURST_WINDOW_MS = 10 * MINUTE_MS;

/** Fewest and most money movements in one burst. */
export const BURST_SIZE = { min: 12, max: 30 } as const;

/** A bust-out borrower has been a customer this long and repaid this many instalments on time. */
export const BUST_OUT_MIN_TENURE_MS = 90 * DAY_MS;
export const BUST_OUT_MIN_ON_TIME = 3;

/** A takeover's withdrawal follows its profile change within this time. */
export const TAKEOVER_WINDOW_MS = 15 * MINUTE_MS;

/** Wallet balance worth taking over (yuan). */
const TAKEOVER_MIN_BALANCE = 1_000;

const idle = (world: World) => (c: Customer) => !c.gone && c.busyUntil <= world.now;

/** The customer's own phone at home: where the account holder acts from. */
function ownPlace(world: World, c: Customer): Via {
  return { device: c.devices[0]!, ip: ipv4Text(hostIn24(world.rng, c.homeNet)) };
}

/** Schedules a velocity burst on an idle account within two hours. */
export function startVelocityBurst(world: World): number | null {
  const { rng, now } = world;
  const c = world.sampleActive(idle(world));
  if (c === null) return null;
  const via = ownPlace(world, c);
  const size = rng.int(BURST_SIZE.min, BURST_SIZE.max);
  const mules = Array.from({ length: rng.int(2, 4) }, () => `account:${rng.int(10_000_000, 99_999_999)}`);
  let at = now + rng.int(MINUTE_MS, 2 * HOUR_MS);
  world.schedule(at, () => login(world, c, true, 'password', 'velocity_burst', via));
  // Gaps short enough that every movement lies within the window after the first one.
  const maxGap = Math.floor((BURST_WINDOW_MS - MINUTE_MS) / size);
  at += rng.int(5_000, 30_000);
  const first = at;
  for (let i = 0; i < size; i++) {
    const r = rng.next();
    if (r < 0.6) {
      const to = rng.pick(mules);
      world.schedule(at, () => transfer(world, c, rng.int(5, 50) * 100, 'velocity_burst', via, to));
    } else if (r < 0.8) {
      world.schedule(at, () => payment(world, c, rng.between(20, 300), 'velocity_burst', via));
    } else {
      world.schedule(at, () => withdrawal(world, c, rng.int(2, 30) * 100, 'velocity_burst', via));
    }
    at += rng.int(3_000, maxGap);
  }
  c.busyUntil = Math.max(c.busyUntil, first + BURST_WINDOW_MS);
  c.fraudTouched = true;
  return size + 1;
}

/** Whether `c` has repaid well for months and may bust out now. */
export function readyToBustOut(c: Customer, now: number): boolean {
  return (
    !c.gone &&
    !c.fraudTouched &&
    c.busyUntil <= now &&
    !c.delinquent &&
    c.lateRepayments === 0 &&
    c.onTimeRepayments >= BUST_OUT_MIN_ON_TIME &&
    now - c.registeredAt >= BUST_OUT_MIN_TENURE_MS
  );
}

/** Schedules a bust-out by a seasoned borrower within six hours. */
export function startBustOut(world: World): number | null {
  const { rng, now } = world;
  const c = world.sampleActive((x) => readyToBustOut(x, now));
  if (c === null) return null;
  // From now on the borrower is gone: no sessions, no instalments (of the old loan or the new one).
  c.gone = true;
  world.deactivate(c);
  const via = ownPlace(world, c);
  const amount = c.limit;
  let at = now + rng.int(MINUTE_MS, 6 * HOUR_MS);
  world.schedule(at, () => login(world, c, true, 'password', 'bust_out', via));
  at += rng.int(MINUTE_MS, 5 * MINUTE_MS);
  world.schedule(at, () =>
    applyForLoan(world, c, 'bust_out', { amount, termMonths: 12, approve: true, via }),
  );
  const withdrawals = amount > 20_000 ? 2 : 1;
  for (let i = 1; i <= withdrawals; i++) {
    at += rng.int(5 * MINUTE_MS, 30 * MINUTE_MS);
    const last = i === withdrawals;
    world.schedule(at, () =>
      withdrawal(world, c, last ? c.balance : c.balance * rng.between(0.4, 0.6), 'bust_out', via),
    );
  }
  return 2 + withdrawals;
}

/** Schedules an account takeover of an idle account with money in it, within three hours. */
export function startAccountTakeover(world: World): number | null {
  const { rng, now } = world;
  const c = world.sampleActive((x) => idle(world)(x) && x.balance >= TAKEOVER_MIN_BALANCE);
  if (c === null) return null;
  const via: Via = { device: newDevice(rng), ip: ipv4Text(hostIn24(rng, publicNetwork24(rng))) };
  const card = bankCard(rng);
  let events = 3;
  let at = now + rng.int(MINUTE_MS, 3 * HOUR_MS);
  if (rng.chance(0.4)) {
    events++;
    world.schedule(at, () => login(world, c, false, 'password', 'account_takeover', via));
    at += rng.int(10_000, 60_000);
  }
  world.schedule(at, () => login(world, c, true, 'sms', 'account_takeover', via));
  at += rng.int(MINUTE_MS, 5 * MINUTE_MS);
  const field = rng.chance(0.5) ? 'password' : 'phone';
  const phone = mobileNumber(rng);
  world.schedule(at, () => profileChange(world, c, field, 'account_takeover', via, phone));
  at += rng.int(MINUTE_MS, 10 * MINUTE_MS);
  world.schedule(at, () =>
    withdrawal(world, c, Math.max(1, c.balance * rng.between(0.8, 1)), 'account_takeover', via, card),
  );
  c.busyUntil = Math.max(c.busyUntil, at + MINUTE_MS);
  c.fraudTouched = true;
  return events;
}
