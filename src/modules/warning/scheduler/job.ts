/**
 * A periodic job of the in-process scheduler: KRI evaluation, alert escalation, notification delivery.
 * Time is cut into periods of `everyMs` aligned on the Unix epoch (a day job's periods start at 00:00
 * UTC); the scheduler runs each period of each job at most once to completion across every server
 * process sharing the database (job leases), after the period has ended.
 */

/** One period of a job: [start, end) in RFC 3339 UTC. */
export interface JobPeriod {
  readonly start: string;
  readonly end: string;
}

/** A job the scheduler runs once per period. */
export interface JobDefinition {
  /** Stable dotted name, module first: `kri.evaluate`, `alert.escalate`, `notification.deliver`. */
  readonly name: string;
  /** Length of a period in milliseconds (at least 1000). */
  readonly everyMs: number;
  /** Does the work of one period; throwing leaves the period to be retried after its lease expires. */
  run(period: JobPeriod): Promise<void>;
}
