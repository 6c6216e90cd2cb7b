import type { Logger } from 'pino';
import { isoUtc } from '../kernel/clock.js';
import { SYSTEM_ACTOR } from '../modules/audit/index.js';
import { createDemoAccounts } from '../modules/identity/index.js';
import { transact } from '../store/transaction.js';
import type { AppDeps } from './build-app.js';

/** The demo company: a simulated online-lending platform that newcomers can explore at once. */
export const DEMO_WORKSPACE = Object.freeze({
  name: { en: 'Demo Lending Co. (simulated)', zh: '示例网贷公司（模拟）' },
  business: 'online_lending',
  currency: 'CNY',
});

/** What the demo loader printed for the person who started the server. */
export interface DemoResult {
  readonly created: boolean;
  readonly demo: boolean;
  readonly lines: readonly string[];
}

/**
 * Initialises a new database once: records the workspace and, unless `demo` is false, loads the demo
 * workspace. Each module adds its demo content here as it lands (users, policies, traffic, loans,
 * KRIs). A database that already has a workspace is left alone.
 */
export async function initWorkspace(
  deps: Pick<AppDeps, 'store' | 'audit' | 'clock' | 'identity'> & { log?: Logger },
  demo: boolean,
): Promise<DemoResult> {
  const { store, audit, clock } = deps;
  return transact(store.db, async (trx) => {
    const existing = await trx
      .selectFrom('setting')
      .select('value')
      .where('key', '=', 'workspace')
      .executeTakeFirst();
    if (existing) return { created: false, demo: false, lines: [] };
    const now = isoUtc(clock.now());
    const workspace = demo
      ? { ...DEMO_WORKSPACE, demo: true }
      : { name: { en: 'Fengkong', zh: '风控' }, demo: false };
    await trx
      .insertInto('setting')
      .values({ key: 'workspace', value: JSON.stringify(workspace), updated_at: now })
      .execute();
    await audit.append(trx, {
      actor: SYSTEM_ACTOR,
      action: 'workspace.create',
      target: { type: 'workspace', id: 'default' },
      payload: workspace,
    });
    const lines = demo
      ? [
          `Loaded the demo workspace: ${DEMO_WORKSPACE.name.en} / 已加载演示工作区：${DEMO_WORKSPACE.name.zh}`,
          ...(await createDemoAccounts(deps.identity, trx)).lines,
        ]
      : [];
    return { created: true, demo, lines };
  });
}
