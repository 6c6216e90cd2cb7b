import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

const quoted = (words: readonly string[]) => sql.join(words.map((w) => sql.lit(w)));

/**
 * Cases, incidents, emergency plans and drills (issue 6): cases with their subjects, linked
 * decisions and alerts, append-only activity, review-queue labels and four-eyes list proposals;
 * incidents with linked alerts, an append-only timeline and a post-incident review; versioned
 * emergency plans, their activations with checklists, and drills with the time of each step.
 * The lists in the check constraints are the vocabularies of `modules/cases/vocabulary.ts` as they
 * were when this migration was written.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  const incidentTypes = [
    'system_outage',
    'data_leak',
    'fraud_wave',
    'mass_withdrawal',
    'regulatory',
    'other',
  ];

  await db.schema
    .createTable('risk_case')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text')
    .addColumn('disposition_note', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by_type', 'text')
    .addColumn('resolved_by_id', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      'risk_case_type_known',
      sql`type in (${quoted(['fraud', 'credit', 'operational', 'compliance', 'other'])})`,
    )
    .addCheckConstraint('risk_case_priority_known', sql`priority in (${quoted(['P1', 'P2', 'P3', 'P4'])})`)
    .addCheckConstraint(
      'risk_case_status_known',
      sql`status in (${quoted(['open', 'in_progress', 'resolved', 'closed'])})`,
    )
    .addCheckConstraint(
      'risk_case_disposition_known',
      sql`disposition is null or disposition in (${quoted([
        'confirmed_fraud',
        'false_positive',
        'credit_deterioration',
        'customer_contacted',
        'no_action',
        'other',
      ])})`,
    )
    .execute();
  await db.schema.createIndex('risk_case_status').on('risk_case').columns(['status', 'due_at']).execute();
  await db.schema
    .createIndex('risk_case_assignee')
    .on('risk_case')
    .columns(['assignee_id', 'status'])
    .execute();
  await db.schema.createIndex('risk_case_resolved').on('risk_case').columns(['resolved_at']).execute();

  await db.schema
    .createTable('case_subject')
    .addColumn('case_id', 'text', (c) => c.notNull().references('risk_case.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_subject_pk', ['case_id', 'key', 'value'])
    .execute();
  await db.schema.createIndex('case_subject_value').on('case_subject').columns(['key', 'value']).execute();

  await db.schema
    .createTable('case_link')
    .addColumn('case_id', 'text', (c) => c.notNull().references('risk_case.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_link_pk', ['case_id', 'kind', 'ref_id'])
    .addCheckConstraint('case_link_kind_known', sql`kind in ('decision', 'alert')`)
    .execute();
  await db.schema.createIndex('case_link_ref').on('case_link').columns(['kind', 'ref_id']).execute();

  await db.schema
    .createTable('case_note')
    .addColumn('case_id', 'text', (c) => c.notNull().references('risk_case.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_note_pk', ['case_id', 'seq'])
    .execute();

  await db.schema
    .createTable('case_label')
    .addColumn('case_id', 'text', (c) => c.notNull().references('risk_case.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_label_pk', ['case_id', 'seq'])
    .addCheckConstraint('case_label_known', sql`label in ('fraud', 'legitimate')`)
    .addCheckConstraint('case_label_outcome_known', sql`outcome in ('labelled', 'failed')`)
    .execute();

  await db.schema
    .createTable('case_list_proposal')
    .addColumn('change_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('risk_case.id'))
    .addColumn('list_name', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('proposed_by_type', 'text', (c) => c.notNull())
    .addColumn('proposed_by_id', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_list_proposal_case')
    .on('case_list_proposal')
    .columns(['case_id'])
    .execute();

  await db.schema
    .createTable('incident')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('impacted_services', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('mitigated_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review', 'text')
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('incident_type_known', sql`type in (${quoted(incidentTypes)})`)
    .addCheckConstraint(
      'incident_severity_known',
      sql`severity in (${quoted(['SEV1', 'SEV2', 'SEV3', 'SEV4'])})`,
    )
    .addCheckConstraint(
      'incident_status_known',
      sql`status in (${quoted(['open', 'mitigated', 'resolved', 'reviewed'])})`,
    )
    .execute();
  await db.schema.createIndex('incident_status').on('incident').columns(['status', 'started_at']).execute();

  await db.schema
    .createTable('incident_alert')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incident.id'))
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_alert_pk', ['incident_id', 'alert_id'])
    .execute();
  await db.schema.createIndex('incident_alert_alert').on('incident_alert').columns(['alert_id']).execute();

  await db.schema
    .createTable('incident_timeline')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incident.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_timeline_pk', ['incident_id', 'seq'])
    .execute();

  await db.schema
    .createTable('emergency_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('emergency_plan_scenario_known', sql`scenario in (${quoted(incidentTypes)})`)
    .execute();

  await db.schema
    .createTable('emergency_plan_version')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('emergency_plan.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('rto_minutes', 'integer', (c) => c.notNull())
    .addColumn('rpo_minutes', 'integer', (c) => c.notNull())
    .addColumn('drill_frequency_days', 'integer', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('contacts', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('emergency_plan_version_pk', ['plan_id', 'version'])
    .execute();

  await db.schema
    .createTable('plan_activation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('emergency_plan.id'))
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text', (c) => c.notNull())
    .addColumn('activated_by_type', 'text', (c) => c.notNull())
    .addColumn('activated_by_id', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('plan_activation_source_known', sql`source_type in ('alert', 'incident')`)
    .addCheckConstraint('plan_activation_status_known', sql`status in ('active', 'completed')`)
    .execute();
  await db.schema
    .createIndex('plan_activation_source')
    .on('plan_activation')
    .columns(['source_type', 'source_id'])
    .execute();
  // At most one active activation of a plan per alert or incident (the service checks first and
  // answers FK_ERR_PLAN_ALREADY_ACTIVE; this is the backstop).
  await db.schema
    .createIndex('plan_activation_one_active')
    .on('plan_activation')
    .columns(['plan_id', 'source_type', 'source_id'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema
    .createIndex('plan_activation_status')
    .on('plan_activation')
    .columns(['status', 'activated_at'])
    .execute();

  await db.schema
    .createTable('plan_checklist_item')
    .addColumn('activation_id', 'text', (c) => c.notNull().references('plan_activation.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('expected_minutes', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_by_type', 'text')
    .addColumn('done_by_id', 'text')
    .addColumn('done_at', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('plan_checklist_item_pk', ['activation_id', 'seq'])
    .addCheckConstraint('plan_checklist_item_status_known', sql`status in ('pending', 'done', 'skipped')`)
    .execute();

  await db.schema
    .createTable('plan_drill')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('emergency_plan.id'))
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by_type', 'text', (c) => c.notNull())
    .addColumn('started_by_id', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('gaps', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('plan_drill_status_known', sql`status in ('in_progress', 'finished')`)
    .addCheckConstraint(
      'plan_drill_outcome_known',
      sql`outcome is null or outcome in ('passed', 'passed_with_gaps', 'failed')`,
    )
    .execute();
  await db.schema
    .createIndex('plan_drill_plan')
    .on('plan_drill')
    .columns(['plan_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('plan_drill_step')
    .addColumn('drill_id', 'text', (c) => c.notNull().references('plan_drill.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('expected_minutes', 'integer', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by_type', 'text')
    .addColumn('completed_by_id', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('plan_drill_step_pk', ['drill_id', 'seq'])
    .execute();
}
