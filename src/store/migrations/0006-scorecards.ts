import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Scorecards (issue 5): the registry of trained cards (each upload is a new immutable version, the
 * published one is what engine policies score with, changed only through four eyes), and the score
 * every decision's scorecard model gave, with the bin of each variable, so that PSI of the score and
 * CSI of each variable can be computed over any time window.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('scorecard')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('published_version', 'integer')
    .addColumn('previous_version', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('scorecard_version')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_version_pk', ['name', 'version'])
    .execute();

  // One row per decision and scorecard model: written with the decision, read by drift monitoring.
  await db.schema
    .createTable('decision_model_score')
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('bins', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_model_score_pk', ['decision_id', 'model'])
    .execute();
  await db.schema
    .createIndex('decision_model_score_source')
    .on('decision_model_score')
    .columns(['source', 'occurred_at'])
    .execute();
}
