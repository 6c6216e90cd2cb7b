import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import {
  clearRuns,
  HOUR,
  MINUTE,
  type Pair,
  periodsOf,
  recordingJob,
  recordingLog,
  schedulerPair,
} from './fixtures.js';
import { jobRuns } from './job-runs.js';
import { jobPeriod, recentPeriods } from './periods.js';
import { Scheduler } from './scheduler.js';

/** Every `job@start` from period `first` to `last` of a job with periods of `everyMs`. */
function expectedRuns(name: string, everyMs: number, first: number, last: number): string[] {
  const out: string[] = [];
  for (let k = first; k <= last; k++) out.push(`${name}@${jobPeriod(k, everyMs).start}`);
  return out;
}

describeEachDialect('scheduler', (dialect) => {
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

  it('two instances passing concurrently run every period of every job exactly once', async () => {
    p = await schedulerPair(t, '2026-01-01T00:00:30.000Z', { catchUp: 3 });
    const ran: string[] = [];
    for (const [s, owner] of [
      [p.a, 'a'],
      [p.b, 'b'],
    ] as const) {
      s.register(recordingJob('test.minute', MINUTE, owner, ran));
      s.register(recordingJob('test.five', 5 * MINUTE, owner, ran));
    }
    const startMs = p.clock.now();
    let total = 0;
    for (let i = 0; i < 40; i++) {
      // Irregular steps of 30 s to 2.5 min: sometimes no period ends, sometimes two or three do.
      p.clock.advance((((i * 7919) % 5) + 1) * 30_000);
      const counts = await Promise.all([p.a.runDue(), p.b.runDue(), p.a.runDue(), p.b.runDue()]);
      total += counts.reduce((x, y) => x + y, 0);
    }
    const periods = periodsOf(ran);
    expect(new Set(periods).size).toBe(periods.length);
    // The first pass ran at startMs + 30 s with a window of three periods.
    const firstPass = startMs + 30_000;
    const expected = [
      ...expectedRuns(
        'test.minute',
        MINUTE,
        recentPeriods(firstPass, MINUTE, 3).first,
        recentPeriods(p.clock.now(), MINUTE, 1).last,
      ),
      ...expectedRuns(
        'test.five',
        5 * MINUTE,
        recentPeriods(firstPass, 5 * MINUTE, 3).first,
        recentPeriods(p.clock.now(), 5 * MINUTE, 1).last,
      ),
    ];
    expect([...periods].sort()).toEqual(expected.sort());
    expect(total).toBe(ran.length);
    // Both instances won claims: the test exercised the race, not one instance alone.
    expect(ran.filter((r) => r.endsWith(' by a')).length).toBeGreaterThan(0);
    expect(ran.filter((r) => r.endsWith(' by b')).length).toBeGreaterThan(0);
    const rows = await jobRuns(t.store.db, { limit: 1000 });
    expect(rows).toHaveLength(ran.length);
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('for any steps and interleavings, two instances together run each period once (property)', async () => {
    p = await schedulerPair(t, '2026-01-01T00:00:00.000Z');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ step: fc.integer({ min: 1, max: 4 }), a: fc.nat(2), b: fc.nat(2) }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (catchUp, steps) => {
          const name = `prop.job${n++}`;
          const ran: string[] = [];
          const log = recordingLog();
          const a = new Scheduler({ db: t.store.db, clock: p.clock, log, owner: 'a', catchUp });
          const b = new Scheduler({ db: p.second.db, clock: p.clock, log, owner: 'b', catchUp });
          a.register(recordingJob(name, MINUTE, 'a', ran));
          b.register(recordingJob(name, MINUTE, 'b', ran));
          let firstPass: number | undefined;
          for (const { step, a: ca, b: cb } of steps) {
            // Steps of a quarter period up to the whole catch-up window, so that nothing is skipped.
            p.clock.advance(Math.ceil((step * catchUp * MINUTE) / 4));
            firstPass ??= p.clock.now();
            const passes = [a.runDue(), b.runDue()];
            for (let i = 0; i < ca; i++) passes.push(a.runDue());
            for (let i = 0; i < cb; i++) passes.push(b.runDue());
            await Promise.all(passes);
          }
          const periods = periodsOf(ran);
          expect(new Set(periods).size).toBe(periods.length);
          const from = recentPeriods(firstPass ?? 0, MINUTE, catchUp).first;
          const to = recentPeriods(p.clock.now(), MINUTE, 1).last;
          expect([...periods].sort()).toEqual(expectedRuns(name, MINUTE, from, to));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a new scheduler on the same database does not run done periods again', async () => {
    p = await schedulerPair(t, '2026-01-01T00:00:00.000Z');
    const ran: string[] = [];
    p.a.register(recordingJob('kri.evaluate', MINUTE, 'a', ran));
    for (let i = 0; i < 5; i++) {
      p.clock.advance(MINUTE);
      await p.a.runDue();
    }
    await p.a.stop();
    expect(ran).toHaveLength(5);

    const restarted = new Scheduler({ db: p.second.db, clock: p.clock, log: p.log, owner: 'restarted' });
    restarted.register(recordingJob('kri.evaluate', MINUTE, 'restarted', ran));
    expect(await restarted.runDue()).toBe(0);
    p.clock.advance(MINUTE - 1);
    expect(await restarted.runDue()).toBe(0);
    p.clock.advance(1);
    expect(await restarted.runDue()).toBe(1);
    expect(ran.at(-1)).toBe('kri.evaluate@2026-01-01T00:05:00.000Z by restarted');
    expect(new Set(periodsOf(ran)).size).toBe(6);
  });

  it('a new job starts with the period that just ended, or catchUp periods back', async () => {
    p = await schedulerPair(t, '2026-01-01T10:17:42.000Z');
    const ran: string[] = [];
    p.a.register(recordingJob('alert.escalate', 5 * MINUTE, 'a', ran));
    p.a.register(recordingJob('notification.deliver', 5 * MINUTE, 'a', ran), { catchUp: 3 });
    expect(await p.a.runDue()).toBe(4);
    expect(periodsOf(ran).sort()).toEqual([
      'alert.escalate@2026-01-01T10:10:00.000Z',
      'notification.deliver@2026-01-01T10:00:00.000Z',
      'notification.deliver@2026-01-01T10:05:00.000Z',
      'notification.deliver@2026-01-01T10:10:00.000Z',
    ]);
    expect(p.log.lines.filter((l) => l.message === 'a new scheduled job starts')).toHaveLength(2);
  });

  it('after downtime runs the missed periods inside the catch-up window and reports the rest skipped', async () => {
    p = await schedulerPair(t, '2026-01-01T00:00:00.000Z');
    const ran: string[] = [];
    p.a.register(recordingJob('kri.evaluate', HOUR, 'a', ran));
    p.clock.advance(HOUR);
    await p.a.runDue();
    await p.a.stop();
    p.clock.advance(5 * HOUR);
    const restarted = new Scheduler({ db: p.second.db, clock: p.clock, log: p.log, owner: 'r' });
    restarted.register(recordingJob('kri.evaluate', HOUR, 'r', ran), { catchUp: 3 });
    expect(await restarted.runDue()).toBe(3);
    expect(periodsOf(ran)).toEqual([
      'kri.evaluate@2026-01-01T00:00:00.000Z',
      'kri.evaluate@2026-01-01T03:00:00.000Z',
      'kri.evaluate@2026-01-01T04:00:00.000Z',
      'kri.evaluate@2026-01-01T05:00:00.000Z',
    ]);
    const warning = p.log.lines.find((l) => l.level === 'warn');
    expect(warning?.details).toMatchObject({ job: 'kri.evaluate', skipped: 2 });
  });
});
