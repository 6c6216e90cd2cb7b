/**
 * What changed between two versions of a policy, for the four-eyes reviewer: rules added, removed or
 * changed (by id, field by field), the evaluation order, features and models (by name), lists, the
 * outcome mapping, the fallback and the latency budget. Both documents are normalised first, so
 * writing `1h` instead of `window_ms: 3600000` is not a change. Each change reads in both languages.
 */
import { canonicalJson } from '../../../kernel/canonical-json.js';
import type { Bilingual } from '../contracts.js';
import type { PolicyDocument } from './document.js';
import { normalisePolicy } from './normalise.js';

/** One change between two policy versions. */
export interface PolicyChange {
  readonly kind: 'added' | 'removed' | 'changed';
  /** Where: `rules.R001.when`, `features.apps_1h`, `outcome.default`, `fallback`. */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly summary: Bilingual;
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

const WHAT: Readonly<Record<string, Bilingual>> = {
  rules: { en: 'rule', zh: '规则' },
  features: { en: 'feature', zh: '特征' },
  models: { en: 'model', zh: '模型' },
  lists: { en: 'list', zh: '名单' },
};

function byName<T>(
  section: 'rules' | 'features' | 'models',
  key: (x: T) => string,
  a: readonly T[],
  b: readonly T[],
  out: PolicyChange[],
): void {
  const what = WHAT[section] as Bilingual;
  const before = new Map(a.map((x) => [key(x), x]));
  const after = new Map(b.map((x) => [key(x), x]));
  for (const [name, x] of before) {
    if (!after.has(name)) {
      out.push({
        kind: 'removed',
        path: `${section}.${name}`,
        before: x,
        summary: { en: `${what.en} ${name} removed`, zh: `删除${what.zh} ${name}` },
      });
    }
  }
  for (const [name, y] of after) {
    const x = before.get(name);
    if (x === undefined) {
      out.push({
        kind: 'added',
        path: `${section}.${name}`,
        after: y,
        summary: { en: `${what.en} ${name} added`, zh: `新增${what.zh} ${name}` },
      });
      continue;
    }
    const xr = x as Record<string, unknown>;
    const yr = y as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(xr), ...Object.keys(yr)])];
    for (const field of fields) {
      if (same(xr[field], yr[field])) continue;
      out.push({
        kind: 'changed',
        path: `${section}.${name}.${field}`,
        before: xr[field],
        after: yr[field],
        summary: { en: `${what.en} ${name}: ${field} changed`, zh: `${what.zh} ${name}：${field} 已修改` },
      });
    }
  }
}

function scalar(path: string, zh: string, a: unknown, b: unknown, out: PolicyChange[]): void {
  if (same(a, b)) return;
  out.push({
    kind: 'changed',
    path,
    before: a,
    after: b,
    summary: {
      en: `${path} changed from ${canonicalJson(a ?? null)} to ${canonicalJson(b ?? null)}`,
      zh: `${zh}由 ${canonicalJson(a ?? null)} 改为 ${canonicalJson(b ?? null)}`,
    },
  });
}

/** Evaluation order (priority, then document order) of the rules present in both versions. */
function order(doc: PolicyDocument, common: ReadonlySet<string>): string[] {
  return doc.rules
    .map((r, i) => ({ id: r.id, p: r.priority ?? 0, i }))
    .sort((x, y) => y.p - x.p || x.i - y.i)
    .map((r) => r.id)
    .filter((id) => common.has(id));
}

/** The changes from `a` to `b`, in document order of sections. */
export function diffPolicies(a: PolicyDocument, b: PolicyDocument): PolicyChange[] {
  const x = normalisePolicy(a);
  const y = normalisePolicy(b);
  const out: PolicyChange[] = [];
  scalar('event_type', '事件类型', x.event_type, y.event_type, out);
  scalar('description', '说明', x.description, y.description, out);
  byName(
    'features',
    (f: NonNullable<PolicyDocument['features']>[number]) => f.name,
    x.features ?? [],
    y.features ?? [],
    out,
  );
  const lx = new Set(x.lists);
  const ly = new Set(y.lists);
  for (const l of lx) {
    if (!ly.has(l))
      out.push({
        kind: 'removed',
        path: `lists.${l}`,
        before: l,
        summary: { en: `list ${l} no longer used`, zh: `不再使用名单 ${l}` },
      });
  }
  for (const l of ly) {
    if (!lx.has(l))
      out.push({
        kind: 'added',
        path: `lists.${l}`,
        after: l,
        summary: { en: `list ${l} now used`, zh: `开始使用名单 ${l}` },
      });
  }
  byName(
    'models',
    (m: NonNullable<PolicyDocument['models']>[number]) => m.name,
    x.models ?? [],
    y.models ?? [],
    out,
  );
  byName('rules', (r: PolicyDocument['rules'][number]) => r.id, x.rules, y.rules, out);
  const common = new Set(x.rules.map((r) => r.id).filter((id) => y.rules.some((r) => r.id === id)));
  const ox = order(x, common);
  const oy = order(y, common);
  if (!same(ox, oy)) {
    out.push({
      kind: 'changed',
      path: 'rules',
      before: ox,
      after: oy,
      summary: { en: 'rule evaluation order changed', zh: '规则执行顺序已改变' },
    });
  }
  scalar('outcome.mode', '判定方式', x.outcome.mode, y.outcome.mode, out);
  scalar('outcome.thresholds', '分数阈值', x.outcome.thresholds, y.outcome.thresholds, out);
  scalar('outcome.default', '默认结果', x.outcome.default, y.outcome.default, out);
  scalar('fallback', '兜底结果', x.fallback, y.fallback, out);
  scalar('latency_budget_ms', '时延预算（毫秒）', x.latency_budget_ms, y.latency_budget_ms, out);
  return out;
}
