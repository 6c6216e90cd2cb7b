/**
 * Queries of cases, one SQL path for SQLite and PostgreSQL. Every change to a case starts with
 * `lockCase`, which moves the case's version only if it is still in a status the change allows,
 * and on PostgreSQL holds the row until commit: two people acting on one case queue, and the second
 * sees the first one's status. Notes and labels are numbered per case after that lock.
 */
import type { Executor } from '../../store/transaction.js';
import {
  type CaseLabelTable,
  type CaseLinkTable,
  type CaseListProposalTable,
  type CaseNoteTable,
  type CaseSubjectTable,
  casesDb,
  type RiskCaseTable,
} from './tables.js';

/** A page of rows and how many match in all. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

/** Filters and paging of the case list. */
export interface CaseFilter {
  readonly status?: readonly string[] | undefined;
  readonly type?: string | undefined;
  readonly priority?: string | undefined;
  readonly assignee_id?: string | undefined;
  readonly subject_key?: string | undefined;
  readonly subject_value?: string | undefined;
  readonly decision_id?: string | undefined;
  readonly alert_id?: string | undefined;
  /** Only unresolved cases whose due time is before this time. */
  readonly overdue_at?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Writes a new case with its subjects and links. */
export async function insertCase(
  db: Executor,
  row: RiskCaseTable,
  subjects: readonly CaseSubjectTable[],
  links: readonly CaseLinkTable[],
): Promise<void> {
  const q = casesDb(db);
  await q.insertInto('risk_case').values(row).execute();
  await insertSubjects(db, subjects);
  await insertLinks(db, links);
}

/** Adds subjects; ones the case already has are kept once. */
export async function insertSubjects(db: Executor, subjects: readonly CaseSubjectTable[]): Promise<void> {
  if (subjects.length === 0) return;
  await casesDb(db)
    .insertInto('case_subject')
    .values([...subjects])
    .onConflict((oc) => oc.columns(['case_id', 'key', 'value']).doNothing())
    .execute();
}

/** Adds links; ones the case already has are kept once. */
export async function insertLinks(db: Executor, links: readonly CaseLinkTable[]): Promise<void> {
  if (links.length === 0) return;
  await casesDb(db)
    .insertInto('case_link')
    .values([...links])
    .onConflict((oc) => oc.columns(['case_id', 'kind', 'ref_id']).doNothing())
    .execute();
}

/** One case, or undefined. */
export function findCase(db: Executor, id: string): Promise<RiskCaseTable | undefined> {
  return casesDb(db).selectFrom('risk_case').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves the case's version and applies `set`, only while its status is one of `from` (any status
 * when absent); undefined when the case does not exist or is in another status.
 */
export function lockCase(
  db: Executor,
  id: string,
  at: string,
  from?: readonly string[],
  set: Partial<RiskCaseTable> = {},
): Promise<RiskCaseTable | undefined> {
  let update = casesDb(db)
    .updateTable('risk_case')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id);
  if (from) update = update.where('status', 'in', [...from]);
  return update.returningAll().executeTakeFirst();
}

/** Appends activity entries after the case's last, numbering them. */
export async function appendNotes(
  db: Executor,
  caseId: string,
  notes: readonly Omit<CaseNoteTable, 'case_id' | 'seq'>[],
): Promise<void> {
  if (notes.length === 0) return;
  const q = casesDb(db);
  const last = await q
    .selectFrom('case_note')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  const first = Number(last?.seq ?? 0) + 1;
  await q
    .insertInto('case_note')
    .values(notes.map((n, i) => ({ ...n, case_id: caseId, seq: first + i })))
    .execute();
}

/** Records label outcomes after the case's last. */
export async function appendLabels(
  db: Executor,
  caseId: string,
  labels: readonly Omit<CaseLabelTable, 'case_id' | 'seq'>[],
): Promise<void> {
  if (labels.length === 0) return;
  const q = casesDb(db);
  const last = await q
    .selectFrom('case_label')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  const first = Number(last?.seq ?? 0) + 1;
  await q
    .insertInto('case_label')
    .values(labels.map((l, i) => ({ ...l, case_id: caseId, seq: first + i })))
    .execute();
}

/** Records a list proposal. */
export async function insertProposal(db: Executor, row: CaseListProposalTable): Promise<void> {
  await casesDb(db).insertInto('case_list_proposal').values(row).execute();
}

/** Everything recorded about one case beside its row. */
export interface CaseParts {
  readonly subjects: CaseSubjectTable[];
  readonly links: CaseLinkTable[];
  readonly notes: CaseNoteTable[];
  readonly labels: CaseLabelTable[];
  readonly proposals: CaseListProposalTable[];
}

/** The subjects, links, activity, labels and proposals of a case. */
export async function partsOf(db: Executor, caseId: string): Promise<CaseParts> {
  const q = casesDb(db);
  const [subjects, links, notes, labels, proposals] = await Promise.all([
    q
      .selectFrom('case_subject')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('key')
      .orderBy('value')
      .execute(),
    q
      .selectFrom('case_link')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('kind')
      .orderBy('ref_id')
      .execute(),
    q.selectFrom('case_note').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
    q.selectFrom('case_label').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
    q
      .selectFrom('case_list_proposal')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('proposed_at')
      .orderBy('change_id')
      .execute(),
  ]);
  return { subjects, links, notes, labels, proposals };
}

/** The subjects of several cases, by case. */
export async function subjectsOfCases(db: Executor, ids: readonly string[]): Promise<CaseSubjectTable[]> {
  if (ids.length === 0) return [];
  return casesDb(db)
    .selectFrom('case_subject')
    .selectAll()
    .where('case_id', 'in', [...ids])
    .orderBy('case_id')
    .orderBy('key')
    .orderBy('value')
    .execute();
}

/** A page of cases matching `filter`, most urgent first (earliest due time), with the total. */
export async function queryCases(db: Executor, filter: CaseFilter): Promise<Page<RiskCaseTable>> {
  const q = casesDb(db);
  let base = q.selectFrom('risk_case');
  if (filter.status && filter.status.length > 0) base = base.where('status', 'in', [...filter.status]);
  if (filter.type) base = base.where('type', '=', filter.type);
  if (filter.priority) base = base.where('priority', '=', filter.priority);
  if (filter.assignee_id) base = base.where('assignee_id', '=', filter.assignee_id);
  if (filter.overdue_at) {
    base = base.where('status', 'in', ['open', 'in_progress']).where('due_at', '<', filter.overdue_at);
  }
  if (filter.subject_key || filter.subject_value) {
    const { subject_key: key, subject_value: value } = filter;
    base = base.where('id', 'in', (eb) => {
      let s = eb.selectFrom('case_subject').select('case_id');
      if (key) s = s.where('key', '=', key);
      if (value) s = s.where('value', '=', value);
      return s;
    });
  }
  for (const [kind, ref] of [
    ['decision', filter.decision_id],
    ['alert', filter.alert_id],
  ] as const) {
    if (!ref) continue;
    base = base.where('id', 'in', (eb) =>
      eb.selectFrom('case_link').select('case_id').where('kind', '=', kind).where('ref_id', '=', ref),
    );
  }
  const [items, count] = await Promise.all([
    base.selectAll().orderBy('due_at').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items, total: Number(count?.n ?? 0) };
}

/** How many cases were resolved in `[start, end)`, and how many of them as confirmed fraud. */
export async function resolvedCounts(
  db: Executor,
  start: string,
  end: string,
): Promise<{ resolved: number; confirmed: number }> {
  const rows = await casesDb(db)
    .selectFrom('risk_case')
    .select(['disposition', (eb) => eb.fn.countAll<number>().as('n')])
    .where('resolved_at', '>=', start)
    .where('resolved_at', '<', end)
    .where('disposition', 'is not', null)
    .groupBy('disposition')
    .execute();
  let resolved = 0;
  let confirmed = 0;
  for (const row of rows) {
    resolved += Number(row.n);
    if (row.disposition === 'confirmed_fraud') confirmed += Number(row.n);
  }
  return { resolved, confirmed };
}
