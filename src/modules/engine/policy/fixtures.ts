/**
 * Shared fixtures of the policy tests: a small loan policy, the built-in loan schema, and a model
 * factory fake (the real one lives in models/ and is exercised by its own tests).
 */
import type { Model, RuleInput, RuntimeFunctions } from '../contracts.js';
import { BUILTIN_EVENT_TYPES, SUBJECT_KEYS } from '../events/builtin.js';
import type { CompilePolicyOptions } from './compile.js';

/** A fake factory: `kind: constant` models score `value`; anything else is refused with a path. */
export function fakeCreateModel(
  decl: Record<string, unknown>,
  path: string,
): ReturnType<CompilePolicyOptions['createModel']> {
  if (decl['kind'] !== 'constant' && decl['kind'] !== 'logistic') {
    return { ok: false, problems: [{ path: `${path}.kind`, message: 'unknown model kind' }] };
  }
  const value = typeof decl['value'] === 'number' ? decl['value'] : 0.5;
  const model: Model = { name: String(decl['name']), kind: String(decl['kind']), score: () => value };
  return { ok: true, model };
}

/** Options for compiling loan_application policies. */
export const loanOptions: CompilePolicyOptions = {
  version: 1,
  dataSchema: BUILTIN_EVENT_TYPES.loan_application.data as unknown as Record<string, unknown>,
  subjectKeys: SUBJECT_KEYS,
  knownLists: ['blacklist_id', 'datacenter_ranges', 'vip_users'],
  createModel: fakeCreateModel,
};

/** A loan event's rule input with the given overrides. */
export function loanInput(
  over: {
    features?: Record<string, number>;
    data?: Record<string, unknown>;
    subject?: Record<string, string>;
    models?: Record<string, number>;
  } = {},
): RuleInput {
  return {
    event: { type: 'loan_application', id: 'evt-1', occurred_at: '2024-05-01T08:00:00Z' },
    subject: over.subject ?? { user_id: 'u-1', device_id: 'd-1', ip: '8.8.8.8', id_number: 'a'.repeat(64) },
    data: over.data ?? { amount: 3000, term_months: 12 },
    features: over.features ?? { apps_1h: 0, users_per_device_7d: 1 },
    models: over.models ?? {},
  };
}

/** List functions over fixed contents. */
export function listFns(lists: Record<string, readonly string[]> = {}): RuntimeFunctions {
  return {
    inList: (name, value) => (lists[name] ?? []).includes(value),
    ipIn: (name, ip) => (lists[name] ?? []).some((prefix) => ip.startsWith(prefix)),
  };
}

/** A first-match loan policy in YAML. */
export const LOAN_YAML = `
id: loan-test
event_type: loan_application
description: { en: "Test loan policy", zh: "测试借款策略" }
features:
  - name: apps_1h
    key: [device_id]
    aggregate: count
    window: 1h
  - name: users_per_device_7d
    key: [device_id]
    aggregate: distinct
    field: subject.user_id
    window: 7d
    include_current: true
lists: [blacklist_id, vip_users]
rules:
  - id: R001_blacklisted
    description: { en: "ID number blacklisted", zh: "身份证号在黑名单" }
    when: "in_list('blacklist_id', subject.id_number)"
    action: reject
    priority: 100
  - id: R002_burst
    description: { en: "Burst of applications", zh: "短时间多次申请" }
    when: "features.apps_1h >= 5"
    action: review
  - id: R003_big_amount
    description: { en: "Large amount", zh: "金额较大" }
    when: "data.amount > 50000.0"
    action: score
    score: 20
  - id: R004_vip
    description: { en: "VIP customer", zh: "优质客户" }
    when: "in_list('vip_users', subject.user_id)"
    action: approve
outcome:
  mode: first_match
  default: approve
`;
