/**
 * Policies and helpers for engine tests. `deployDirectly` puts a policy version live without the
 * four-eyes flow (it writes the deployment row as an approved change would): for tests whose subject
 * is decisions, not approvals — the approval flow has tests of its own.
 */
import type { Runtime } from '../../src/app/compose.js';
import { CLI_ACTOR } from '../../src/modules/identity/index.js';

/** Test policies by id, as YAML. */
export const TEST_POLICIES: Record<string, string> = {
  'transaction-velocity': `
id: transaction-velocity
event_type: transaction
description: { en: Payment velocity, zh: 支付频次 }
features:
  - { name: tx_count_user_1h, key: [user_id], aggregate: count, window: 1h, include_current: true }
  - { name: tx_sum_user_24h, key: [user_id], aggregate: sum, field: amount, window: 24h, include_current: true }
  - { name: users_per_device_1h, key: [device_id], aggregate: distinct, field: subject.user_id, window: 1h, include_current: true }
  - { name: since_last_tx, key: [user_id], aggregate: since_last, window: 1d, include_current: false, default: 86400000 }
rules:
  - id: burst
    description: { en: More than 5 payments in an hour, zh: 一小时内支付超过5笔 }
    when: features.tx_count_user_1h > 5.0
    action: review
  - id: big_day
    description: { en: Over 5000 paid in a day, zh: 当日支付超过5000元 }
    when: features.tx_sum_user_24h > 5000.0
    action: score
    score: 30
  - id: shared_device
    description: { en: Device used by 3 or more users, zh: 设备被3个及以上用户使用 }
    when: features.users_per_device_1h >= 3.0
    action: reject
    priority: 10
  - id: rapid_fire
    description: { en: Second payment within 2 seconds, zh: 2秒内再次支付 }
    when: features.since_last_tx < 2000.0
    action: score
    score: 10
outcome: { mode: first_match, default: approve }
fallback: review
`,
};

/** Saves `TEST_POLICIES[id]` (or `source`) as a new version and makes it active at once. */
export async function deployDirectly(
  runtime: Runtime,
  id: string,
  source = TEST_POLICIES[id],
): Promise<number> {
  if (!source) throw new Error(`no test policy ${id}`);
  const saved = await runtime.engine.policies.save(CLI_ACTOR, source, 'yaml');
  await runtime.store.db
    .updateTable('policy')
    .set({ mode: 'active', deployed_version: saved.version, updated_at: new Date().toISOString() })
    .where('id', '=', saved.id)
    .execute();
  await runtime.engine.refresh();
  return saved.version;
}
