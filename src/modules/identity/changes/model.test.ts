import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { FkError } from '../../../kernel/errors.js';
import {
  auditCount,
  CHECKER,
  caller,
  harness,
  MAKER,
  READER,
  settingValue,
  writeSetting,
} from './fixtures.js';
import type { ChangeStatus } from './registry.js';

const DAY = 24 * 3600 * 1000;
const KEY_CALLER = caller('k-1', ['change:read', 'change:approve'], 'api_key');
const WHO = { maker: MAKER, checker: CHECKER, reader: READER, key: KEY_CALLER } as const;
type Who = keyof typeof WHO;

type Op =
  | { op: 'submit'; key: number; value: string }
  | { op: 'approve' | 'reject' | 'withdraw'; change: number; who: Who }
  | { op: 'write'; key: number; value: string }
  | { op: 'wait'; days: number };

const value = fc.constantFrom('x', 'y', 'z');
const who = fc.constantFrom<Who>('maker', 'checker', 'reader', 'key');
const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('submit' as const), key: fc.nat(1), value }),
    fc.record({
      op: fc.constantFrom('approve' as const, 'reject' as const, 'withdraw' as const),
      change: fc.nat(5),
      who,
    }),
    fc.record({ op: fc.constant('write' as const), key: fc.nat(1), value }),
    fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 4 }) }),
  ),
  { maxLength: 25 },
);

interface Modelled {
  id: string;
  key: string;
  value: string;
  seen: string | undefined;
  status: ChangeStatus;
  expiresAt: number;
}

/** What the model says a decision yields: the new status, or the refusal code. */
function expected(
  c: Modelled,
  op: 'approve' | 'reject' | 'withdraw',
  w: Who,
  now: number,
  current: string | undefined,
) {
  if (op === 'withdraw') {
    if (w !== 'maker') return 'FK_ERR_CHANGE_NOT_MAKER';
  } else {
    if (w === 'maker') return 'FK_ERR_CHANGE_SELF_APPROVAL';
    if (w === 'key') return 'FK_ERR_CHANGE_APPROVER_NOT_PERSON';
    if (w === 'reader') return 'FK_ERR_CHANGE_FORBIDDEN';
  }
  if (c.status !== 'pending') return 'FK_ERR_CHANGE_NOT_PENDING';
  if (now >= c.expiresAt) return 'FK_ERR_CHANGE_EXPIRED';
  if (op === 'approve' && current !== c.seen) return 'FK_ERR_CHANGE_STALE';
  return op === 'approve' ? 'applied' : op === 'reject' ? 'rejected' : 'withdrawn';
}

describe('four-eyes service against a model', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(() => t?.drop());

  it('agrees with the model on every outcome, every status and every setting, for random sequences', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(ops, async (sequence: Op[]) => {
        run++;
        const h = harness(t.store);
        const keys = [`run${run}.a`, `run${run}.b`];
        const settings = new Map<string, string>();
        const changes: Modelled[] = [];
        const appliedBefore = await auditCount(h.audit, 'change.apply', 'success');
        for (const step of sequence) {
          const now = h.clock.now();
          if (step.op === 'submit') {
            const key = keys[step.key]!;
            const c = await h.service.submit(MAKER, {
              kind: 'setting.change',
              target: { type: 'setting', id: key },
              content: { value: step.value },
              reason: 'model',
            });
            changes.push({
              id: c.id,
              key,
              value: step.value,
              seen: settings.get(key),
              status: 'pending',
              expiresAt: now + 7 * DAY,
            });
          } else if (step.op === 'write') {
            await writeSetting(h.db, keys[step.key]!, step.value);
            settings.set(keys[step.key]!, step.value);
          } else if (step.op === 'wait') {
            h.clock.advance(step.days * DAY);
          } else {
            const c = changes[step.change];
            if (!c) continue;
            const want = expected(c, step.op, step.who, now, settings.get(c.key));
            const call =
              step.op === 'approve'
                ? h.service.approve(WHO[step.who], c.id)
                : step.op === 'reject'
                  ? h.service.reject(WHO[step.who], c.id, 'no')
                  : h.service.withdraw(WHO[step.who], c.id);
            const got = await call.then(
              (v) => v.status as string,
              (e: unknown) => (e instanceof FkError ? e.code : String(e)),
            );
            expect(got).toBe(want);
            if (want === 'FK_ERR_CHANGE_EXPIRED') c.status = 'expired';
            else if (want === 'FK_ERR_CHANGE_STALE') c.status = 'stale';
            else if (!want.startsWith('FK_ERR_')) c.status = want as ChangeStatus;
            if (want === 'applied') settings.set(c.key, c.value);
          }
        }
        for (const key of keys) expect(await settingValue(h.db, key)).toBe(settings.get(key));
        for (const c of changes) {
          const status = c.status === 'pending' && h.clock.now() >= c.expiresAt ? 'expired' : c.status;
          expect((await h.service.get(c.id)).status).toBe(status);
        }
        const applied = changes.filter((c) => c.status === 'applied').length;
        expect((await auditCount(h.audit, 'change.apply', 'success')) - appliedBefore).toBe(applied);
      }),
      { numRuns: 40 },
    );
    expect((await harness(t.store).audit.verify()).intact).toBe(true);
  });
});
