import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { type ListHarness, listHarness, OFFICER } from './fixtures.js';
import { ListSnapshots } from './snapshot.js';

const NOW = Date.parse('2026-03-01T08:00:00.000Z');
const HOUR = 3_600_000;

describeEachDialect('list snapshots', (dialect) => {
  let t: TestDatabase;
  let h: ListHarness;
  let other: ListSnapshots;
  const actor = OFFICER.actor;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = await listHarness(t.store);
    // A second server on the same database: it learns of changes only by refreshing.
    other = new ListSnapshots({ db: t.store.db, refreshMs: 0 });
    await other.start();
  });
  afterEach(async () => {
    h?.snapshots.stop();
    other?.stop();
    await t?.drop();
  });

  it('converges: another server sees a change at its next refresh, and only moved lists are reloaded', async () => {
    await h.service.create({ name: 'devices', kind: 'device_id', purpose: 'watch' }, actor);
    await h.service.create({ name: 'accounts', kind: 'account', purpose: 'allow' }, actor);
    expect(await other.refresh()).toEqual(expect.arrayContaining(['devices', 'accounts']));
    await h.service.add('devices', { value: 'dev-9', reason: 'emulator farm' }, actor);
    await h.settle();
    expect(h.snapshots.inList('devices', 'dev-9', NOW)).toBe(true);
    expect(other.inList('devices', 'dev-9', NOW)).toBe(false);
    expect(await other.refresh()).toEqual(['devices']);
    expect(other.inList('devices', 'dev-9', NOW)).toBe(true);
    expect(await other.refresh()).toEqual([]);
  });

  it('drops a deleted list and picks up a new list created under the same name', async () => {
    await h.service.create({ name: 'devices', kind: 'device_id', purpose: 'block' }, actor);
    await h.service.add('devices', { value: 'dev-1', reason: 'r' }, actor);
    await other.refresh();
    expect(other.inList('devices', 'dev-1', NOW)).toBe(true);
    await h.service.delete('devices', actor);
    h.clock.advance(1000);
    await h.service.create({ name: 'devices', kind: 'device_id', purpose: 'block' }, actor);
    await other.refresh();
    expect(other.inList('devices', 'dev-1', NOW)).toBe(false);
    await h.service.delete('devices', actor);
    await other.refresh();
    expect(other.names()).toEqual([]);
    expect(() => other.inList('devices', 'dev-1', NOW)).toThrowError('list devices is not loaded');
  });

  it('answers in_list and ip_in at the event time: expired entries stop matching', async () => {
    await h.service.create({ name: 'proxies', kind: 'ip', purpose: 'block' }, actor);
    await h.service.add(
      'proxies',
      { value: '2001:db8:abcd::/48', reason: 'VPN exit', expires_at: '2026-03-01T09:00:00Z' },
      actor,
    );
    await h.service.add(
      'proxies',
      { value: '2001:db8::/32', reason: 'hosting', expires_at: '2026-03-01T10:00:00Z' },
      actor,
    );
    await h.service.add('proxies', { value: '203.0.113.0/24', reason: 'TOR exits' }, actor);
    await h.settle();
    const s = h.snapshots;
    expect(s.ipIn('proxies', '2001:db8:abcd:1::1', NOW)).toBe(true);
    expect(s.ipIn('proxies', '2001:db8:abcd:1::1', NOW + 1.5 * HOUR)).toBe(true); // the /32 still covers it
    expect(s.ipIn('proxies', '2001:db8:abcd:1::1', NOW + 2 * HOUR)).toBe(false);
    expect(s.ipIn('proxies', '2001:db9::1', NOW)).toBe(false);
    expect(s.ipIn('proxies', '203.0.113.77', NOW + 1000 * HOUR)).toBe(true);
    expect(s.ipIn('proxies', '::ffff:203.0.113.77', NOW)).toBe(true);
    expect(s.ipIn('proxies', 'not-an-ip', NOW)).toBe(false);
    expect(s.inList('proxies', '203.0.113.0/24', NOW)).toBe(true);
    // A backtest replays old events: an entry that has expired by now still matched back then.
    h.clock.advance(10 * HOUR);
    await h.service.add('proxies', { value: '198.51.100.7', reason: 'r' }, actor);
    await h.settle();
    expect(s.ipIn('proxies', '2001:db8::1', NOW)).toBe(true);
  });

  it('refuses ip_in on a list of other values and any lookup of an unknown list', async () => {
    await h.service.create({ name: 'devices', kind: 'device_id', purpose: 'block' }, actor);
    await h.settle();
    expect(() => h.snapshots.ipIn('devices', '1.2.3.4', NOW)).toThrowError(/not IP addresses/);
    expect(() => h.snapshots.inList('nope', 'x', NOW)).toThrowError(/not loaded/);
  });
});

it('refreshes on its own timer', async () => {
  const t = await createTestDatabase('sqlite');
  const h = await listHarness(t.store);
  const timed = new ListSnapshots({ db: t.store.db, refreshMs: 10 });
  try {
    await timed.start();
    await h.service.create({ name: 'accounts', kind: 'account', purpose: 'block' }, OFFICER.actor);
    await h.service.add('accounts', { value: 'acc-1', reason: 'r' }, OFFICER.actor);
    await expect
      .poll(() => timed.names().includes('accounts') && timed.inList('accounts', 'acc-1', NOW), {
        timeout: 5000,
      })
      .toBe(true);
  } finally {
    timed.stop();
    h.snapshots.stop();
    await t.drop();
  }
});
