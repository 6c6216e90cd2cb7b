/**
 * Application fraud with identities that are not the applicant's own:
 * - `device_ring`: a fraud studio signs up many synthetic identities (valid-looking ID numbers of
 *   young adults, mostly virtual-operator phones, often one referral code) from a couple of phones
 *   and a few addresses of one network, and applies for a small loan with each within hours;
 * - `stolen_identity`: someone registers with the ID number of an existing customer, from their own
 *   device, address and phone, applies for a loan and, when it is granted, withdraws it.
 * Each starter schedules the whole episode and returns how many events it will produce.
 */
import { newCustomer } from './customer.js';
import {
  bankCard,
  hostIn24,
  ipv4Text,
  mobileNumber,
  newDevice,
  publicNetwork24,
  residentId,
} from './identities.js';
import { applyForLoan } from './loans.js';
import { HOUR_MS, MINUTE_MS } from './rhythm.js';
import { login, profileChange, registration, withdrawal } from './session-events.js';
import type { World } from './world.js';

/** All events of one device ring fall within this window. */
export const RING_WINDOW_MS = 6 * HOUR_MS;

/** Fewest and most identities one ring signs up. */
export const RING_MEMBERS = { min: 6, max: 14 } as const;

/** At most this many devices are shared by a ring, so each carries at least three identities. */
export const RING_MAX_DEVICES = 2;

/** Schedules a device ring starting within two hours; returns its number of events. */
export function startDeviceRing(world: World): number {
  const { rng, now } = world;
  const size = rng.int(RING_MEMBERS.min, RING_MEMBERS.max);
  const devices = Array.from({ length: rng.int(1, RING_MAX_DEVICES) }, () => newDevice(rng));
  const network = publicNetwork24(rng);
  const ips = Array.from({ length: rng.int(1, 3) }, () => ipv4Text(hostIn24(rng, network)));
  const referral = rng.chance(0.6) ? `R${rng.hex(6).toUpperCase()}` : null;
  const start = now + rng.int(MINUTE_MS, 2 * HOUR_MS);
  // Each member needs at most ~22 minutes from sign-up to application.
  const spread = RING_WINDOW_MS - 30 * MINUTE_MS;
  for (let i = 0; i < size; i++) {
    const device = devices[i % devices.length]!;
    const id = residentId(rng, world.startMs, 18, 28);
    const c = newCustomer(world, {
      idNumber: id.value,
      age: id.age,
      phone: mobileNumber(rng, 0.7),
      devices: [device],
      sessionDevice: device,
      sessionIp: rng.pick(ips),
      channel: rng.chance(0.7) ? 'partner' : 'h5',
      monthlyIncome: rng.int(8, 20) * 1_000,
      borrower: true,
    });
    const signUp = start + rng.int(0, spread);
    const loginAt = signUp + rng.int(20_000, 90_000);
    const applyAt = loginAt + rng.int(3 * MINUTE_MS, 20 * MINUTE_MS);
    const amount = rng.int(30, 100) * 100;
    world.schedule(signUp, () => registration(world, c, 'device_ring', referral));
    world.schedule(loginAt, () => login(world, c, true, 'sms', 'device_ring'));
    world.schedule(applyAt, () =>
      applyForLoan(world, c, 'device_ring', { amount, termMonths: rng.pick([3, 6]), approve: false }),
    );
  }
  return size * 3;
}

/**
 * Schedules a stolen-identity episode starting within three hours, or returns null when no
 * identity has registered yet; returns its number of events.
 */
export function startStolenIdentity(world: World): number | null {
  const { rng, now } = world;
  const victim = world.sampleIdentity();
  if (victim === null) return null;
  const device = newDevice(rng);
  const c = newCustomer(world, {
    idNumber: victim.idNumber,
    age: victim.age,
    phone: mobileNumber(rng, 0.3),
    devices: [device],
    sessionDevice: device,
    sessionIp: ipv4Text(hostIn24(rng, publicNetwork24(rng))),
    borrower: true,
  });
  let at = now + rng.int(MINUTE_MS, 3 * HOUR_MS);
  let events = 3;
  world.schedule(at, () => registration(world, c, 'stolen_identity', null));
  at += rng.int(30_000, 120_000);
  world.schedule(at, () => login(world, c, true, rng.chance(0.5) ? 'sms' : 'password', 'stolen_identity'));
  if (rng.chance(0.4)) {
    // Binds a card in the fraudster's control before applying.
    const card = bankCard(rng);
    at += rng.int(MINUTE_MS, 5 * MINUTE_MS);
    events++;
    world.schedule(at, () => {
      c.card = card;
      return profileChange(world, c, 'bank_card', 'stolen_identity');
    });
  }
  const granted = rng.chance(0.5);
  const amount = rng.int(20, 200) * 100;
  at += rng.int(3 * MINUTE_MS, 30 * MINUTE_MS);
  world.schedule(at, () => applyForLoan(world, c, 'stolen_identity', { amount, approve: granted }));
  if (granted) {
    events++;
    at += rng.int(10 * MINUTE_MS, 60 * MINUTE_MS);
    world.schedule(at, () => {
      // The loan is cashed out and never repaid: its scheduled instalments do not happen.
      c.gone = true;
      return withdrawal(world, c, c.balance, 'stolen_identity');
    });
  }
  return events;
}
