/**
 * The scheduled evaluation of KRIs: one scheduler job per frequency. Hourly and daily jobs have the
 * period length of their KRIs, so the scheduler's period is the KRI period. Weeks (ISO, from Monday)
 * and calendar months are not fixed lengths aligned on the Unix epoch, so their jobs run daily and
 * evaluate the week or month that ended at the end of the day just run, when one did.
 *
 * A job evaluates every active KRI of its frequency, each on its own: an expected refusal (a later
 * period was already evaluated by hand) is skipped, an unexpected failure does not stop the other
 * KRIs but is thrown once all were tried, so the scheduler retries the period — and evaluations that
 * were stored are then returned as they are, never computed twice.
 */
import { FkError } from '../../../kernel/errors.js';
import { SYSTEM_ACTOR } from '../../audit/index.js';
import type { JobDefinition, JobPeriod } from '../scheduler/job.js';
import { FREQUENCIES, type Frequency, lastEndedPeriod, PERIOD_MS } from './periods.js';
import type { KriService } from './service.js';

/** The job names, by frequency: `kri.evaluate.hourly` … `kri.evaluate.monthly`. */
export function kriJobName(frequency: Frequency): string {
  return `kri.evaluate.${frequency}`;
}

const DAY = 86_400_000;

/** The KRI period a run of the job of `frequency` for `run` evaluates, or null when none ended. */
export function kriPeriodOfRun(frequency: Frequency, run: JobPeriod): { start: string; end: string } | null {
  const end = Date.parse(run.end);
  const period = lastEndedPeriod(frequency, end);
  return Date.parse(period.end) === end ? period : null;
}

/** What one run did, for logs and tests. */
export interface KriJobReport {
  readonly period: { start: string; end: string } | null;
  readonly evaluated: number;
  readonly stored: number;
  readonly skipped: readonly { kri: string; code: string }[];
}

/** Evaluates every active KRI of `frequency` for the period that ended with `run`. */
export async function runKriJob(
  service: KriService,
  frequency: Frequency,
  run: JobPeriod,
): Promise<KriJobReport> {
  const period = kriPeriodOfRun(frequency, run);
  if (!period) return { period: null, evaluated: 0, stored: 0, skipped: [] };
  const kris = await service.list({ frequency, status: 'active' });
  let evaluated = 0;
  let stored = 0;
  const skipped: { kri: string; code: string }[] = [];
  let failure: unknown;
  for (const kri of kris) {
    try {
      const result = await service.evaluate(kri.id, period.start, SYSTEM_ACTOR);
      if (result.created) evaluated++;
      else stored++;
    } catch (error) {
      if (error instanceof FkError && error.status < 500) skipped.push({ kri: kri.id, code: error.code });
      else failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
  return { period, evaluated, stored, skipped };
}

/** One scheduler job per frequency; the weekly and monthly ones run daily (see the file comment). */
export function kriEvaluationJob(service: KriService): JobDefinition[] {
  return FREQUENCIES.map((frequency) => ({
    name: kriJobName(frequency),
    everyMs: frequency === 'hourly' || frequency === 'daily' ? (PERIOD_MS[frequency] as number) : DAY,
    run: async (period: JobPeriod) => {
      await runKriJob(service, frequency, period);
    },
  }));
}
