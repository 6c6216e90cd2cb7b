/** Queries of the scorecard registry and of the scores decisions stored. */
import type { Database, ScorecardTable, ScorecardVersionTable } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';

/** The registry row of a card. */
export function findCard(db: Executor, name: string): Promise<ScorecardTable | undefined> {
  return db.selectFrom('scorecard').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Every registered card, by name. */
export function listCards(db: Executor): Promise<ScorecardTable[]> {
  return db.selectFrom('scorecard').selectAll().orderBy('name').execute();
}

/** Creates the registry row of a new card. */
export async function insertCard(db: Executor, row: ScorecardTable): Promise<void> {
  await db.insertInto('scorecard').values(row).execute();
}

/** The versions of a card, newest first, without their documents. */
export function listVersions(db: Executor, name: string) {
  return db
    .selectFrom('scorecard_version')
    .select(['name', 'version', 'checksum', 'created_by_type', 'created_by_id', 'created_at'])
    .where('name', '=', name)
    .orderBy('version', 'desc')
    .execute();
}

/** One version with its document. */
export function findVersion(
  db: Executor,
  name: string,
  version: number,
): Promise<ScorecardVersionTable | undefined> {
  return db
    .selectFrom('scorecard_version')
    .selectAll()
    .where('name', '=', name)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** The highest version number of a card (0 when none). */
export async function latestVersion(db: Executor, name: string): Promise<number> {
  const row = await db
    .selectFrom('scorecard_version')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Stores a new version. */
export async function insertVersion(db: Executor, row: ScorecardVersionTable): Promise<void> {
  await db.insertInto('scorecard_version').values(row).execute();
}

/** Sets the published version if the row is still at `rowVersion`; false when someone got there first. */
export async function setPublished(
  db: Executor,
  name: string,
  rowVersion: number,
  values: Pick<ScorecardTable, 'published_version' | 'previous_version' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('scorecard')
    .set({ ...values, row_version: rowVersion + 1 })
    .where('name', '=', name)
    .where('row_version', '=', rowVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The published document of every card that has one. */
export function publishedDocuments(db: Executor): Promise<{ name: string; document: string }[]> {
  return db
    .selectFrom('scorecard')
    .innerJoin('scorecard_version', (j) =>
      j
        .onRef('scorecard_version.name', '=', 'scorecard.name')
        .onRef('scorecard_version.version', '=', 'scorecard.published_version'),
    )
    .select(['scorecard.name as name', 'scorecard_version.document as document'])
    .execute();
}

/** Scores stored by decisions for card `source` in [from, to), oldest first. */
export function storedScores(
  db: Executor,
  source: string,
  checksum: string | undefined,
  from: string,
  to: string,
): Promise<Pick<Database['decision_model_score'], 'score' | 'bins' | 'occurred_at' | 'checksum'>[]> {
  let q = db
    .selectFrom('decision_model_score')
    .select(['score', 'bins', 'occurred_at', 'checksum'])
    .where('source', '=', source)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to);
  if (checksum) q = q.where('checksum', '=', checksum);
  return q.orderBy('occurred_at').execute();
}
