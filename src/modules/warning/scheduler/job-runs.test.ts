import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { ManualClock } from '../../../kernel/clock.js';
import { MINUTE, recordingJob, recordingLog } from './fixtures.js';
import { jobRuns } from './job-runs.js';
import { Scheduler } from './scheduler.js';

describeEachDialect('job runs (operators view)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const clock = new ManualClock('2026-01-01T00:00:00.000Z');
    const scheduler = new Scheduler({ db: t.store.db, clock, log: recordingLog(), owner: 'node-1' });
    scheduler.register(recordingJob('kri.evaluate', MINUTE, 'a', []));
    scheduler.register({
      name: 'alert.escalate',
      everyMs: 2 * MINUTE,
      run: async () => {
        throw new Error('no route to the mail server');
      },
    });
    for (let i = 0; i < 4; i++) {
      clock.advance(MINUTE);
      await scheduler.runDue();
    }
  });
  afterAll(() => t.drop());

  it('lists the most recently started runs first with their status, owner and error', async () => {
    const runs = await jobRuns(t.store.db);
    expect(runs.map((r) => [r.job, r.periodStart.slice(11, 16), r.status])).toEqual([
      ['alert.escalate', '00:02', 'failed'],
      ['kri.evaluate', '00:03', 'done'],
      ['kri.evaluate', '00:02', 'done'],
      ['alert.escalate', '00:00', 'failed'],
      ['kri.evaluate', '00:01', 'done'],
      ['alert.escalate', '23:58', 'failed'],
      ['kri.evaluate', '00:00', 'done'],
    ]);
    expect(runs[0]).toEqual({
      job: 'alert.escalate',
      periodStart: '2026-01-01T00:02:00.000Z',
      periodEnd: '2026-01-01T00:04:00.000Z',
      status: 'failed',
      owner: 'node-1',
      attempts: 1,
      leaseUntil: '2026-01-01T00:09:00.000Z',
      startedAt: '2026-01-01T00:04:00.000Z',
      finishedAt: '2026-01-01T00:04:00.000Z',
      error: 'no route to the mail server',
    });
  });

  it('filters by job and status and honours the limit', async () => {
    expect((await jobRuns(t.store.db, { job: 'kri.evaluate', limit: 2 })).map((r) => r.periodStart)).toEqual([
      '2026-01-01T00:03:00.000Z',
      '2026-01-01T00:02:00.000Z',
    ]);
    expect((await jobRuns(t.store.db, { status: 'failed' })).map((r) => r.job)).toEqual([
      'alert.escalate',
      'alert.escalate',
      'alert.escalate',
    ]);
    expect(await jobRuns(t.store.db, { job: 'no.such.job' })).toEqual([]);
  });

  it('refuses a limit outside 1 to 1000', async () => {
    await expect(jobRuns(t.store.db, { limit: 0 })).rejects.toThrow(RangeError);
    await expect(jobRuns(t.store.db, { limit: 1001 })).rejects.toThrow(/limit/);
  });
});
