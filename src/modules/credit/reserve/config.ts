/**
 * How the risk reserve is provisioned (reference text 三: a risk reserve fund set aside from lending
 * to absorb losses). The configuration is the installation setting `credit.reserve`, JSON
 * `{ "basis": "new_lending" | "outstanding", "rate": "0.02" }`, changed like every setting through a
 * four-eyes `setting.change`. Without it the reserve tracks 2% of the outstanding balance, a common
 * floor for consumer-lending reserves, stated here rather than hidden.
 */
import type { Executor } from '../../../store/transaction.js';
import { parseReserveRate, type ReserveConfig } from '../portfolio/index.js';

/** The setting key of the reserve configuration. */
export const RESERVE_SETTING = 'credit.reserve';

/** The configuration used while the setting is absent. */
export const DEFAULT_RESERVE: ReserveConfig = Object.freeze({ basis: 'outstanding', rate: '0.02' });

/** The configured reserve, or the default; a malformed setting is an error naming it. */
export async function reserveConfig(db: Executor): Promise<ReserveConfig> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', RESERVE_SETTING)
    .executeTakeFirst();
  if (!row) return DEFAULT_RESERVE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.value);
  } catch {
    throw new RangeError(`setting ${RESERVE_SETTING} is not JSON`);
  }
  const { basis, rate } = (parsed ?? {}) as { basis?: unknown; rate?: unknown };
  if (basis !== 'new_lending' && basis !== 'outstanding') {
    throw new RangeError(`setting ${RESERVE_SETTING}: basis must be new_lending or outstanding`);
  }
  if (typeof rate !== 'string')
    throw new RangeError(`setting ${RESERVE_SETTING}: rate must be a decimal string`);
  parseReserveRate(rate); // throws when malformed
  return { basis, rate };
}
