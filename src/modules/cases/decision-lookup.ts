/**
 * A `DecisionLookup` reading the engine's `decision` and `event` tables directly: the decision's
 * event type and outcome, and its event's subject (identity numbers, phones and cards are already
 * keyed hashes there). Read-only, so it needs none of the engine's services.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { DecisionLookup, DecisionSummary } from './ports.js';

function subjectOf(json: string): Record<string, string> {
  const parsed: unknown = JSON.parse(json);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
  }
  return out;
}

/** The lookup over `db`. */
export function tableDecisionLookup(db: Kysely<Database>): DecisionLookup {
  return {
    async get(id: string): Promise<DecisionSummary | undefined> {
      const row = await db
        .selectFrom('decision as d')
        .innerJoin('event as e', 'e.id', 'd.event_id')
        .select(['d.id', 'd.event_type', 'd.outcome', 'e.subject'])
        .where('d.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        event_type: row.event_type,
        outcome: row.outcome,
        subject: subjectOf(row.subject),
      };
    },
  };
}
