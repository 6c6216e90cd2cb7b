import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { tableDecisionLookup } from './decision-lookup.js';

describeEachDialect('the decision lookup over the engine tables', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const at = '2026-03-02T08:00:00.000Z';
    await t.store.db
      .insertInto('event')
      .values({
        id: 'e-1',
        type: 'withdrawal',
        occurred_at: at,
        subject: JSON.stringify({ user_id: 'u-42', phone: 'a'.repeat(64), nested: { x: 1 } }),
        data: '{}',
        body_hash: 'h',
        received_at: at,
      })
      .execute();
    await t.store.db
      .insertInto('decision')
      .values({
        id: 'd-1',
        event_id: 'e-1',
        event_type: 'withdrawal',
        occurred_at: at,
        created_at: at,
        outcome: 'review',
        score: 70,
        policy_id: null,
        policy_version: null,
        fallback: null,
        response: '{}',
      })
      .execute();
  });
  afterAll(() => t?.drop());

  it('reads a decision with its event subject, and nothing for an unknown id', async () => {
    const lookup = tableDecisionLookup(t.store.db);
    expect(await lookup.get('d-1')).toEqual({
      id: 'd-1',
      event_type: 'withdrawal',
      outcome: 'review',
      subject: { user_id: 'u-42', phone: 'a'.repeat(64) },
    });
    expect(await lookup.get('d-2')).toBeUndefined();
  });
});
