/**
 * The scheduler job that empties the delivery queue. It runs every 5 seconds; a period's run sends
 * what is due at that moment (the queue, not the period, says what is due), so a period that runs
 * late or twice does no harm: each delivery is claimed before it is sent.
 */
import type { JobDefinition } from '../scheduler/job.js';
import type { Notifier } from './service.js';

/** Milliseconds between runs of the delivery job. */
export const NOTIFICATION_DELIVERY_EVERY_MS = 5_000;

/** `notification.deliver`: sends the deliveries due now. */
export function notificationDeliveryJob(service: Pick<Notifier, 'deliverDue'>): JobDefinition {
  return {
    name: 'notification.deliver',
    everyMs: NOTIFICATION_DELIVERY_EVERY_MS,
    run: async () => {
      await service.deliverDue();
    },
  };
}
