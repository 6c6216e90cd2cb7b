/**
 * Rule evaluation: the same 50-rule loan policy (numeric, string and list conditions; first match by
 * priority → approve / review / reject) over the same events with 12 precomputed numeric inputs,
 * expressed natively for each engine and run side by side in one process:
 *   - `rules-fengkong`: the policy document compiled with `compilePolicy` (via `compileStored`),
 *     evaluated with `CompiledPolicy.evaluate(input, fns)`; lists through `in_list` backed by Sets;
 *   - `rules-zen`: @gorules/zen-engine, one decision table with hit policy `first`, rows in priority
 *     order, one-by-one awaited and in concurrent batches of 64 (`Promise.all`); the list flags are
 *     looked up in the same Sets while the context is built (ZEN cannot call back into JavaScript
 *     from a table), inside the timed loop;
 *   - `rules-json-rules-engine`: one rule per row with priorities, flat facts, a custom `inList`
 *     operator; the highest-priority fired event decides; serial and in batches of 64;
 *   - `rules-cel-js`: cel-js's own interpreter over the same 50 CEL expressions (parsed once, all 50
 *     evaluated per event like Fengkong does), for orientation.
 * Every peer's outcome and deciding rule is compared with Fengkong's on every event it evaluated;
 * the disagreements are printed (they must be 0). Slow peers get fewer events; all figures are
 * events per second. Each result is one JSON line.
 *
 *   node --import tsx bench/rules.ts [--events 200000] [--zen-events 20000] [--jre-events 5000]
 *                                    [--cel-events 20000] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { ZenEngine } from '@gorules/zen-engine';
import { Environment } from '@marcbachmann/cel-js';
import { Engine } from 'json-rules-engine';
import type { ListLookup, RuleInput } from '../src/modules/engine/contracts.js';
import { bindLists } from '../src/modules/engine/runtime/run.js';
import { compileBenchPolicy, rulesPolicyDocument } from './fixtures/policies.js';
import { against, emit, perSecond, round, startTimer, type Timing } from './fixtures/report.js';
import { type RuleBenchLists, ruleBenchInputs, ruleBenchLists } from './fixtures/rule-inputs.js';
import { celOf, JRE_IN_LIST, jreRules, zenDecision } from './fixtures/rule-render.js';
import { LIST_SUBJECT, NUMERIC_VARS, RULES, STRING_VARS } from './fixtures/rule-table.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    'zen-events': { type: 'string', default: '20000' },
    'jre-events': { type: 'string', default: '5000' },
    'cel-events': { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20260115' },
  },
});
const count = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isSafeInteger(n) || n < 1) {
    process.stderr.write(`--${name} must be a positive integer, not ${JSON.stringify(args[name])}\n`);
    process.exit(1);
  }
  return n;
};
const EVENTS = count('events');
const ROUNDS = count('rounds');
const SEED = count('seed');
const ZEN_EVENTS = Math.min(EVENTS, count('zen-events'));
const JRE_EVENTS = Math.min(EVENTS, count('jre-events'));
const CEL_EVENTS = Math.min(EVENTS, count('cel-events'));
const BATCH = 64;
const NO_RULE = -1;

/** What one engine concluded about one event: the deciding rule's rank (or NO_RULE) and the outcome. */
type Verdict = { rank: number; outcome: string };
const RANK = new Map(RULES.map((r, i) => [r.id, i]));

// ---- Fixtures (not timed) -------------------------------------------------------------------------
const lists: RuleBenchLists = ruleBenchLists(SEED);
const inputs = ruleBenchInputs(EVENTS, SEED, lists);
const compileTimer = startTimer();
const policy = compileBenchPolicy(rulesPolicyDocument());
const compileTime = compileTimer();
const lookup: ListLookup = {
  inList: (name, value) => (lists[name as keyof RuleBenchLists] ?? missingList(name)).has(value),
  ipIn: (name) => missingList(name),
};
function missingList(name: string): never {
  throw new Error(`no list ${name} in the rules bench`);
}

// ---- Fengkong ---------------------------------------------------------------------------------------
const reference: Verdict[] = new Array(EVENTS);
const outcomes: Record<string, number> = { approve: 0, review: 0, reject: 0 };
let ruleErrors = 0;
const at = Date.parse('2026-01-15T10:00:00.000Z');

function fengkongPass(record: boolean): Timing {
  const timer = startTimer();
  for (let i = 0; i < EVENTS; i++) {
    const input = inputs[i]!;
    const result = policy.evaluate(input, bindLists(lookup, at));
    if (record) {
      const first = result.rule_hits[0];
      reference[i] = { rank: first ? RANK.get(first.rule_id)! : NO_RULE, outcome: result.outcome };
      outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      ruleErrors += result.rule_errors.length;
    }
  }
  return timer();
}

fengkongPass(true); // warm-up, and the reference outcomes
const passes: Timing[] = [];
for (let r = 0; r < ROUNDS; r++) passes.push(fengkongPass(false));
const rates = passes.map((t) => perSecond(EVENTS, t)).sort((a, b) => a - b);
const fengkongRate = rates[Math.floor(rates.length / 2)]!;
emit({
  bench: 'rules-fengkong',
  events: EVENTS,
  rules: RULES.length,
  rounds: ROUNDS,
  events_per_second: fengkongRate,
  best_events_per_second: rates[rates.length - 1],
  rule_evaluations_per_second: fengkongRate * RULES.length,
  cpu_seconds: round(passes.reduce((s, t) => s + t.cpuSeconds, 0)),
  seconds: round(passes.reduce((s, t) => s + t.seconds, 0)),
  compile_ms: round(compileTime.seconds * 1000, 1),
  rule_errors: ruleErrors,
  outcomes,
  decided_by_rule: reference.filter((v) => v.rank !== NO_RULE).length,
});

/** Counts the events on which an engine's verdicts differ from Fengkong's. */
function disagreements(verdicts: readonly Verdict[]): {
  outcome_disagreements: number;
  rule_disagreements: number;
} {
  let outcome = 0;
  let rule = 0;
  verdicts.forEach((v, i) => {
    if (v.outcome !== reference[i]!.outcome) outcome++;
    if (v.rank !== reference[i]!.rank) rule++;
  });
  return { outcome_disagreements: outcome, rule_disagreements: rule };
}

/** Times `evaluate` over the first `n` events one by one awaited, then in concurrent batches. */
async function peer(
  n: number,
  evaluate: (input: RuleInput) => Promise<Verdict>,
): Promise<{ serial: { t: Timing; verdicts: Verdict[] }; batch: { t: Timing; verdicts: Verdict[] } }> {
  for (let i = 0; i < Math.min(n, 2_000); i++) await evaluate(inputs[i]!); // warm-up
  let verdicts: Verdict[] = [];
  let timer = startTimer();
  for (let i = 0; i < n; i++) verdicts.push(await evaluate(inputs[i]!));
  const serial = { t: timer(), verdicts };
  verdicts = [];
  timer = startTimer();
  for (let i = 0; i < n; i += BATCH) {
    const batch = inputs.slice(i, Math.min(n, i + BATCH));
    verdicts.push(...(await Promise.all(batch.map(evaluate))));
  }
  return { serial, batch: { t: timer(), verdicts } };
}

function emitPeer(
  bench: string,
  n: number,
  r: Awaited<ReturnType<typeof peer>>,
  extra: Record<string, unknown>,
) {
  for (const [mode, run] of [
    ['serial', r.serial],
    [`batch${BATCH}`, r.batch],
  ] as const) {
    const rate = perSecond(n, run.t);
    emit({
      bench,
      mode,
      events: n,
      events_per_second: rate,
      seconds: round(run.t.seconds),
      cpu_seconds: round(run.t.cpuSeconds),
      ...disagreements(run.verdicts),
      fengkong_ratio: round(fengkongRate / rate, 1),
      ...extra,
    });
  }
  return Math.max(perSecond(n, r.serial.t), perSecond(n, r.batch.t));
}

// ---- ZEN ----------------------------------------------------------------------------------------------
const zen = new ZenEngine();
const decision = zen.createDecision(zenDecision());
const zenRun = await peer(ZEN_EVENTS, async (input) => {
  const context = {
    features: input.features,
    data: input.data,
    lists: {
      blocked_id: lists.blocked_id.has(input.subject[LIST_SUBJECT.blocked_id]!),
      datacenter_ip: lists.datacenter_ip.has(input.subject[LIST_SUBJECT.datacenter_ip]!),
    },
  };
  const { result } = await decision.evaluate(context);
  const id = (result as { rule_id?: string } | null)?.rule_id;
  return id === undefined
    ? { rank: NO_RULE, outcome: 'approve' }
    : { rank: RANK.get(id)!, outcome: (result as { outcome: string }).outcome };
});
const zenBest = emitPeer('rules-zen', ZEN_EVENTS, zenRun, {
  engine: '@gorules/zen-engine',
  table_hit_policy: 'first',
});
zen.dispose();

// ---- json-rules-engine ----------------------------------------------------------------------------
const jre = new Engine(jreRules(), { allowUndefinedFacts: false });
jre.addOperator(JRE_IN_LIST, (value: unknown, list: unknown) =>
  lists[list as keyof RuleBenchLists].has(value as string),
);
const jreRun = await peer(JRE_EVENTS, async (input) => {
  const facts: Record<string, unknown> = {
    id_number: input.subject['id_number'],
    ip: input.subject['ip'],
  };
  for (const v of NUMERIC_VARS) facts[v] = input.features[v];
  for (const v of STRING_VARS) facts[v] = input.data[v];
  const { events } = await jre.run(facts);
  let best: { rank: number; outcome: string } = { rank: NO_RULE, outcome: 'approve' };
  for (const e of events) {
    const rank = (e.params as { rank: number }).rank;
    if (best.rank === NO_RULE || rank < best.rank) best = { rank, outcome: e.type };
  }
  return best;
});
const jreBest = emitPeer('rules-json-rules-engine', JRE_EVENTS, jreRun, { engine: 'json-rules-engine' });

// ---- cel-js (orientation) -------------------------------------------------------------------------
const celEnv = new Environment({ unlistedVariablesAreDyn: true }).registerFunction(
  'in_list(string, string): bool',
  (name: string, value: string) => lists[name as keyof RuleBenchLists].has(value),
);
const celRulesLayout = {
  numeric: (v: string) => `features.${v}`,
  intTyped: new Set<never>(),
  string: (v: string) => `data.${v}`,
  list: (l: keyof typeof LIST_SUBJECT) => `in_list('${l}', subject.${LIST_SUBJECT[l]})`,
};
const celPrograms = RULES.map((r) => celEnv.parse(celOf(r, celRulesLayout)));
for (let i = 0; i < Math.min(CEL_EVENTS, 2_000); i++) for (const p of celPrograms) p(inputs[i]);
const celVerdicts: Verdict[] = [];
const celTimer = startTimer();
for (let i = 0; i < CEL_EVENTS; i++) {
  const ctx = inputs[i]!;
  let rank = NO_RULE;
  for (let k = 0; k < celPrograms.length; k++)
    if (celPrograms[k]!(ctx) === true && rank === NO_RULE) rank = k;
  celVerdicts.push({ rank, outcome: rank === NO_RULE ? 'approve' : RULES[rank]!.outcome });
}
const celTime = celTimer();
const celRate = perSecond(CEL_EVENTS, celTime);
emit({
  bench: 'rules-cel-js',
  mode: 'interpreter, parsed once, all 50 evaluated',
  events: CEL_EVENTS,
  events_per_second: celRate,
  seconds: round(celTime.seconds),
  cpu_seconds: round(celTime.cpuSeconds),
  ...disagreements(celVerdicts),
  fengkong_ratio: round(fengkongRate / celRate, 1),
});

// ---- Ratios against the targets ---------------------------------------------------------------------
const all = [zenRun.serial, zenRun.batch, jreRun.serial, jreRun.batch, { verdicts: celVerdicts }].map((r) =>
  disagreements(r.verdicts),
);
emit({
  bench: 'rules-summary',
  fengkong_events_per_second: fengkongRate,
  zen_best_events_per_second: zenBest,
  json_rules_engine_best_events_per_second: jreBest,
  cel_js_events_per_second: celRate,
  fengkong_over_zen: { measured: round(fengkongRate / zenBest, 1), ...against(fengkongRate / zenBest, 10) },
  fengkong_over_json_rules_engine: {
    measured: round(fengkongRate / jreBest, 1),
    ...against(fengkongRate / jreBest, 100),
  },
  fengkong_over_cel_js: round(fengkongRate / celRate, 1),
  disagreements: all.reduce((s, d) => s + d.outcome_disagreements + d.rule_disagreements, 0),
});
