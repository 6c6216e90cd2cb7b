/**
 * Backtests: history replayed through the very same compiled policy and feature code as live traffic.
 *
 * Events are replayed in the order given (their arrival order), and each is evaluated at its own
 * `occurred_at` against a fresh velocity store holding only the events replayed before it: exactly
 * what the live engine would have seen, late events included. Events before `scoreFrom` only warm
 * the windows up, as do events of other types (a withdrawal policy may count profile changes). A policy "flags" an event when its outcome is not `approve`; with labels, each rule
 * and the policy are measured by precision, recall and F1; with a baseline, every event whose outcome
 * changes is counted by direction.
 */
import type { CompiledPolicy, EngineEvent, ListLookup, Outcome } from '../contracts.js';
import { FeatureEngine } from '../runtime/features.js';
import { runPolicy } from '../runtime/run.js';
import type { CounterStore } from '../velocity/counter-store.js';
import type { FeatureDefinition } from '../velocity/feature.js';
import { InMemoryWindowStore } from '../velocity/window-store.js';
import { type Confusion, confusion, count, measures } from './metrics.js';

/** One event to replay, with its label when known (true = fraud / bad). */
export interface ReplayEvent {
  readonly event: EngineEvent;
  readonly label: boolean | null;
  /** False for warm-up events: observed into the windows, not scored. */
  readonly score?: boolean;
}

/** Options of {@link runBacktest}. */
export interface BacktestOptions {
  readonly policy: CompiledPolicy;
  readonly baseline?: CompiledPolicy | undefined;
  readonly lists: ListLookup;
  readonly createStore?: (features: readonly FeatureDefinition[]) => CounterStore;
  /** Called every `progressEvery` events (for a progress bar). */
  readonly onProgress?: (done: number) => void;
  readonly progressEvery?: number;
}

const SEVERITY: Record<Outcome, number> = { approve: 0, review: 1, reject: 2 };

interface RuleTally {
  hits: number;
  c: Confusion;
}

/** The report of a backtest. */
export interface BacktestReport {
  readonly policy: { id: string; version: number };
  readonly baseline: { id: string; version: number } | null;
  readonly events: number;
  /** Events observed into the windows but not scored (other event types, or warm-up). */
  readonly warmup_events: number;
  readonly labelled: number;
  readonly positives: number;
  readonly outcomes: Record<Outcome, number>;
  readonly score: {
    readonly flagged: ReturnType<typeof measures> & Confusion;
    readonly rejected: ReturnType<typeof measures> & Confusion;
  };
  readonly rules: readonly ({ rule_id: string; hits: number; hit_rate: number } & ReturnType<
    typeof measures
  > &
    Confusion)[];
  readonly rule_errors: number;
  readonly fallbacks: number;
  readonly comparison: {
    readonly outcomes: Record<Outcome, number>;
    readonly changed: number;
    readonly stricter: number;
    readonly looser: number;
    readonly transitions: Record<string, number>;
  } | null;
  readonly elapsed_ms: number;
  readonly events_per_second: number;
}

/** Replays `events` through the policy (and baseline) and reports what they would have decided. */
export function runBacktest(events: Iterable<ReplayEvent>, options: BacktestOptions): BacktestReport {
  const bt = new Backtest(options);
  for (const e of events) bt.add(e);
  return bt.report();
}

/** A backtest fed one event at a time (events may come from pages of a database query). */
export class Backtest {
  readonly #started = performance.now();
  readonly #engine: FeatureEngine;
  readonly #outcomes: Record<Outcome, number> = { approve: 0, review: 0, reject: 0 };
  readonly #baseOutcomes: Record<Outcome, number> = { approve: 0, review: 0, reject: 0 };
  readonly #rules: Map<string, RuleTally>;
  readonly #flagged = confusion();
  readonly #rejected = confusion();
  readonly #transitions = new Map<string, number>();
  #n = 0;
  #warm = 0;
  #labelled = 0;
  #positives = 0;
  #ruleErrors = 0;
  #fallbacks = 0;
  #changed = 0;
  #stricter = 0;
  #looser = 0;

  constructor(private readonly options: BacktestOptions) {
    const features = [...options.policy.features, ...(options.baseline?.features ?? [])];
    const store = (options.createStore ?? ((f) => new InMemoryWindowStore({ features: f })))(features);
    this.#engine = new FeatureEngine(store, features);
    this.#rules = new Map(options.policy.ruleIds.map((id) => [id, { hits: 0, c: confusion() }]));
  }

  /** Replays one event: scored if it is of the policy's type (and not warm-up), observed in any case. */
  add({ event, label, score }: ReplayEvent): void {
    const { policy, baseline, lists } = this.options;
    const engine = this.#engine;
    if (score === false || event.type !== policy.eventType) {
      engine.observe(event);
      this.#warm++;
      return;
    }
    let outcome: Outcome;
    let hit: ReadonlySet<string> = new Set();
    try {
      const run = runPolicy(policy, event, engine, lists);
      outcome = run.result.outcome;
      hit = new Set(run.result.rule_hits.map((h) => h.rule_id));
      if (run.rule_errors.length > 0) this.#ruleErrors++;
    } catch {
      outcome = policy.fallback;
      this.#fallbacks++;
    }
    let base: Outcome | undefined;
    if (baseline) {
      try {
        base = runPolicy(baseline, event, engine, lists).result.outcome;
      } catch {
        base = baseline.fallback;
      }
    }
    engine.observe(event);
    this.#n++;
    this.#outcomes[outcome]++;
    for (const id of hit) {
      const t = this.#rules.get(id);
      if (t) t.hits++;
    }
    if (label !== null) {
      this.#labelled++;
      if (label) this.#positives++;
      count(this.#flagged, outcome !== 'approve', label);
      count(this.#rejected, outcome === 'reject', label);
      for (const [id, t] of this.#rules) count(t.c, hit.has(id), label);
    }
    if (base !== undefined) {
      this.#baseOutcomes[base]++;
      if (base !== outcome) {
        this.#changed++;
        if (SEVERITY[outcome] > SEVERITY[base]) this.#stricter++;
        else this.#looser++;
        const key = `${base}->${outcome}`;
        this.#transitions.set(key, (this.#transitions.get(key) ?? 0) + 1);
      }
    }
    const every = this.options.progressEvery ?? 50_000;
    if (this.options.onProgress && this.#n % every === 0) this.options.onProgress(this.#n);
  }

  /** The report of everything added so far. */
  report(): BacktestReport {
    const { policy, baseline } = this.options;
    const n = this.#n;
    const elapsed = performance.now() - this.#started;
    return {
      policy: { id: policy.id, version: policy.version },
      baseline: baseline ? { id: baseline.id, version: baseline.version } : null,
      events: n,
      warmup_events: this.#warm,
      labelled: this.#labelled,
      positives: this.#positives,
      outcomes: { ...this.#outcomes },
      score: {
        flagged: { ...this.#flagged, ...measures(this.#flagged) },
        rejected: { ...this.#rejected, ...measures(this.#rejected) },
      },
      rules: [...this.#rules].map(([rule_id, t]) => ({
        rule_id,
        hits: t.hits,
        hit_rate: n === 0 ? 0 : Math.round((t.hits / n) * 1e6) / 1e6,
        ...t.c,
        ...measures(t.c),
      })),
      rule_errors: this.#ruleErrors,
      fallbacks: this.#fallbacks,
      comparison: baseline
        ? {
            outcomes: { ...this.#baseOutcomes },
            changed: this.#changed,
            stricter: this.#stricter,
            looser: this.#looser,
            transitions: Object.fromEntries([...this.#transitions].sort(([a], [b]) => a.localeCompare(b))),
          }
        : null,
      elapsed_ms: Math.round(elapsed),
      events_per_second: elapsed === 0 ? 0 : Math.round((n + this.#warm) / (elapsed / 1000)),
    };
  }
}
