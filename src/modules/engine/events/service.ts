/**
 * Custom event types: a risk officer declares a type (`merchant_onboarding`, `insurance_claim`) with
 * a JSON Schema for its `data`; from then on events of that type are validated against it and
 * policies for it are type-checked against it. Built-in types cannot be replaced.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import type { Bilingual } from '../contracts.js';
import { EventInvalid, EventTypeExists } from '../errors.js';
import { customSchemaProblems, type EventTypeInfo, type EventTypes } from './event-types.js';

/** An event type as the API shows it. */
export function eventTypeView(t: EventTypeInfo) {
  return { name: t.name, title: t.title, builtin: t.builtin, version: t.version, schema: t.schema };
}

/** Declares custom event types and keeps the registry in step with the database. */
export class EventTypeService {
  constructor(
    private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditLog; types: EventTypes },
  ) {}

  /** Loads every custom type from the database into the registry. */
  async load(): Promise<void> {
    const rows = await this.deps.db.selectFrom('event_type').selectAll().execute();
    for (const r of rows) {
      this.deps.types.putCustom(
        r.name,
        JSON.parse(r.description) as Bilingual,
        JSON.parse(r.schema) as Record<string, unknown>,
        r.version,
      );
    }
  }

  /** Declares a new type, or gives an existing custom type a new schema (its version increases). */
  async put(actor: Actor, name: string, title: Bilingual, schema: unknown) {
    const { types, db, audit } = this.deps;
    if (types.get(name)?.builtin)
      throw EventTypeExists(`${name} is a built-in event type and cannot be redefined`);
    const problems = customSchemaProblems(schema);
    if (problems.length > 0) {
      throw EventInvalid(
        `the schema of ${name} ${problems.join('; ')}`,
        problems.map((message) => ({ path: 'body.schema', message })),
      );
    }
    const at = isoUtc(this.deps.clock.now());
    const version = await transact(db, async (trx) => {
      const existing = await trx
        .selectFrom('event_type')
        .select('version')
        .where('name', '=', name)
        .executeTakeFirst();
      const version = (existing?.version ?? 0) + 1;
      const row = {
        schema: canonicalJson(schema),
        description: canonicalJson(title),
        updated_at: at,
        version,
      };
      if (existing) await trx.updateTable('event_type').set(row).where('name', '=', name).execute();
      else
        await trx
          .insertInto('event_type')
          .values({ ...row, name, created_by: `${actor.type}:${actor.id}`, created_at: at })
          .execute();
      await audit.append(trx, {
        actor,
        action: existing ? 'event_type.update' : 'event_type.create',
        target: { type: 'event_type', id: name },
        payload: { version, schema: schema as Record<string, unknown> },
      });
      return version;
    });
    types.putCustom(name, title, schema as Record<string, unknown>, version);
    const info = types.get(name);
    if (!info) throw new Error(`event type ${name} vanished`);
    return eventTypeView(info);
  }
}
