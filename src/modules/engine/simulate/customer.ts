/**
 * Honest customers: they register, then come back every few days (on the daily rhythm) for a
 * session of a few steps: a login, perhaps a loan application, deposits, payments, transfers, a
 * withdrawal, now and then a profile change or a new phone. Loans and their repayments live in
 * loans.ts. Every event here is labelled not-fraud; the look-alikes (a new device, a changed phone,
 * a large withdrawal) are deliberate, so that rules are tested against realistic false positives.
 */
import {
  bankCard,
  hostIn24,
  ipv4Text,
  mobileNumber,
  newDevice,
  publicNetwork24,
  residentId,
} from './identities.js';
import { applyForLoan, MAX_LIMIT } from './loans.js';
import type { Draft } from './model.js';
import { DAY_MS, sessionTimeAfter } from './rhythm.js';
import {
  deposit,
  login,
  payment,
  profileChange,
  registration,
  transfer,
  withdrawal,
} from './session-events.js';
import type { Customer, World } from './world.js';

/** Session steps, as small integers so a planned session is a short array of numbers. */
const Step = {
  FailedLogin: 0,
  Login: 1,
  NewDeviceLogin: 2,
  DeviceChange: 3,
  Apply: 4,
  Deposit: 5,
  Payment: 6,
  Transfer: 7,
  Withdraw: 8,
  Profile: 9,
} as const;
type Step = (typeof Step)[keyof typeof Step];

const LOGIN_METHODS = ['password', 'password', 'sms', 'biometric'] as const;
const PROFILE_FIELDS = [
  'address',
  'address',
  'email',
  'password',
  'password',
  'bank_card',
  'phone',
  'name',
] as const;
const CHANNELS = ['app', 'app', 'app', 'app', 'app', 'app', 'app', 'h5', 'mini_program', 'partner'] as const;

/**
 * A new person with a fresh user number and, unless given, a fresh identity, phone, card, phone
 * device and home network; fraud episodes use it for the synthetic users they sign up.
 */
export function newCustomer(world: World, overrides: Partial<Customer> = {}): Customer {
  const { rng, now } = world;
  const n = world.nextUserNumber();
  const id = overrides.idNumber === undefined ? residentId(rng, world.startMs, 18, 60) : null;
  const devices = overrides.devices ?? [newDevice(rng)];
  const income = Math.round(rng.logNormal(6_500, 0.5) / 100) * 100;
  const c: Customer = {
    userId: `u${String(n).padStart(8, '0')}`,
    accountId: `a${String(n).padStart(8, '0')}`,
    idNumber: id?.value ?? '',
    age: id?.age ?? 0,
    phone: mobileNumber(rng),
    card: bankCard(rng),
    devices,
    homeNet: publicNetwork24(rng),
    carrierNet: rng.pick(world.carrierNets),
    registeredAt: now,
    dormantAt: now + rng.exponential(300) * DAY_MS,
    sessionGapDays: Math.min(30, Math.max(0.4, rng.logNormal(3.5, 0.8))),
    borrower: rng.chance(0.7),
    reliability: rng.chance(0.85) ? rng.between(0.97, 1) : rng.between(0.75, 0.97),
    monthlyIncome: income,
    channel: rng.pick(CHANNELS),
    limit: Math.min(MAX_LIMIT, Math.max(2_000, Math.round((income * rng.between(0.8, 2.5)) / 1_000) * 1_000)),
    balance: 0,
    loan: null,
    onTimeRepayments: 0,
    lateRepayments: 0,
    delinquent: false,
    maxApplied: 0,
    fraudTouched: false,
    gone: false,
    busyUntil: 0,
    activeIndex: -1,
    sessionDevice: devices[0]!,
    sessionIp: '',
    plan: [],
    step: 0,
    newPlace: false,
    resume: () => sessionStep(world, c),
    ...overrides,
  };
  return c;
}

/** A new customer registers now; their first session follows within minutes. */
export function arrive(world: World): Draft {
  const { rng, now } = world;
  const c = newCustomer(world);
  if (rng.chance(0.25)) c.devices.push(newDevice(rng));
  pickSessionPlace(world, c);
  world.activate(c);
  world.rememberIdentity(c);
  startSession(world, c, now + rng.int(15_000, 120_000), false);
  return registration(world, c, null, rng.chance(0.1) ? `R${rng.hex(6).toUpperCase()}` : null);
}

/** The device and address of a session: mostly the main phone, at home or on the mobile network. */
function pickSessionPlace(world: World, c: Customer): void {
  const { rng } = world;
  c.sessionDevice = c.devices.length > 1 && rng.chance(0.3) ? rng.pick(c.devices) : c.devices[0]!;
  c.sessionIp = ipv4Text(hostIn24(rng, rng.chance(0.65) ? c.homeNet : c.carrierNet));
}

/** Plans a session and schedules its first step at `at`; `place` picks a new device and address. */
function startSession(world: World, c: Customer, at: number, place = true): void {
  const { rng } = world;
  const plan: number[] = [];
  if (rng.chance(0.03)) plan.push(Step.FailedLogin);
  if (c.devices.length < 3 && rng.chance(0.008)) plan.push(Step.NewDeviceLogin, Step.DeviceChange);
  else plan.push(Step.Login);
  // Borrowers apply when they have no loan; now and then one asks for a top-up, which is declined.
  if (c.borrower && !c.delinquent && rng.chance(c.loan ? 0.06 : 0.4)) plan.push(Step.Apply);
  if (rng.chance(0.3)) plan.push(Step.Deposit);
  for (let k = 0; k < 3 && rng.chance(0.45); k++) plan.push(Step.Payment);
  if (rng.chance(0.2)) plan.push(Step.Transfer);
  if (rng.chance(0.15)) plan.push(Step.Withdraw);
  if (rng.chance(0.015)) plan.push(Step.Profile);
  c.plan = plan;
  c.step = 0;
  c.newPlace = place;
  world.schedule(at, c.resume);
}

/** Runs the current step of the session and schedules the next one (or the next session). */
function sessionStep(world: World, c: Customer): Draft | null {
  const { rng, now } = world;
  if (c.gone) return null;
  if (now < c.busyUntil) {
    // A fraud episode is using the account: this session starts again once it is over.
    startSession(world, c, c.busyUntil + rng.int(60_000, 3_600_000));
    return null;
  }
  if (c.newPlace) {
    pickSessionPlace(world, c);
    c.newPlace = false;
  }
  const step = c.plan[c.step++] as Step;
  const draft = runStep(world, c, step);
  if (c.step < c.plan.length) world.schedule(now + 1_000 + Math.round(rng.logNormal(10_000, 1)), c.resume);
  else scheduleNextSession(world, c);
  return draft;
}

function runStep(world: World, c: Customer, step: Step): Draft | null {
  const { rng } = world;
  switch (step) {
    case Step.FailedLogin:
      return login(world, c, false, rng.chance(0.7) ? 'password' : 'sms', null);
    case Step.Login:
      return login(world, c, true, rng.pick(LOGIN_METHODS), null);
    case Step.NewDeviceLogin: {
      // A new phone: the customer logs in with an SMS code, then registers the device.
      const device = newDevice(rng);
      c.devices.push(device);
      c.sessionDevice = device;
      return login(world, c, true, 'sms', null);
    }
    case Step.DeviceChange:
      return profileChange(world, c, 'device', null);
    case Step.Apply:
      return applyForLoan(world, c, null);
    case Step.Deposit:
      return deposit(world, c, Math.round(rng.logNormal(800, 0.9)), null);
    case Step.Payment:
      return payment(world, c, rng.logNormal(90, 1), null);
    case Step.Transfer:
      return transfer(world, c, rng.logNormal(400, 1.1), null);
    case Step.Withdraw:
      return c.balance >= 50 ? withdrawal(world, c, c.balance * rng.between(0.2, 1), null) : null;
    case Step.Profile: {
      const field = rng.pick(PROFILE_FIELDS);
      if (field === 'phone') c.phone = mobileNumber(rng);
      if (field === 'bank_card') c.card = bankCard(rng);
      return profileChange(world, c, field, null);
    }
  }
}

/** The next session after a gap drawn around the customer's habit; none once they are dormant. */
function scheduleNextSession(world: World, c: Customer): void {
  const { rng, now } = world;
  const at = sessionTimeAfter(now, rng.exponential(c.sessionGapDays), rng);
  if (at > c.dormantAt) {
    world.deactivate(c);
    return;
  }
  startSession(world, c, at);
}
