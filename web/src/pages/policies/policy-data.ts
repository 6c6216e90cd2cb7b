/**
 * Pure shaping for the policy pages: a sample event for the "try" panel, the outcome-change matrix of
 * a backtest, and the diff of two versions grouped by rule for the approver.
 */
import type { BacktestReport, Outcome, PolicyChange } from './types.js';

export const OUTCOMES: readonly Outcome[] = ['approve', 'review', 'reject'];

/** Identifiers that pass the server's checks (GB 11643 check digit, mainland mobile, Luhn). */
const SUBJECT = {
  user_id: 'u-sample-1',
  device_id: 'dev-sample-1',
  ip: '203.0.113.10',
};

const BUILTIN_DATA: Readonly<
  Record<string, { data: Record<string, unknown>; subject?: Record<string, string> }>
> = {
  loan_application: {
    data: { amount: 20000, term_months: 12, monthly_income: 8000, purpose: 'consumption', channel: 'app' },
    subject: { phone: '13812345678', id_number: '11010519491231002X' },
  },
  transaction: { data: { amount: 1200, currency: 'CNY', kind: 'payment', channel: 'app' } },
  withdrawal: {
    data: { amount: 3000, currency: 'CNY', destination: 'acct-sample-1', channel: 'app' },
    subject: { card: '6222021234567890128' },
  },
  deposit: { data: { amount: 5000, currency: 'CNY', source: 'bank', channel: 'app' } },
  login: { data: { success: true, method: 'password' } },
  registration: { data: { channel: 'app', age: 30 }, subject: { phone: '13812345678' } },
  repayment: { data: { amount: 1500, loan_id: 'loan-sample-1', days_past_due: 0 } },
  profile_change: { data: { field: 'phone' } },
};

/** A value of a JSON Schema property good enough for an example (its first allowed value). */
function exampleValue(schema: Record<string, unknown>): unknown {
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const first = (schema[key] as Record<string, unknown>[] | undefined)?.[0];
    if (first) return exampleValue(first);
  }
  const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined;
  switch (schema['type']) {
    case 'number':
      return Math.max(min ?? 0, 100);
    case 'integer':
      return Math.max(min ?? 0, 1);
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'example';
  }
}

/** Example `data` for a type from its schema: every required property, each with a plausible value. */
export function exampleData(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const required = (schema['required'] ?? []) as string[];
  const out: Record<string, unknown> = {};
  for (const name of required) out[name] = exampleValue(properties[name] ?? {});
  return out;
}

/** A sample event of `type` for the try panel, as `POST /decisions` takes it. */
export function sampleEvent(
  type: string,
  schema: Record<string, unknown> | undefined,
  now: Date,
): Record<string, unknown> {
  const known = BUILTIN_DATA[type];
  return {
    type,
    id: `try-${now.getTime()}`,
    occurred_at: now.toISOString(),
    subject: { ...SUBJECT, ...(known?.subject ?? {}) },
    data: known ? { ...known.data } : exampleData(schema ?? {}),
  };
}

/** A cell of the outcome-change matrix: baseline outcome → draft outcome, and how many events. */
export interface TransitionCell {
  readonly from: Outcome;
  readonly to: Outcome;
  readonly count: number;
  readonly changed: boolean;
}

/**
 * The 3×3 matrix of outcomes (rows: the active version's, columns: the draft's). The report keeps
 * only the changed pairs (`approve->reject`); the unchanged diagonal is the baseline total minus them.
 */
export function transitionMatrix(comparison: NonNullable<BacktestReport['comparison']>): TransitionCell[][] {
  return OUTCOMES.map((from) => {
    const changedFrom = OUTCOMES.filter((to) => to !== from).reduce(
      (sum, to) => sum + (comparison.transitions[`${from}->${to}`] ?? 0),
      0,
    );
    return OUTCOMES.map((to) => ({
      from,
      to,
      changed: from !== to,
      count:
        from === to
          ? Math.max(0, comparison.outcomes[from] - changedFrom)
          : (comparison.transitions[`${from}->${to}`] ?? 0),
    }));
  });
}

/** A rule's part of a diff: what happened to it and its expression before and after. */
export interface RuleDiff {
  readonly id: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly whenBefore: string | null;
  readonly whenAfter: string | null;
  /** The fields that changed (for a changed rule), e.g. `when`, `action`. */
  readonly fields: readonly { readonly field: string; readonly before: unknown; readonly after: unknown }[];
}

const whenOf = (rule: unknown): string | null => {
  const w = (rule as { when?: unknown } | undefined)?.when;
  return typeof w === 'string' ? w : null;
};

/** The rule changes of a diff grouped by rule id; the other changes are left to their summaries. */
export function ruleDiffs(changes: readonly PolicyChange[]): { rules: RuleDiff[]; other: PolicyChange[] } {
  const rules = new Map<string, RuleDiff>();
  const other: PolicyChange[] = [];
  for (const c of changes) {
    const m = /^rules\.([^.]+)(?:\.(.+))?$/.exec(c.path);
    if (!m?.[1]) {
      other.push(c);
      continue;
    }
    const id = m[1];
    const field = m[2];
    if (!field) {
      rules.set(id, {
        id,
        kind: c.kind,
        whenBefore: whenOf(c.before),
        whenAfter: whenOf(c.after),
        fields: [],
      });
      continue;
    }
    const prev = rules.get(id) ?? {
      id,
      kind: 'changed' as const,
      whenBefore: null,
      whenAfter: null,
      fields: [],
    };
    rules.set(id, {
      ...prev,
      whenBefore: field === 'when' ? (c.before as string) : prev.whenBefore,
      whenAfter: field === 'when' ? (c.after as string) : prev.whenAfter,
      fields: [...prev.fields, { field, before: c.before, after: c.after }],
    });
  }
  return { rules: [...rules.values()], other };
}

/** A value of the try result or a diff as short text. */
export function shortValue(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
