import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { clearRuns, deferred, HOUR, MINUTE, type Pair, recordingJob, schedulerPair } from './fixtures.js';
import { jobRuns } from './job-runs.js';

const LEASE = 2 * MINUTE;
// An hourly job: moving the clock by a few leases never makes a second period due.
const START = '2026-01-01T01:00:05.000Z';
const PERIOD = '2026-01-01T00:00:00.000Z';

describeEachDialect('scheduler failures', (dialect) => {
  let t: TestDatabase;
  let p: Pair;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());
  afterEach(async () => {
    await p?.second.close();
    await clearRuns(t.store.db);
  });

  const runOf = async (job: string) => (await jobRuns(t.store.db, { job }))[0];

  it('takes over the period of a runner that crashed mid-run once its lease has expired', async () => {
    p = await schedulerPair(t, START, { leaseMs: LEASE });
    const ran: string[] = [];
    const crashed = deferred();
    p.a.register(recordingJob('kri.evaluate', HOUR, 'a', ran, () => crashed.promise));
    p.b.register(recordingJob('kri.evaluate', HOUR, 'b', ran));
    // Instance a claims the period and never finishes; it stops ticking, as a crashed process would.
    const hung = p.a.runDue();
    await vi.waitFor(async () => expect((await runOf('kri.evaluate'))?.status).toBe('running'));

    p.clock.advance(LEASE);
    expect(await p.b.runDue()).toBe(0);
    p.clock.advance(1);
    expect(await p.b.runDue()).toBe(1);
    expect(ran).toEqual([`kri.evaluate@${PERIOD} by b`]);
    expect(await runOf('kri.evaluate')).toMatchObject({ status: 'done', owner: 'b', attempts: 2 });

    // If the lost runner wakes up and finishes after all, its result does not overwrite the takeover.
    crashed.resolve();
    await hung;
    expect(await runOf('kri.evaluate')).toMatchObject({ status: 'done', owner: 'b', attempts: 2 });
    expect(p.log.lines.some((l) => l.level === 'warn' && l.details['attempt'] === 1)).toBe(true);
  });

  it('records a failure with its error and period, and retries it after the lease', async () => {
    p = await schedulerPair(t, START, { leaseMs: LEASE });
    const ran: string[] = [];
    p.a.register(
      recordingJob('alert.escalate', HOUR, 'a', ran, async () => {
        throw new Error('SMTP server refused the connection');
      }),
    );
    p.b.register(recordingJob('alert.escalate', HOUR, 'b', ran));

    expect(await p.a.runDue()).toBe(1);
    expect(await runOf('alert.escalate')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'SMTP server refused the connection',
    });
    const failure = p.log.lines.find((l) => l.level === 'error');
    expect(failure?.details).toMatchObject({ job: 'alert.escalate', periodStart: PERIOD, attempt: 1 });

    expect(await p.b.runDue()).toBe(0);
    p.clock.advance(LEASE + 1);
    expect(await p.b.runDue()).toBe(1);
    expect(ran).toEqual([`alert.escalate@${PERIOD} by b`]);
    // The last failure stays visible to operators after the retry succeeded.
    expect(await runOf('alert.escalate')).toMatchObject({
      status: 'done',
      attempts: 2,
      owner: 'b',
      error: 'SMTP server refused the connection',
    });
  });

  it('gives a period up after maxAttempts failures and goes on with the next periods', async () => {
    p = await schedulerPair(t, START, { leaseMs: LEASE, maxAttempts: 2 });
    let calls = 0;
    p.a.register({
      name: 'notification.deliver',
      everyMs: HOUR,
      run: async (period) => {
        calls++;
        if (period.start === PERIOD) throw new Error(`attempt ${calls} failed`);
      },
    });
    expect(await p.a.runDue()).toBe(1);
    p.clock.advance(LEASE + 1);
    expect(await p.a.runDue()).toBe(1);
    expect(await runOf('notification.deliver')).toMatchObject({
      status: 'given_up',
      attempts: 2,
      error: 'attempt 2 failed',
    });
    p.clock.advance(LEASE);
    expect(await p.a.runDue()).toBe(0);
    p.clock.advance(HOUR);
    expect(await p.a.runDue()).toBe(1);
    expect(calls).toBe(3);
    const runs = await jobRuns(t.store.db, { job: 'notification.deliver' });
    expect(runs.map((r) => [r.periodStart, r.status])).toEqual([
      ['2026-01-01T01:00:00.000Z', 'done'],
      [PERIOD, 'given_up'],
    ]);
  });

  it('gives up a period whose runners keep crashing, with the lease error', async () => {
    p = await schedulerPair(t, START, { leaseMs: LEASE, maxAttempts: 1 });
    const never = deferred();
    p.a.register(recordingJob('kri.evaluate', HOUR, 'a', [], () => never.promise));
    p.b.register(recordingJob('kri.evaluate', HOUR, 'b', []));
    void p.a.runDue();
    await vi.waitFor(async () => expect((await runOf('kri.evaluate'))?.status).toBe('running'));
    p.clock.advance(LEASE + 1);
    expect(await p.b.runDue()).toBe(0);
    expect(await runOf('kri.evaluate')).toMatchObject({
      status: 'given_up',
      attempts: 1,
      error: expect.stringMatching(/^FK_ERR_SCHEDULER_LEASE_EXPIRED/),
    });
  });

  it('renews the lease of a long run so that nobody takes it over, until it hangs past maxRunMs', async () => {
    p = await schedulerPair(t, START, { leaseMs: LEASE, maxRunMs: 5 * LEASE });
    const ran: string[] = [];
    const slow = deferred();
    p.a.register(recordingJob('kri.evaluate', HOUR, 'a', ran, () => slow.promise));
    p.b.register(recordingJob('kri.evaluate', HOUR, 'b', ran));
    const long = p.a.runDue();
    await vi.waitFor(async () => expect((await runOf('kri.evaluate'))?.status).toBe('running'));
    // Instance a keeps ticking every 30 s: its lease is renewed and b finds nothing to do.
    for (let elapsed = 30_000; elapsed < 5 * LEASE; elapsed += 30_000) {
      p.clock.advance(30_000);
      expect(await p.a.runDue()).toBe(0);
      expect(await p.b.runDue()).toBe(0);
    }
    expect(await runOf('kri.evaluate')).toMatchObject({ status: 'running', owner: 'a', attempts: 1 });
    // Past maxRunMs a stops renewing, and b takes over once the last renewed lease has passed.
    p.clock.advance(30_000);
    expect(await p.a.runDue()).toBe(0);
    expect(p.log.lines.some((l) => l.level === 'error' && l.details['job'] === 'kri.evaluate')).toBe(true);
    // The last renewal, at 540 s, holds the lease to 660 s.
    p.clock.advance(LEASE / 2);
    expect(await p.b.runDue()).toBe(0);
    p.clock.advance(1);
    expect(await p.b.runDue()).toBe(1);
    expect(ran).toEqual([`kri.evaluate@${PERIOD} by b`]);
    // When the hung run finally ends, its result is refused: b's run stands.
    slow.resolve();
    await long;
    expect(await runOf('kri.evaluate')).toMatchObject({ status: 'done', owner: 'b', attempts: 2 });
  });
});
