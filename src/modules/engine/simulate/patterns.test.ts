import { beforeAll, describe, expect, it } from 'vitest';
import {
  BURST_SIZE,
  BURST_WINDOW_MS,
  BUST_OUT_MIN_ON_TIME,
  BUST_OUT_MIN_TENURE_MS,
  TAKEOVER_WINDOW_MS,
} from './fraud-account.js';
import { RING_MAX_DEVICES, RING_MEMBERS, RING_WINDOW_MS } from './fraud-identity.js';
import { DEFAULT_RATES, PATTERNS, type Pattern, type SimulatedEvent, simulateEvents } from './index.js';

const N = 200_000;
const HOUR = 3_600_000;
const ms = (e: SimulatedEvent) => Date.parse(e.occurred_at);
const amount = (e: SimulatedEvent) => e.data['amount'] as number;

/** Events grouped by a key, each group in time order. */
function groupBy(events: readonly SimulatedEvent[], key: (e: SimulatedEvent) => string | undefined) {
  const groups = new Map<string, SimulatedEvent[]>();
  for (const e of events) {
    const k = key(e);
    if (k === undefined) continue;
    const list = groups.get(k) ?? [];
    list.push(e);
    groups.set(k, list);
  }
  for (const list of groups.values()) list.sort((a, b) => ms(a) - ms(b));
  return groups;
}

/** Splits a time-ordered list where consecutive events are more than `gap` apart. */
function episodes(list: readonly SimulatedEvent[], gap: number): SimulatedEvent[][] {
  const out: SimulatedEvent[][] = [];
  for (const e of list) {
    const last = out.at(-1);
    if (last && ms(e) - ms(last.at(-1)!) <= gap) last.push(e);
    else out.push([e]);
  }
  return out;
}

describe('injected fraud patterns', () => {
  let events: SimulatedEvent[];
  let endMs: number;
  let byUser: Map<string, SimulatedEvent[]>;
  const of = (p: Pattern) => events.filter((e) => e.label.pattern === p);
  /** Episodes that may have been cut off by the end of the stream are not judged. */
  const complete = (e: SimulatedEvent) => ms(e) < endMs - 12 * HOUR;

  beforeAll(() => {
    events = [...simulateEvents({ events: N, seed: 2024 })];
    endMs = events.reduce((m, e) => Math.max(m, ms(e)), 0);
    byUser = groupBy(events, (e) => e.subject.user_id);
  });

  it.each(PATTERNS)('injects %s at its default rate (share of all events) within 10 %', (p) => {
    const share = of(p).length / N;
    expect(share).toBeGreaterThan(DEFAULT_RATES[p] * 0.9);
    expect(share).toBeLessThan(DEFAULT_RATES[p] * 1.1);
  });

  it('device_ring: several new identities share each ring device and apply for loans within hours', () => {
    const ring = of('device_ring');
    const devices = groupBy(ring, (e) => e.subject.device_id);
    let judged = 0;
    for (const list of devices.values()) {
      if (!complete(list[0]!)) continue;
      judged++;
      const applications = list.filter((e) => e.type === 'loan_application');
      const users = new Set(applications.map((e) => e.subject.user_id!));
      expect(users.size).toBeGreaterThanOrEqual(Math.floor(RING_MEMBERS.min / RING_MAX_DEVICES));
      expect(ms(list.at(-1)!) - ms(list[0]!)).toBeLessThanOrEqual(RING_WINDOW_MS);
      // Each applicant registered here with an identity of its own, and is nobody else in the stream.
      const ids = new Set(list.filter((e) => e.type === 'registration').map((e) => e.subject.id_number));
      expect(ids.size).toBe(users.size);
      for (const user of users)
        expect(byUser.get(user)!.every((e) => e.label.pattern === 'device_ring')).toBe(true);
    }
    expect(judged).toBeGreaterThan(10);
  });

  it('velocity_burst: one user moves money a dozen times or more within minutes', () => {
    const bursts = [...groupBy(of('velocity_burst'), (e) => e.subject.user_id).values()].flatMap((l) =>
      episodes(l, HOUR),
    );
    let judged = 0;
    for (const burst of bursts) {
      if (!complete(burst[0]!)) continue;
      judged++;
      const moves = burst.filter((e) => e.type === 'transaction' || e.type === 'withdrawal');
      expect(moves.length).toBeGreaterThanOrEqual(BURST_SIZE.min);
      expect(ms(moves.at(-1)!) - ms(moves[0]!)).toBeLessThanOrEqual(BURST_WINDOW_MS);
    }
    expect(judged).toBeGreaterThan(10);
  });

  it('stolen_identity: an ID number already registered is registered again by another user, device and phone', () => {
    const registrations = events.filter((e) => e.type === 'registration');
    const first = new Map<string, SimulatedEvent>();
    for (const r of [...registrations].sort((a, b) => ms(a) - ms(b))) {
      if (!first.has(r.subject.id_number!)) first.set(r.subject.id_number!, r);
    }
    const stolen = of('stolen_identity').filter((e) => e.type === 'registration');
    expect(stolen.length).toBeGreaterThan(50);
    for (const r of stolen) {
      const original = first.get(r.subject.id_number!)!;
      expect(original.label.fraud).toBe(false);
      expect(ms(original)).toBeLessThan(ms(r));
      expect(original.subject.user_id).not.toBe(r.subject.user_id);
      expect(original.subject.device_id).not.toBe(r.subject.device_id);
      expect(original.subject.phone).not.toBe(r.subject.phone);
    }
  });

  it('bust_out: months of clean repayments, then the largest loan, everything withdrawn, no more repayments', () => {
    const applications = of('bust_out').filter((e) => e.type === 'loan_application');
    expect(applications.length).toBeGreaterThan(20);
    for (const bust of applications) {
      const history = byUser.get(bust.subject.user_id!)!;
      const before = history.filter((e) => ms(e) < ms(bust));
      const after = history.filter((e) => ms(e) > ms(bust));
      const repayments = before.filter((e) => e.type === 'repayment');
      expect(repayments.length).toBeGreaterThanOrEqual(BUST_OUT_MIN_ON_TIME);
      expect(repayments.every((e) => e.data['days_past_due'] === 0)).toBe(true);
      expect(ms(bust) - ms(before.find((e) => e.type === 'registration')!)).toBeGreaterThanOrEqual(
        BUST_OUT_MIN_TENURE_MS,
      );
      expect(before.every((e) => !e.label.fraud || e.label.pattern === 'bust_out')).toBe(true);
      for (const e of before.filter((x) => x.type === 'loan_application'))
        expect(amount(bust)).toBeGreaterThanOrEqual(amount(e));
      expect(after.filter((e) => e.type === 'repayment')).toEqual([]);
      if (complete(bust))
        expect(after.some((e) => e.type === 'withdrawal' && e.label.pattern === 'bust_out')).toBe(true);
    }
  });

  it('account_takeover: a password or phone change from a never-seen device, then a withdrawal within minutes', () => {
    const changes = of('account_takeover').filter((e) => e.type === 'profile_change');
    expect(changes.length).toBeGreaterThan(50);
    for (const change of changes) {
      expect(['password', 'phone']).toContain(change.data['field']);
      const history = byUser.get(change.subject.user_id!)!;
      const earlier = history.filter((e) => ms(e) < ms(change) && e.label.pattern !== 'account_takeover');
      expect(earlier.some((e) => e.subject.device_id === change.subject.device_id)).toBe(false);
      expect(earlier.some((e) => e.subject.ip === change.subject.ip)).toBe(false);
      if (!complete(change)) continue;
      const cashOut = history.find(
        (e) =>
          e.type === 'withdrawal' &&
          e.subject.device_id === change.subject.device_id &&
          ms(e) > ms(change) &&
          ms(e) - ms(change) <= TAKEOVER_WINDOW_MS,
      );
      expect(cashOut?.label.pattern).toBe('account_takeover');
      // The money goes to a card the account never used before.
      expect(earlier.some((e) => e.subject.card === cashOut!.subject.card)).toBe(false);
    }
  });

  it('labels every other event as not fraud', () => {
    const wrong = events.filter(
      (e) => Object.keys(e.label).length !== 2 || e.label.fraud !== (e.label.pattern !== null),
    );
    expect(wrong).toEqual([]);
  });
});

describe('fraud rates', () => {
  it('follows custom rates, and a rate of 0 turns a pattern off', () => {
    const rates = {
      device_ring: 0.02,
      velocity_burst: 0,
      stolen_identity: 0.01,
      bust_out: 0,
      account_takeover: 0.005,
    };
    const counts = new Map<string, number>();
    const n = 100_000;
    for (const e of simulateEvents({ events: n, seed: 77, rates })) {
      if (e.label.pattern) counts.set(e.label.pattern, (counts.get(e.label.pattern) ?? 0) + 1);
    }
    expect(counts.get('velocity_burst')).toBeUndefined();
    expect(counts.get('bust_out')).toBeUndefined();
    for (const p of ['device_ring', 'stolen_identity', 'account_takeover'] as const) {
      expect(Math.abs(counts.get(p)! / n - rates[p]) / rates[p], p).toBeLessThan(0.1);
    }
  });
});
