/**
 * The decision engine's part of the demo workspace: the lists the example policies use, the example
 * policies deployed, and a year of simulated online-lending traffic decided through the live engine,
 * so that a newcomer finds decisions, rule hits and a review queue at once. Deployment here is the
 * demo loader's own act (audited as the system actor); every later change goes through four eyes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isoUtc } from '../kernel/clock.js';
import { SYSTEM_ACTOR } from '../modules/audit/index.js';
import type { Engine } from '../modules/engine/index.js';
import type { Lists } from '../modules/engine/lists/index.js';
import { simulateEvents, withoutLabel } from '../modules/engine/simulate/index.js';
import { transact } from '../store/transaction.js';
import type { AppDeps } from './build-app.js';

/** The example policies the demo deploys (files under `examples/policies/`). */
export const DEMO_POLICIES = [
  'loan_application.yaml',
  'login.yaml',
  'withdrawal.yaml',
  'transaction.yaml',
] as const;

/** Events of simulated traffic the demo decides. */
export const DEMO_EVENTS = 3_000;

const DEMO_LISTS = [
  {
    name: 'blacklist_id',
    kind: 'id_number',
    en: 'Identity numbers of confirmed fraud',
    zh: '确认欺诈的身份证号',
  },
  { name: 'blacklist_phone', kind: 'phone', en: 'Phones of confirmed fraud', zh: '确认欺诈的手机号' },
  { name: 'blacklist_device', kind: 'device_id', en: 'Devices of confirmed fraud', zh: '确认欺诈的设备' },
  { name: 'blacklist_card', kind: 'bank_card', en: 'Bank cards of confirmed fraud', zh: '确认欺诈的银行卡' },
  { name: 'datacenter_ranges', kind: 'ip', en: 'Datacenter and hosting IP ranges', zh: '机房与云主机 IP 段' },
] as const;

/** Documentation and benchmarking ranges (RFC 5737, RFC 2544, RFC 3849) standing in for hosting ranges. */
const DEMO_RANGES = ['198.51.100.0/24', '198.18.0.0/15', '2001:db8::/32'];

function examplePath(file: string): string {
  // src/app or dist/app: the examples folder is two levels up either way.
  return fileURLToPath(new URL(`../../examples/policies/${file}`, import.meta.url));
}

/**
 * Makes a saved policy version active as the demo loader's own audited act (the four-eyes path is for
 * people; a new workspace has nobody to approve yet).
 */
export async function deployForDemo(
  deps: Pick<AppDeps, 'store' | 'clock' | 'audit'>,
  saved: { readonly id: string; readonly version: number },
): Promise<void> {
  const { store, clock, audit } = deps;
  await transact(store.db, async (trx) => {
    await trx
      .updateTable('policy')
      .set({ mode: 'active', deployed_version: saved.version, updated_at: isoUtc(clock.now()) })
      .where('id', '=', saved.id)
      .execute();
    await audit.append(trx, {
      actor: SYSTEM_ACTOR,
      action: 'policy.deploy',
      target: { type: 'policy', id: saved.id },
      payload: { version: saved.version, mode: 'active', reason: 'demo workspace / 演示工作区' },
    });
  });
}

/** Loads the engine demo into a new workspace; returns the lines to print. */
export async function loadEngineDemo(
  deps: Pick<AppDeps, 'store' | 'clock' | 'audit'> & { engine: Engine; lists: Lists },
  /** Runs after the policies are deployed and before the traffic (the credit demo's card and policy). */
  beforeTraffic?: (examplePolicy: (file: string) => string) => Promise<string[]>,
): Promise<string[]> {
  const { engine, lists, clock } = deps;
  for (const l of DEMO_LISTS) {
    await lists.service.create(
      { name: l.name, kind: l.kind, purpose: 'block', description: { en: l.en, zh: l.zh } },
      SYSTEM_ACTOR,
    );
  }
  for (const range of DEMO_RANGES) {
    await lists.service.add(
      'datacenter_ranges',
      { value: range, reason: 'demo / 演示', source: 'demo' },
      SYSTEM_ACTOR,
    );
  }
  for (const file of DEMO_POLICIES) {
    const saved = await engine.policies.save(SYSTEM_ACTOR, readFileSync(examplePath(file), 'utf8'), 'yaml');
    await deployForDemo(deps, saved);
  }
  await engine.refresh();
  const more = beforeTraffic ? await beforeTraffic((file) => readFileSync(examplePath(file), 'utf8')) : [];
  // A year of traffic ending now, decided in the order it arrived (batches share group commits).
  const start = new Date(clock.now() - 366 * 86_400_000);
  const batch: Promise<unknown>[] = [];
  let decided = 0;
  for (const e of simulateEvents({ events: DEMO_EVENTS, seed: 20261127, start })) {
    if (Date.parse(e.occurred_at) > clock.now()) break;
    batch.push(engine.decisions.decide(withoutLabel(e) as never, SYSTEM_ACTOR, 'en').then(() => decided++));
    if (batch.length === 200) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  return [
    ...more,
    `Demo engine: ${DEMO_POLICIES.length} policies active, ${decided} simulated events decided / 演示引擎：${DEMO_POLICIES.length} 条策略已生效，已决策 ${decided} 个模拟事件`,
  ];
}
