import { defineError } from '../../../kernel/errors.js';

/**
 * Stored as a run's error when its runner stopped (crashed, hung past `maxRunMs`) without finishing,
 * `maxAttempts` times in a row, so the scheduler gave the period up. Never thrown to a client: the
 * code lets an operator screen show the title in the reader's language.
 */
export const JobLeaseExpired = defineError(
  'FK_ERR_SCHEDULER_LEASE_EXPIRED',
  500,
  'The job run stopped without finishing before its lease expired',
  '作业运行在租约到期前中断，未能完成',
);
