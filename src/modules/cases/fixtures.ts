/**
 * Test support for the cases tests (imported by tests only): the module over a test store with a
 * clock the test moves, fake decision and alert lookups, a fake labeler that remembers what it was
 * asked, and the real list service with its four eyes, so a proposed list entry can be approved.
 */
import type { Kysely } from 'kysely';
import { ManualClock } from '../../kernel/clock.js';
import { FkError } from '../../kernel/errors.js';
import type { Store } from '../../store/database.js';
import type { Database } from '../../store/schema.js';
import { type Actor, AuditLog } from '../audit/index.js';
import { createIdentifierHasher } from '../engine/index.js';
import { ListService, listChangeKind } from '../engine/lists/index.js';
import { type ChangeCaller, ChangeRegistry, ChangeService } from '../identity/changes/index.js';
import { type Cases, createCases } from './index.js';
import type { AlertSummary, CasesDeps, DecisionSummary } from './ports.js';

/** The time every cases test starts at. */
export const T0 = '2026-03-02T08:00:00.000Z';

/** A person (or key) with exactly `permissions`. */
export function person(id: string, permissions: readonly string[]): ChangeCaller {
  return { actor: { type: 'user', id }, permissions: new Set(permissions) };
}

/** A risk analyst who may also submit list changes. */
export const ANALYST = person('u-analyst', [
  'case:read',
  'case:work',
  'list:read',
  'list:write',
  'change:submit',
]);
/** An approver of four-eyes changes. */
export const APPROVER = person('u-approver', ['change:read', 'change:approve']);

/** One call to the fake labeler. */
export interface LabelCall {
  readonly decisionId: string;
  readonly label: 'fraud' | 'legitimate';
  readonly actor: Actor;
  readonly comment: string | null;
}

/** The module over a test store and everything a test needs to drive and observe it. */
export interface CasesHarness {
  readonly clock: ManualClock;
  readonly audit: AuditLog;
  readonly db: Kysely<Database>;
  readonly deps: CasesDeps;
  readonly module: Cases;
  readonly lists: ListService;
  readonly changes: ChangeService;
  readonly decisions: Map<string, DecisionSummary>;
  readonly alerts: Map<string, AlertSummary>;
  readonly labelled: LabelCall[];
  /** Decision ids the fake labeler refuses (as the review queue refuses a resolved review). */
  readonly refuseLabel: Set<string>;
}

/** Builds the module over `store`, with `overrides` of its dependencies. */
export function casesHarness(store: Store, overrides: Partial<CasesDeps> = {}): CasesHarness {
  const clock = new ManualClock(T0);
  const audit = new AuditLog({ db: store.db, dialect: store.dialect, clock });
  const kinds = new ChangeRegistry();
  const changes = new ChangeService({ db: store.db, clock, audit, kinds });
  const hasher = createIdentifierHasher(new TextEncoder().encode('test-only cases hashing key 0123456789'));
  const lists = new ListService({ db: store.db, clock, audit, hasher, changes });
  kinds.register(listChangeKind(lists));
  const decisions = new Map<string, DecisionSummary>();
  const alerts = new Map<string, AlertSummary>();
  const labelled: LabelCall[] = [];
  const refuseLabel = new Set<string>();
  const deps: CasesDeps = {
    db: store.db,
    clock,
    audit,
    hasher,
    lists,
    decisions: { get: async (id) => decisions.get(id) },
    alerts: { get: async (id) => alerts.get(id) },
    labeler: {
      async label(decisionId, label, actor, comment) {
        if (refuseLabel.has(decisionId)) throw new Error('review already resolved');
        labelled.push({ decisionId, label, actor, comment });
      },
    },
    ...overrides,
  };
  return {
    clock,
    audit,
    db: store.db,
    deps,
    module: createCases(deps),
    lists,
    changes,
    decisions,
    alerts,
    labelled,
    refuseLabel,
  };
}

/** How many audit entries have `action` (on `targetId`, when given). */
export async function auditCount(audit: AuditLog, action: string, targetId?: string): Promise<number> {
  return (await audit.list({ action, ...(targetId ? { targetId } : {}), limit: 10_000 })).length;
}

/** The code of the catalogued error `work` throws (fails the test when it does not throw one). */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof FkError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A small plan: three steps of 10, 20 and 30 minutes, drilled every 90 days. */
export const SMALL_PLAN = {
  scenario: 'system_outage' as const,
  title: { en: 'Outage', zh: '故障' },
  rto_minutes: 60,
  rpo_minutes: 5,
  drill_frequency_days: 90,
  steps: [
    {
      title: { en: 'Confirm', zh: '确认' },
      owner: { type: 'role' as const, id: 'it_oncall' },
      expected_minutes: 10,
    },
    {
      title: { en: 'Fail over', zh: '切换' },
      owner: { type: 'role' as const, id: 'dba' },
      expected_minutes: 20,
    },
    {
      title: { en: 'Notify', zh: '通知' },
      owner: { type: 'user' as const, id: 'u-comms' },
      expected_minutes: 30,
    },
  ],
  contacts: [{ name: 'On-call', role: 'IT', phone: '+86 10 5555 0200' }],
};
