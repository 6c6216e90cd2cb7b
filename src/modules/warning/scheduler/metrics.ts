/** Prometheus metrics of the scheduler, registered on the app's registry (never a global one). */
import { Counter, Histogram, type Registry } from 'prom-client';

/** How one attempt of a job period ended, as counted by the metrics. */
export type RunMetricOutcome = 'done' | 'failed' | 'given_up' | 'lost';

/**
 * What the scheduler reports after each attempt: the job, how it ended (`lost` when the lease
 * passed to another runner before it finished) and how long it ran by the scheduler's clock.
 */
export interface SchedulerMetrics {
  observeRun(job: string, outcome: RunMetricOutcome, seconds: number): void;
}

/**
 * Registers `fengkong_scheduler_runs_total{job,outcome}` and
 * `fengkong_scheduler_run_duration_seconds{job}` on `registry` and reports runs to them.
 */
export function createSchedulerMetrics(registry: Registry): SchedulerMetrics {
  const runs = new Counter({
    name: 'fengkong_scheduler_runs_total',
    help: 'Attempts of scheduled job periods by job and outcome (done, failed, given_up, lost)',
    labelNames: ['job', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'fengkong_scheduler_run_duration_seconds',
    help: 'Time one attempt of a scheduled job period took',
    labelNames: ['job'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  });
  return {
    observeRun(job, outcome, seconds) {
      runs.inc({ job, outcome });
      duration.observe({ job }, seconds);
    },
  };
}
