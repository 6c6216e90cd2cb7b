/**
 * The early-warning part of the demo workspace: the demo KRIs defined, filled and evaluated (see
 * `kri/demo.ts`), then the register of the demo company with its controls and KRI links. Like the
 * other demo loaders it acts as the system, once, on a new database; every later grading change goes
 * through four eyes. Returns the lines to print for the person who started the server.
 */
import type { Clock } from '../../../kernel/clock.js';
import { SYSTEM_ACTOR } from '../../audit/index.js';
import { type KriService, loadKriDemo } from '../kri/index.js';
import { DEMO_RISKS } from './demo-risks.js';
import type { RiskRegister } from './service.js';

export { DEMO_RISKS } from './demo-risks.js';

/** What the demo needs. */
export interface WarningDemoDeps {
  readonly kris: KriService;
  readonly register: RiskRegister;
  readonly clock: Clock;
  /** Finds the demo people by username, to make them owners; owners stay empty without it. */
  readonly users?: { getByUsername(username: string): Promise<{ readonly id: string }> };
}

const OWNER_OF_TYPE = {
  market: 'officer',
  credit: 'officer',
  liquidity: 'officer',
  operational: 'analyst',
  technology: 'admin',
  legal: 'officer',
} as const;

async function idOf(deps: WarningDemoDeps, username: string): Promise<string | null> {
  if (!deps.users) return null;
  try {
    return (await deps.users.getByUsername(username)).id;
  } catch {
    // The demo people were not created (a workspace without demo accounts): no owner.
    return null;
  }
}

/** Loads the demo KRIs with their history and the demo register; returns the lines to print. */
export async function loadWarningDemo(deps: WarningDemoDeps): Promise<string[]> {
  const ids: Record<string, string | null> = {};
  for (const name of ['officer', 'analyst', 'admin']) ids[name] = await idOf(deps, name);
  const owners = Object.fromEntries(
    Object.entries(OWNER_OF_TYPE).map(([type, user]) => [type, ids[user] ?? null]),
  );
  const kris = await loadKriDemo(deps.kris, SYSTEM_ACTOR, deps.clock.now(), owners);
  const defined = new Set(kris.kris);
  for (const { owner_role, ...risk } of DEMO_RISKS) {
    await deps.register.create(
      {
        ...risk,
        owner: ids[owner_role] ?? null,
        kri_ids: (risk.kri_ids ?? []).filter((id) => defined.has(id)),
      },
      SYSTEM_ACTOR,
    );
  }
  const map = await deps.register.heatmap();
  const levels = map.levels.map((l) => `${l.count} ${l.level}`).join(', ');
  return [
    `Demo early warning: ${DEMO_RISKS.length} risks in the register (residual: ${levels}) / 演示预警：风险登记册 ${DEMO_RISKS.length} 项`,
    `  ${kris.kris.length} KRIs across all six risk types, ${kris.evaluations} evaluations (pushed series are synthetic) / ${kris.kris.length} 个关键风险指标，覆盖六类风险，共评估 ${kris.evaluations} 次（推送序列为合成数据）`,
    `  now red / 红色: ${kris.bands.red.join(', ') || '—'}`,
    `  now amber / 黄色: ${kris.bands.amber.join(', ') || '—'}`,
  ];
}
