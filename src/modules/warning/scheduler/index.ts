/**
 * The in-process job scheduler of the warning module (issue 6): KRI evaluation, escalation and
 * notification run once per period across every process sharing the database.
 */
export { JobLeaseExpired } from './errors.js';
export type { JobDefinition, JobPeriod } from './job.js';
export { type JobRun, type JobRunQuery, jobRuns, MAX_JOB_RUNS } from './job-runs.js';
export { createSchedulerMetrics, type RunMetricOutcome, type SchedulerMetrics } from './metrics.js';
export { jobPeriod, periodIndex, recentPeriods } from './periods.js';
export { Scheduler } from './scheduler.js';
export {
  type JobOptions,
  SCHEDULER_DEFAULTS,
  type SchedulerDeps,
  type SchedulerLog,
} from './scheduler-options.js';
export {
  type JobRunStatus,
  type JobRunTable,
  SCHEDULER_TABLES,
  type SchedulerDb,
  type SchedulerTables,
  schedulerDb,
} from './tables.js';
