/**
 * The deployed policies of this process, compiled, and the velocity state that serves them.
 *
 * `load()` reads which version of which policy is deployed (active or shadow), compiles what is not
 * compiled yet and swaps the new set in at once. When the deployed features need streams the current
 * velocity store does not keep, a new store is rebuilt from the stored events within the longest
 * window (point in time, by `occurred_at`) while live decisions continue on the old one; events
 * observed meanwhile are replayed into the new store, so nothing is counted twice or lost. The same
 * rebuild at start-up is how velocity state survives a restart.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../../store/schema.js';
import type { CompiledPolicy, EngineEvent } from '../contracts.js';
import type { PolicySet } from '../decisions/service.js';
import type { EventTypes } from '../events/event-types.js';
import { eventFromRow } from '../events/normalise.js';
import { parsePolicySource } from '../policy/index.js';
import { FeatureEngine, type PolicyFeature } from '../runtime/features.js';
import type { CounterStore } from '../velocity/counter-store.js';
import { type FeatureDefinition, featureStreamKey } from '../velocity/feature.js';
import {
  compileEnvironment,
  compileStored,
  type ScorecardSource,
  scorecardSignature,
} from './compile-context.js';
import * as repo from './repo.js';

/** Dependencies of {@link PolicyRuntime}. */
export interface PolicyRuntimeDeps {
  readonly db: Kysely<Database>;
  readonly log: Logger;
  readonly types: EventTypes;
  /** Makes the velocity store for a set of features (in-process now, Redis later). */
  readonly createStore: (features: readonly FeatureDefinition[]) => CounterStore;
  /** Current time in epoch ms, to bound the history replayed into a new store. */
  readonly now: () => number;
  /** Published scorecards that policies may score with. */
  readonly scorecards?: ScorecardSource | undefined;
}

const EMPTY: PolicySet = Object.freeze({ active: undefined, shadows: Object.freeze([]) });
const PAGE = 5000;

function signature(features: readonly FeatureDefinition[]): string {
  const horizons = new Map<string, number>();
  for (const f of features) {
    const k = featureStreamKey(f);
    horizons.set(k, Math.max(horizons.get(k) ?? 0, f.windowMs));
  }
  return JSON.stringify([...horizons].sort(([a], [b]) => a.localeCompare(b)));
}

/** The compiled policies by event type, and the feature engine they read. */
export class PolicyRuntime {
  #sets = new Map<string, PolicySet>();
  #compiled = new Map<string, CompiledPolicy>();
  /** The published cards the compiled policies were built with. */
  #cards = '';
  #engine: FeatureEngine;
  #signature: string;
  #pending: EngineEvent[] | null = null;
  #loading: Promise<void> | undefined;
  #again = false;

  constructor(private readonly deps: PolicyRuntimeDeps) {
    this.#engine = new FeatureEngine(deps.createStore([]), []);
    this.#signature = signature([]);
  }

  /** The policies deployed for an event type. */
  forType(type: string): PolicySet {
    return this.#sets.get(type) ?? EMPTY;
  }

  /** The feature engine of the deployed policies. */
  get features(): FeatureEngine {
    return this.#engine;
  }

  /** Every deployed policy (for metrics and the console). */
  deployed(): CompiledPolicy[] {
    return [...this.#sets.values()].flatMap((s) => (s.active ? [s.active, ...s.shadows] : [...s.shadows]));
  }

  /** Records a live event in the velocity state (and in a store being rebuilt). */
  observe(event: EngineEvent): void {
    this.#engine.observe(event);
    this.#pending?.push(event);
  }

  /** Takes back {@link observe} of an event whose decision could not be stored. */
  unobserve(event: EngineEvent): void {
    this.#engine.unobserve(event);
    if (this.#pending) this.#pending = this.#pending.filter((e) => e !== event);
  }

  /**
   * Reloads the deployment from the database; concurrent calls share one load, and a call made while
   * a load runs schedules one more so that the newest deployment always wins.
   */
  load(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      try {
        do {
          this.#again = false;
          await this.#loadOnce();
        } while (this.#again);
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }

  async #loadOnce(): Promise<void> {
    const rows = await repo.deployedVersions(this.deps.db);
    const env = await compileEnvironment(this.deps.db, this.deps.scorecards);
    // A card published or rolled back changes what every policy using it scores: compile afresh.
    const cards = scorecardSignature(env);
    if (cards !== this.#cards) {
      this.#compiled = new Map();
      this.#cards = cards;
    }
    const sets = new Map<string, { active: CompiledPolicy | undefined; shadows: CompiledPolicy[] }>();
    const compiled = new Map<string, CompiledPolicy>();
    for (const row of rows) {
      const key = `${row.id}@${row.version}`;
      let policy = this.#compiled.get(key);
      if (!policy) {
        const parsed = parsePolicySource(row.document, 'json');
        const result = parsed.ok ? compileStored(parsed.document, row.version, this.deps.types, env) : parsed;
        if (!result.ok) {
          // A deployed version that no longer compiles (a list it uses was deleted): keep serving
          // without it, loudly; its event type falls back to `review` rather than to nothing.
          this.deps.log.error({ policy: key, problems: result.problems }, 'deployed policy does not compile');
          continue;
        }
        policy = result.policy;
      }
      compiled.set(key, policy);
      const set = sets.get(row.event_type) ?? { active: undefined, shadows: [] };
      if (row.mode === 'active') set.active = policy;
      else set.shadows.push(policy);
      sets.set(row.event_type, set);
    }
    const features: PolicyFeature[] = [...compiled.values()].flatMap((p) => [...p.features]);
    const sig = signature(features);
    if (sig !== this.#signature) {
      this.#engine = await this.#rebuild(features);
      this.#signature = sig;
    }
    this.#compiled = compiled;
    this.#sets = sets;
  }

  async #rebuild(features: readonly PolicyFeature[]): Promise<FeatureEngine> {
    const engine = new FeatureEngine(this.deps.createStore(features), features);
    if (features.length === 0) return engine;
    const horizon = Math.max(...features.map((f) => f.windowMs));
    // Windows end at the newest stored event (or now, if events claim to come from the future), so
    // a store fed with back-dated traffic is rebuilt as it was, not emptied by the wall clock.
    const newest = await repo.newestEventTime(this.deps.db);
    const end = Math.min(this.deps.now(), newest === undefined ? this.deps.now() : Date.parse(newest));
    const since = new Date(end - horizon).toISOString();
    this.#pending = [];
    const fromHistory = new Set<EngineEvent>();
    try {
      let after: { occurred_at: string; id: string } | undefined;
      for (;;) {
        const page = await repo.eventsSince(this.deps.db, since, after, PAGE);
        const pendingIds = new Map(this.#pending.map((e) => [e.id, e]));
        for (const row of page) {
          const live = pendingIds.get(row.id);
          if (live) fromHistory.add(live);
          engine.observe(eventFromRow(row));
        }
        const last = page.at(-1);
        if (!last || page.length < PAGE) break;
        after = { occurred_at: last.occurred_at, id: last.id };
      }
      for (const e of this.#pending) if (!fromHistory.has(e)) engine.observe(e);
    } finally {
      this.#pending = null;
    }
    this.deps.log.info(
      { streams: engine.streamKeys.length, memory: engine.store.memoryStats() },
      'velocity state rebuilt',
    );
    return engine;
  }
}
