/**
 * The events a person does in the app, built the same way for honest customers and for fraudsters
 * (who may act from another device and address, given as `via`): the only difference in the stream
 * is the behaviour, never the shape of the event. Money moves update the customer's wallet.
 */
import type { Device } from './identities.js';
import { maskedCard } from './identities.js';
import { type Draft, type Pattern, type SubjectKey, yuan } from './model.js';
import type { Customer, World } from './world.js';

/** The device and address an action comes from, when not the customer's current session. */
export interface Via {
  readonly device: Device;
  readonly ip: string;
}

/** Merchant category codes (ISO 18245) of everyday spending, most common first. */
const MCCS = ['5411', '5411', '5812', '5814', '5499', '4121', '5311', '5732', '5999', '4814', '5541', '7011'];

/** The subject of an in-app action: user, account, device and address. */
export function appSubject(c: Customer, via?: Via): Partial<Record<SubjectKey, string>> {
  return {
    user_id: c.userId,
    account_id: c.accountId,
    device_id: (via?.device ?? c.sessionDevice).id,
    ip: via?.ip ?? c.sessionIp,
  };
}

function draft(
  world: World,
  type: Draft['type'],
  subject: Draft['subject'],
  data: Record<string, unknown>,
  pattern: Pattern | null,
): Draft {
  return { type, at: world.now, subject, data, pattern };
}

/** A registration: the identity, phone, device and address the new user signs up with. */
export function registration(
  world: World,
  c: Customer,
  pattern: Pattern | null,
  referralCode: string | null,
): Draft {
  const data: Record<string, unknown> = { channel: c.channel, age: c.age };
  if (referralCode !== null) data['referral_code'] = referralCode;
  return draft(
    world,
    'registration',
    { ...appSubject(c), id_number: c.idNumber, phone: c.phone },
    data,
    pattern,
  );
}

/** A login attempt. */
export function login(
  world: World,
  c: Customer,
  success: boolean,
  method: string,
  pattern: Pattern | null,
  via?: Via,
): Draft {
  const userAgent = (via?.device ?? c.sessionDevice).userAgent;
  return draft(world, 'login', appSubject(c, via), { success, method, user_agent: userAgent }, pattern);
}

/** A change of one profile field; a new phone or card appears in the subject. */
export function profileChange(
  world: World,
  c: Customer,
  field: string,
  pattern: Pattern | null,
  via?: Via,
  newValue?: string,
): Draft {
  const subject = appSubject(c, via);
  if (field === 'phone') subject.phone = newValue ?? c.phone;
  if (field === 'bank_card') subject.card = newValue ?? c.card;
  return draft(world, 'profile_change', subject, { field, channel: 'app' }, pattern);
}

/** Money in from the customer's bank card. */
export function deposit(world: World, c: Customer, amount: number, pattern: Pattern | null): Draft {
  const value = yuan(amount);
  c.balance = yuan(c.balance + value);
  return draft(
    world,
    'deposit',
    { ...appSubject(c), card: c.card },
    { amount: value, currency: 'CNY', source: maskedCard(c.card), channel: 'app' },
    pattern,
  );
}

/** A payment to a merchant from the wallet (or a linked card when the wallet is short). */
export function payment(
  world: World,
  c: Customer,
  amount: number,
  pattern: Pattern | null,
  via?: Via,
): Draft {
  const value = yuan(Math.max(1, amount));
  c.balance = yuan(Math.max(0, c.balance - value));
  const { rng } = world;
  return draft(
    world,
    'transaction',
    appSubject(c, via),
    {
      amount: value,
      currency: 'CNY',
      kind: 'payment',
      counterparty: `merchant:${rng.int(100_000, 999_999)}`,
      merchant_category: rng.pick(MCCS),
      channel: 'app',
    },
    pattern,
  );
}

/** A transfer to another person's account. */
export function transfer(
  world: World,
  c: Customer,
  amount: number,
  pattern: Pattern | null,
  via?: Via,
  counterparty?: string,
): Draft {
  const value = yuan(Math.max(1, amount));
  c.balance = yuan(Math.max(0, c.balance - value));
  return draft(
    world,
    'transaction',
    appSubject(c, via),
    {
      amount: value,
      currency: 'CNY',
      kind: 'transfer',
      counterparty: counterparty ?? `account:${world.rng.int(10_000_000, 99_999_999)}`,
      channel: 'app',
    },
    pattern,
  );
}

/** Money out of the wallet to a bank card (the customer's own unless `card` is given). */
export function withdrawal(
  world: World,
  c: Customer,
  amount: number,
  pattern: Pattern | null,
  via?: Via,
  card?: string,
): Draft {
  const value = yuan(Math.max(1, amount));
  c.balance = yuan(Math.max(0, c.balance - value));
  const to = card ?? c.card;
  return draft(
    world,
    'withdrawal',
    { ...appSubject(c, via), card: to },
    { amount: value, currency: 'CNY', destination: maskedCard(to), channel: 'app' },
    pattern,
  );
}
