import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * SQLite keeps a table with a composite primary key twice: the rows in a rowid B-tree and the key in
 * a separate index. For the rows written with every decision whose columns are (nearly) all key —
 * the subjects a decision can be searched by, the rules that fired, the scorecard scores — that is a
 * second B-tree insert per row for nothing; `WITHOUT ROWID` stores each row once, in its key's order
 * (https://www.sqlite.org/withoutrowid.html). The HTTP decision bench spent about a third of its
 * storage time on `decision_subject` alone. PostgreSQL stores tables as heaps with a separate key
 * index anyway: nothing changes there.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  await rebuild(
    db,
    'decision_subject',
    'key text not null, value text not null, decision_id text not null, constraint decision_subject_pk primary key (key, value, decision_id)',
    'key, value, decision_id',
  );
  await rebuild(
    db,
    'decision_rule_hit',
    'rule_id text not null, decision_id text not null, constraint decision_rule_hit_pk primary key (rule_id, decision_id)',
    'rule_id, decision_id',
  );
  await rebuild(
    db,
    'decision_model_score',
    'decision_id text not null, model text not null, source text not null, checksum text not null, event_type text not null, occurred_at text not null, score double precision not null, bins text not null, constraint decision_model_score_pk primary key (decision_id, model)',
    'decision_id, model, source, checksum, event_type, occurred_at, score, bins',
  );
  await sql`create index decision_model_score_source on decision_model_score (source, occurred_at)`.execute(
    db,
  );
}

/** Copies `table` into a WITHOUT ROWID table of the same columns and key, then takes its place. */
async function rebuild(db: Kysely<unknown>, table: string, columns: string, names: string): Promise<void> {
  const next = `${table}_clustered`;
  await sql.raw(`create table ${next} (${columns}) without rowid`).execute(db);
  await sql.raw(`insert into ${next} (${names}) select ${names} from ${table}`).execute(db);
  await sql.raw(`drop table ${table}`).execute(db);
  await sql.raw(`alter table ${next} rename to ${table}`).execute(db);
}
