import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { ManualClock } from '../../../kernel/clock.js';
import { clearRuns, deferred, HOUR, MINUTE, recordingJob, recordingLog } from './fixtures.js';
import { jobRuns } from './job-runs.js';
import { createSchedulerMetrics } from './metrics.js';
import { Scheduler } from './scheduler.js';

describeEachDialect('scheduler lifecycle', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());
  afterEach(() => clearRuns(t.store.db));

  it('runs due periods on its own once started, and stop waits for the run in flight', async () => {
    const clock = new ManualClock('2026-01-01T01:00:05.000Z');
    const scheduler = new Scheduler({ db: t.store.db, clock, log: recordingLog(), tickMs: 10 });
    const ran: string[] = [];
    const started = deferred();
    const release = deferred();
    scheduler.register(
      recordingJob('kri.evaluate', HOUR, 'a', ran, async () => {
        started.resolve();
        await release.promise;
      }),
    );
    scheduler.start();
    await started.promise;
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(ran).toEqual(['kri.evaluate@2026-01-01T00:00:00.000Z by a']);
    expect((await jobRuns(t.store.db))[0]?.status).toBe('done');
  });

  it('keeps ticking after start: a period that ends later runs without being asked', async () => {
    const clock = new ManualClock('2026-01-01T00:00:30.000Z');
    const scheduler = new Scheduler({ db: t.store.db, clock, log: recordingLog(), tickMs: 10 });
    const ran: string[] = [];
    scheduler.register(recordingJob('alert.escalate', MINUTE, 'a', ran));
    scheduler.start();
    await vi.waitFor(() => expect(ran).toHaveLength(1));
    clock.advance(MINUTE);
    await vi.waitFor(() => expect(ran).toHaveLength(2));
    await scheduler.stop();
    expect(ran).toEqual([
      'alert.escalate@2025-12-31T23:59:00.000Z by a',
      'alert.escalate@2026-01-01T00:00:00.000Z by a',
    ]);
  });

  it('counts runs by job and outcome in Prometheus metrics', async () => {
    const clock = new ManualClock('2026-01-01T01:00:05.000Z');
    const registry = new Registry();
    const metrics = createSchedulerMetrics(registry);
    const scheduler = new Scheduler({ db: t.store.db, clock, log: recordingLog(), metrics });
    scheduler.register(recordingJob('kri.evaluate', HOUR, 'a', []));
    scheduler.register({
      name: 'alert.escalate',
      everyMs: HOUR,
      run: async () => {
        throw new Error('boom');
      },
    });
    expect(await scheduler.runDue()).toBe(2);
    const text = await registry.metrics();
    expect(text).toContain('fengkong_scheduler_runs_total{job="kri.evaluate",outcome="done"} 1');
    expect(text).toContain('fengkong_scheduler_runs_total{job="alert.escalate",outcome="failed"} 1');
  });

  it('refuses bad job definitions and settings with a message naming the problem', () => {
    const scheduler = new Scheduler({ db: t.store.db, clock: new ManualClock(), log: recordingLog() });
    const job = recordingJob('kri.evaluate', MINUTE, 'a', []);
    scheduler.register(job);
    expect(() => scheduler.register(job)).toThrow(/already registered/);
    expect(() => scheduler.register({ ...job, name: 'KRI Evaluate' })).toThrow(RangeError);
    expect(() => scheduler.register({ ...job, name: 'kri.fast', everyMs: 999 })).toThrow(/everyMs/);
    expect(() => scheduler.register({ ...job, name: 'kri.other' }, { catchUp: 0 })).toThrow(/catchUp/);
    expect(
      () => new Scheduler({ db: t.store.db, clock: new ManualClock(), log: recordingLog(), leaseMs: 10 }),
    ).toThrow(/leaseMs/);
    expect(
      () => new Scheduler({ db: t.store.db, clock: new ManualClock(), log: recordingLog(), maxRunMs: 1000 }),
    ).toThrow(/maxRunMs/);
  });

  it('prunes finished runs past retention but keeps the recent ones', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00.000Z');
    const scheduler = new Scheduler({ db: t.store.db, clock, log: recordingLog(), retentionMs: 3 * HOUR });
    scheduler.register(recordingJob('kri.evaluate', HOUR, 'a', []));
    for (let i = 0; i < 6; i++) {
      clock.advance(HOUR);
      await scheduler.runDue();
    }
    // Pruned on the last pass: periods starting before 03:00 (now 06:00 minus three hours) are gone.
    const runs = await jobRuns(t.store.db, { job: 'kri.evaluate' });
    expect(runs.map((r) => r.periodStart.slice(11, 16))).toEqual(['05:00', '04:00', '03:00']);
  });
});
