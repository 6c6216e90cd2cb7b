/**
 * The scheduler job that escalates alerts nobody acknowledged in time. It runs every minute and
 * escalates what is overdue at that moment by the service's clock (deadlines are stored on the
 * alerts, so a late or repeated run neither misses nor doubles an escalation: each is conditional on
 * the alert's version).
 */
import type { JobDefinition } from '../scheduler/job.js';
import type { AlertService } from './service.js';

/** Milliseconds between runs of the escalation job. */
export const ALERT_ESCALATION_EVERY_MS = 60_000;

/** `alert.escalate`: escalates the alerts past their acknowledgement deadline. */
export function alertEscalationJob(service: Pick<AlertService, 'escalateOverdue'>): JobDefinition {
  return {
    name: 'alert.escalate',
    everyMs: ALERT_ESCALATION_EVERY_MS,
    run: async () => {
      await service.escalateOverdue();
    },
  };
}
