import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The early-warning register and indicators (issue 6; reference text 三 and 四.1): risks graded by
 * likelihood × impact before and after controls, the controls that mitigate each risk with their last
 * test, key risk indicators with their source, thresholds and detectors, values pushed by other
 * systems, and one stored evaluation per indicator and period (value, band, detector outcomes and the
 * detector state the next evaluation resumes from). JSON documents are canonical JSON text; values
 * are `double precision` (indicators are ratios and rates, never money).
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('risk')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('consequence', 'text', (c) => c.notNull())
    .addColumn('inherent_likelihood', 'integer', (c) => c.notNull())
    .addColumn('inherent_impact', 'integer', (c) => c.notNull())
    .addColumn('residual_likelihood', 'integer', (c) => c.notNull())
    .addColumn('residual_impact', 'integer', (c) => c.notNull())
    .addColumn('kri_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      'risk_scales',
      sql`inherent_likelihood between 1 and 5 and inherent_impact between 1 and 5 and residual_likelihood between 1 and 5 and residual_impact between 1 and 5`,
    )
    .addCheckConstraint('risk_status_known', sql`status in ('active', 'retired')`)
    .execute();
  await db.schema.createIndex('risk_category').on('risk').columns(['category', 'id']).execute();

  await db.schema
    .createTable('risk_control')
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risk.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('last_tested_on', 'text')
    .addColumn('last_result', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_control_pk', ['risk_id', 'id'])
    .addCheckConstraint(
      'risk_control_result_known',
      sql`last_result in ('effective', 'partially_effective', 'ineffective', 'not_tested')`,
    )
    .execute();

  await db.schema
    .createTable('kri')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('risk_type', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('thresholds', 'text')
    .addColumn('detectors', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('kri_direction_known', sql`direction in ('higher_is_worse', 'lower_is_worse')`)
    .addCheckConstraint('kri_frequency_known', sql`frequency in ('hourly', 'daily', 'weekly', 'monthly')`)
    .addCheckConstraint('kri_status_known', sql`status in ('active', 'retired')`)
    .execute();
  await db.schema.createIndex('kri_frequency').on('kri').columns(['frequency', 'status']).execute();

  await db.schema
    .createTable('kri_value')
    .addColumn('kri_id', 'text', (c) => c.notNull().references('kri.id'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('received_by_type', 'text', (c) => c.notNull())
    .addColumn('received_by_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kri_value_pk', ['kri_id', 'period_start'])
    .execute();

  // The engine's built-in KRI metrics count decisions by event time; without this index every
  // evaluation would scan the whole decision table.
  await db.schema.createIndex('decision_occurred').on('decision').columns(['occurred_at']).execute();

  await db.schema
    .createTable('kri_evaluation')
    .addColumn('kri_id', 'text', (c) => c.notNull().references('kri.id'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('previous_band', 'text')
    .addColumn('thresholds', 'text')
    .addColumn('detectors', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('kri_version', 'integer', (c) => c.notNull())
    .addColumn('evaluated_by_type', 'text', (c) => c.notNull())
    .addColumn('evaluated_by_id', 'text', (c) => c.notNull())
    .addColumn('evaluated_at', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'text')
    .addPrimaryKeyConstraint('kri_evaluation_pk', ['kri_id', 'period_start'])
    .addCheckConstraint('kri_evaluation_band_known', sql`band in ('green', 'amber', 'red')`)
    .execute();
}
