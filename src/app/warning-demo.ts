/**
 * The early-warning part of the demo workspace: the emergency plans, drills, cases and an incident
 * of the cases module, then the risk register and KRIs across the six risk types with their history
 * evaluated — which, through the alert hook, leaves open alerts behind. Loaded after the engine,
 * credit and loan demos so the built-in KRIs have figures to read.
 */
import { loadCasesDemo, tableDecisionLookup } from '../modules/cases/index.js';
import { loadWarningDemo } from '../modules/warning/register/index.js';
import type { Runtime } from './compose.js';

/** Loads the demo; returns the lines to print. */
export async function loadEarlyWarningDemo(runtime: Runtime): Promise<string[]> {
  const cases = await loadCasesDemo({
    db: runtime.store.db,
    clock: runtime.clock,
    audit: runtime.audit,
    decisions: tableDecisionLookup(runtime.store.db),
    lists: runtime.lists.service,
    hasher: runtime.lists.hasher,
  });
  const warning = await loadWarningDemo({
    kris: runtime.kris.service,
    register: runtime.register.register,
    clock: runtime.clock,
    users: runtime.identity.users,
  });
  const open = await runtime.alerts.service.list({ status: 'open', limit: 200 });
  return [
    ...cases,
    ...warning,
    `Demo alerts: ${open.items.length} open / 演示预警：${open.items.length} 条未处理`,
  ];
}
