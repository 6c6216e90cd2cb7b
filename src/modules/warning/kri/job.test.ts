import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { OFFICER, type WarningHarness, warningHarness } from './fixtures.js';
import { kriEvaluationJob, kriPeriodOfRun, runKriJob } from './job.js';

const actor = OFFICER.actor;

describe('KRI jobs', () => {
  it('evaluate hours and days per run, weeks on Mondays and months on the first', () => {
    const run = (start: string, ms: number) => ({
      start,
      end: new Date(Date.parse(start) + ms).toISOString(),
    });
    const day = 86_400_000;
    expect(kriPeriodOfRun('hourly', run('2026-03-04T13:00:00.000Z', 3_600_000))?.start).toBe(
      '2026-03-04T13:00:00.000Z',
    );
    expect(kriPeriodOfRun('daily', run('2026-03-04T00:00:00.000Z', day))?.start).toBe(
      '2026-03-04T00:00:00.000Z',
    );
    expect(kriPeriodOfRun('weekly', run('2026-03-04T00:00:00.000Z', day))).toBeNull();
    expect(kriPeriodOfRun('weekly', run('2026-03-08T00:00:00.000Z', day))).toEqual({
      start: '2026-03-02T00:00:00.000Z',
      end: '2026-03-09T00:00:00.000Z',
    });
    expect(kriPeriodOfRun('monthly', run('2026-02-28T00:00:00.000Z', day))).toEqual({
      start: '2026-02-01T00:00:00.000Z',
      end: '2026-03-01T00:00:00.000Z',
    });
  });
});

describe('KRI evaluation job over a database', () => {
  let t: TestDatabase;
  let h: WarningHarness;
  beforeEach(async () => {
    t = await createTestDatabase('sqlite');
    h = warningHarness(t.store, {}, '2026-03-01T00:00:05.000Z');
  });
  afterEach(async () => {
    await t?.drop();
  });

  it('evaluates every active KRI of its frequency once, and a rerun returns the stored evaluations', async () => {
    const base = {
      risk_type: 'market',
      unit: 'pct',
      direction: 'higher_is_worse',
      source: { kind: 'pushed' as const },
    };
    await h.kris.create({ ...base, id: 'm.daily', name: { en: 'Daily' }, frequency: 'daily' }, actor);
    await h.kris.create({ ...base, id: 'm.monthly', name: { en: 'Monthly' }, frequency: 'monthly' }, actor);
    await h.kris.create({ ...base, id: 'm.retired', name: { en: 'Retired' }, frequency: 'daily' }, actor);
    await h.kris.update('m.retired', { status: 'retired' }, actor);
    await h.kris.pushValue('m.monthly', { period_start: '2026-02-01T00:00:00Z', value: 3.1 }, actor);
    const jobs = kriEvaluationJob(h.kris);
    expect(jobs.map((j) => [j.name, j.everyMs])).toEqual([
      ['kri.evaluate.hourly', 3_600_000],
      ['kri.evaluate.daily', 86_400_000],
      ['kri.evaluate.weekly', 86_400_000],
      ['kri.evaluate.monthly', 86_400_000],
    ]);
    const lastDay = { start: '2026-02-28T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' };
    expect(await runKriJob(h.kris, 'daily', lastDay)).toMatchObject({ evaluated: 1, stored: 0, skipped: [] });
    expect(await runKriJob(h.kris, 'monthly', lastDay)).toMatchObject({
      period: { start: '2026-02-01T00:00:00.000Z' },
      evaluated: 1,
    });
    expect((await h.kris.get('m.monthly')).latest).toMatchObject({ value: 3.1, band: 'green' });
    expect(await runKriJob(h.kris, 'daily', lastDay)).toMatchObject({ evaluated: 0, stored: 1 });
    expect(
      await runKriJob(h.kris, 'daily', {
        start: '2026-02-20T00:00:00.000Z',
        end: '2026-02-21T00:00:00.000Z',
      }),
    ).toMatchObject({
      evaluated: 0,
      skipped: [{ kri: 'm.daily', code: 'FK_ERR_KRI_PERIOD_OUT_OF_ORDER' }],
    });
    await jobs[1]!.run(lastDay);
  });
});
