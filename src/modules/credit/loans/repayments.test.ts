import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TERMS, ledgerTerms } from './fixtures.js';
import { Ledger } from './ledger.js';
import { rate } from './money.js';
import { positionAt } from './position.js';
import { payoffQuote, type RepaymentInput, repay, writeOff } from './repayments.js';

function pay(ledger: Ledger, input: RepaymentInput) {
  const outcome = repay(ledger, input);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

describe('repayments', () => {
  it('closes a loan repaid on every due date', () => {
    let ledger = new Ledger(ledgerTerms());
    for (const line of ledger.terms.instalments) {
      ledger = pay(ledger, {
        kind: 'regular',
        amount: line.principal + line.interest + line.fee,
        receivedOn: line.dueDate,
      }).ledger;
    }
    expect(ledger.status).toBe('closed');
    expect(ledger.closedOn).toBe('2027-01-15');
    expect(positionAt(ledger, '2027-02-01')).toMatchObject({
      outstandingPrincipal: 0,
      dpd: 0,
      bucket: 'current',
    });
  });

  it('charges penalty interest on overdue principal and allocates penalty → fee → interest → principal, oldest first', () => {
    // Instalment 1 (due 02-15: principal 946.19, interest 120.00) is paid 30 days late on 03-17:
    // penalty 946.19 × 0.05 % × 30 = 14.19285 → 14.19. Instalment 2 (due 03-15) is 2 days late:
    // 955.65 × 0.05 % × 2 = 0.95565 → 0.96.
    const ledger = new Ledger(ledgerTerms());
    const before = positionAt(ledger, '2026-03-17');
    expect(before).toMatchObject({ dpd: 30, bucket: 'M1', overdue: 106619 + 106619, penaltyDue: 1419 + 96 });
    const { allocation, ledger: after } = pay(ledger, {
      kind: 'regular',
      amount: 106619 + 1419 + 1000,
      receivedOn: '2026-03-17',
    });
    expect(allocation).toEqual({
      penalty: 1419 + 96,
      fee: 0,
      interest: 12000 + 904,
      principal: 94619,
      credit: 0,
    });
    const [first, second] = after.lines;
    expect(first).toMatchObject({ paidPenalty: 1419, paidPrincipal: 94619, settledOn: '2026-03-17' });
    expect(second).toMatchObject({ paidPenalty: 96, paidInterest: 904, paidPrincipal: 0, settledOn: null });
    expect(positionAt(after, '2026-03-17')).toMatchObject({ dpd: 2, bucket: 'M1' });
  });

  it('holds money paid ahead as credit and applies it on the due date', () => {
    const ledger = new Ledger(ledgerTerms());
    const { allocation, ledger: after } = pay(ledger, {
      kind: 'regular',
      amount: 50000,
      receivedOn: '2026-02-10',
    });
    expect(allocation).toMatchObject({ principal: 0, interest: 0, credit: 50000 });
    const due = positionAt(after, '2026-02-16');
    expect(due).toMatchObject({ credit: 0, overdue: 106619 - 50000, dpd: 1 });
    expect(repay(ledger, { kind: 'regular', amount: 2_000_000, receivedOn: '2026-02-10' })).toMatchObject({
      ok: false,
      reason: 'overpayment',
    });
  });

  it('quotes and accepts a payoff with interest accrued at annual ÷ 360 a day', () => {
    // After instalment 1 on time, on 03-01: principal 11,053.81 and 14 days of interest:
    // 11053.81 × 12 % × 14 / 360 = 51.5844 → 51.58; total 11,105.39.
    const paid = pay(new Ledger(ledgerTerms()), {
      kind: 'regular',
      amount: 106619,
      receivedOn: '2026-02-15',
    }).ledger;
    const quote = payoffQuote(paid, '2026-03-01');
    expect(quote).toMatchObject({
      principal: 1105381,
      accruedInterest: 5158,
      interest: 5158,
      total: 1110539,
    });
    expect(repay(paid, { kind: 'payoff', amount: 1110538, receivedOn: '2026-03-01' })).toMatchObject({
      ok: false,
      reason: 'amount',
    });
    const done = pay(paid, { kind: 'payoff', amount: 1110539, receivedOn: '2026-03-01' });
    expect(done.ledger.status).toBe('closed');
    expect(done.ledger.lines).toHaveLength(2);
    expect(done.ledger.lines.reduce((t, x) => t + x.principal, 0)).toBe(1_200_000);
    expect(repay(done.ledger, { kind: 'regular', amount: 1, receivedOn: '2026-03-02' })).toMatchObject({
      ok: false,
      reason: 'not_active',
    });
  });

  it('shortens the term after a partial prepayment and keeps the instalment', () => {
    const paid = pay(new Ledger(ledgerTerms()), {
      kind: 'regular',
      amount: 106619,
      receivedOn: '2026-02-15',
    }).ledger;
    const { ledger, allocation } = pay(paid, {
      kind: 'prepayment',
      amount: 505158,
      receivedOn: '2026-03-01',
    });
    expect(allocation).toMatchObject({ interest: 5158, principal: 500000 });
    const future = ledger.lines.filter((x) => x.kind === 'instalment' && x.dueDate > '2026-03-01');
    expect(future.length).toBeLessThan(11);
    expect(future[1]!.principal + future[1]!.interest).toBe(106619);
    // The first instalment after the prepayment charges 14 days (03-01 → 03-15) on 6,053.81.
    expect(future[0]!.interest).toBe(Math.round((605381 * 0.12 * 14) / 360));
    expect(ledger.lines.reduce((t, x) => t + x.principal, 0)).toBe(1_200_000);
    expect(repay(paid, { kind: 'prepayment', amount: 1110539, receivedOn: '2026-03-01' })).toMatchObject({
      ok: false,
    });
  });

  it('writes off what is left and refuses repayments afterwards', () => {
    const ledger = new Ledger(ledgerTerms());
    const outcome = writeOff(ledger, '2026-06-20');
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.amounts).toMatchObject({ principal: 1_200_000, dpd: 125 });
    expect(outcome.amounts.interest).toBe(12000 + 11054 + 10098 + 9133 + 8158);
    expect(positionAt(outcome.ledger, '2026-07-31')).toMatchObject({
      status: 'written_off',
      outstandingPrincipal: 0,
      dpd: 125,
      bucket: 'M3+',
    });
    expect(repay(outcome.ledger, { kind: 'regular', amount: 100, receivedOn: '2026-07-01' }).ok).toBe(false);
  });

  it('keeps the books balanced for random sequences of repayments', () => {
    const terms = ledgerTerms({ ...EXAMPLE_TERMS, monthlyFee: { rate: rate('0.002') } });
    const event = fc.record({
      day: fc.integer({ min: 0, max: 60 }),
      kind: fc.constantFrom('regular', 'regular', 'prepayment', 'payoff'),
      amount: fc.integer({ min: 1, max: 400_000 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        let ledger = new Ledger(terms);
        let date = Date.parse('2026-01-15');
        let received = 0;
        for (const e of events) {
          date += e.day * 86_400_000;
          const on = new Date(date).toISOString().slice(0, 10);
          const amount = e.kind === 'payoff' ? (payoffQuote(ledger, on)?.total ?? 1) : e.amount;
          const outcome = repay(ledger, { kind: e.kind as 'regular', amount, receivedOn: on });
          if (!outcome.ok) continue;
          const a = outcome.allocation;
          expect(a.penalty + a.fee + a.interest + a.principal + a.credit).toBe(amount);
          received += amount;
          ledger = outcome.ledger;
        }
        const lines = ledger.lines;
        expect(lines.reduce((t, x) => t + x.principal, 0)).toBe(1_200_000);
        const paid = lines.reduce(
          (t, x) => t + x.paidPenalty + x.paidFee + x.paidInterest + x.paidPrincipal,
          0,
        );
        expect(paid + ledger.credit).toBe(received);
        for (const x of lines) {
          expect(x.paidPrincipal).toBeLessThanOrEqual(x.principal);
          expect(x.paidInterest).toBeLessThanOrEqual(x.interest);
          expect(x.interest).toBeGreaterThanOrEqual(0);
        }
        expect(ledger.status === 'closed').toBe(lines.every((x) => x.settledOn !== null));
      }),
      { numRuns: 200 },
    );
  });
});
