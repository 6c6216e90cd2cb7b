/**
 * When the velocity store fails (a Redis store that is down, later), no event is approved by default:
 * the policy's fallback outcome applies, the decision is still stored, and the answer says why.
 */
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { TEST_POLICIES } from '../../../../test/support/engine.js';
import { ManualClock } from '../../../kernel/clock.js';
import type { Dialect } from '../../../store/database.js';
import { AuditLog } from '../../audit/index.js';
import { ChangeRegistry, ChangeService } from '../../identity/changes/index.js';
import { CLI_ACTOR } from '../../identity/index.js';
import type { ListLookup } from '../contracts.js';
import { createEngine, createIdentifierHasher, type Engine } from '../index.js';
import type { CounterStore } from '../velocity/counter-store.js';

const NO_LISTS: ListLookup = { inList: () => false, ipIn: () => false };

/** A velocity store whose backend is unreachable. */
const DOWN: CounterStore = {
  observe() {
    throw new Error('connection refused');
  },
  unobserve() {},
  evaluate() {
    throw new Error('connection refused');
  },
  memoryStats: () => ({ keys: 0, events: 0, bytes: 0 }),
};

describeEachDialect('decisions when the velocity store is down', (dialect: Dialect) => {
  let t: TestDatabase;
  let engine: Engine;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const clock = new ManualClock('2026-11-01T10:00:00.000Z');
    const audit = new AuditLog({ db: t.store.db, dialect, clock });
    const changes = new ChangeService({ db: t.store.db, clock, audit, kinds: new ChangeRegistry() });
    engine = createEngine({
      db: t.store.db,
      clock,
      audit,
      log: pino({ level: 'silent' }),
      changes,
      hasher: createIdentifierHasher(Buffer.alloc(32, 7)),
      lists: NO_LISTS,
      createStore: () => DOWN,
    });
    const saved = await engine.policies.save(CLI_ACTOR, TEST_POLICIES['transaction-velocity'] ?? '', 'yaml');
    await t.store.db.updateTable('policy').set({ mode: 'active', deployed_version: saved.version }).execute();
    await engine.refresh();
  });
  afterEach(() => t.drop());

  it('applies the policy fallback (review), stores it, and says why', async () => {
    const answer = await engine.decisions.decide(
      {
        type: 'transaction',
        id: 'v-down',
        occurred_at: '2026-11-01T10:00:00Z',
        subject: { user_id: 'u1', device_id: 'd1' },
        data: { amount: 10, kind: 'payment' },
      },
      CLI_ACTOR,
      'zh',
    );
    const body = JSON.parse(answer.body);
    expect(body).toMatchObject({
      outcome: 'review',
      policy: { id: 'transaction-velocity', version: 1 },
      fallback: { reason: 'velocity_unavailable', message: '频次特征存储不可用' },
      rule_hits: [],
    });
    const row = await t.store.db
      .selectFrom('decision')
      .selectAll()
      .where('event_id', '=', 'v-down')
      .executeTakeFirst();
    expect(row?.fallback).toBe('velocity_unavailable');
    expect(row?.response).toBe(answer.body);
  });
});
