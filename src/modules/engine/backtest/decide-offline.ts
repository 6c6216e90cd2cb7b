/**
 * `fengkong decide`: one event decided with a policy file, after optional history has fed the
 * windows, through the same runner as live decisions. Nothing is stored.
 */
import { readFileSync } from 'node:fs';
import type { Lang } from '../../../kernel/i18n.js';
import type { CompiledPolicy, IdentifierHasher, ListLookup } from '../contracts.js';
import type { EventEnvelope } from '../events/envelope.js';
import type { EventTypes } from '../events/event-types.js';
import { normaliseEvent } from '../events/normalise.js';
import { FeatureEngine } from '../runtime/features.js';
import { runPolicy } from '../runtime/run.js';
import { InMemoryWindowStore } from '../velocity/window-store.js';
import { OfflineInputError } from './offline.js';
import { replayFile } from './replay-file.js';

/** Options of {@link decideOffline}. */
export interface DecideOfflineOptions {
  readonly policy: CompiledPolicy;
  readonly eventFile: string;
  readonly historyFile?: string | undefined;
  readonly types: EventTypes;
  readonly hasher: IdentifierHasher;
  readonly lists: ListLookup;
  readonly lang: Lang;
}

/** Decides the event in `eventFile`; throws {@link OfflineInputError} for unreadable or invalid input. */
export function decideOffline(o: DecideOfflineOptions) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(o.eventFile, 'utf8'));
  } catch (error) {
    throw new OfflineInputError(`${o.eventFile}: ${(error as Error).message}`);
  }
  const r = (raw ?? {}) as Record<string, unknown>;
  const envelope = {
    type: r['type'],
    id: r['id'],
    occurred_at: r['occurred_at'],
    subject: r['subject'] ?? {},
    data: r['data'] ?? {},
  };
  if (
    typeof envelope.type !== 'string' ||
    typeof envelope.id !== 'string' ||
    typeof envelope.occurred_at !== 'string'
  ) {
    throw new OfflineInputError(`${o.eventFile}: needs type, id and occurred_at strings`);
  }
  const n = normaliseEvent(envelope as EventEnvelope, o.types, o.hasher);
  if (!n.ok) {
    throw new OfflineInputError(
      `${o.eventFile}: ${n.problems.map((p) => `${p.path.replace(/^body\./, '')} ${p.message}`).join('; ')}`,
    );
  }
  const engine = new FeatureEngine(
    new InMemoryWindowStore({ features: o.policy.features }),
    o.policy.features,
  );
  if (o.historyFile !== undefined) {
    const skipped: string[] = [];
    try {
      for (const h of replayFile(o.historyFile, {
        types: o.types,
        hasher: o.hasher,
        onSkip: (s) => skipped.push(`line ${s.line}: ${s.message}`),
      })) {
        engine.observe(h.event);
      }
    } catch (error) {
      throw new OfflineInputError(`${o.historyFile}: ${(error as Error).message}`);
    }
    if (skipped.length > 0) throw new OfflineInputError(`${o.historyFile}: ${skipped[0]}`);
  }
  const run = runPolicy(o.policy, n.event, engine, o.lists);
  return {
    event_id: n.event.id,
    event_type: n.event.type,
    outcome: run.result.outcome,
    score: run.result.score,
    reasons: run.result.rule_hits.map((h) => ({ rule_id: h.rule_id, text: h.description[o.lang] })),
    rule_hits: run.result.rule_hits,
    features: run.features,
    truncated_features: run.truncated,
    models: run.models,
    rule_errors: run.rule_errors,
    policy: { id: o.policy.id, version: o.policy.version },
  };
}
