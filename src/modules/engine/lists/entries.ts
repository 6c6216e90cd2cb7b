/**
 * The entry operations of `ListService`: add, remove, import and page. Each write moves the list's
 * version first (which also refuses a protected list and, on PostgreSQL, locks the list row), then
 * writes the entries and one audit entry, all in one transaction. Audit payloads carry the stored
 * value (the keyed hash for identity numbers, phones and cards) and the masked display, never the
 * clear value; an import's single entry carries only counts.
 */
import type { Transaction } from 'kysely';
import { isoUtc } from '../../../kernel/clock.js';
import type { Database, RiskListEntryTable, RiskListTable } from '../../../store/schema.js';
import type { Actor } from '../../audit/index.js';
import { ListEntryNotFound, ListInvalid, ListNotFound, ListProtected, ListValueInvalid } from './errors.js';
import { type ImportRow, prepareImport, reasonProblem } from './import.js';
import * as repo from './repo.js';
import type { ListService } from './service.js';
import { hasControlCharacter, normaliseValue, parseExpiry } from './values.js';
import { actorText, type EntryView, listTarget, toEntryView } from './views.js';

/** One entry to add. */
export interface EntryInput {
  readonly value: string;
  readonly reason: string;
  /** Where the listing comes from (`manual`, `court_judgment`, `fraud_case:123`); `manual` when absent. */
  readonly source?: string | undefined;
  /** RFC 3339 time after which the entry no longer matches; never when absent or null. */
  readonly expires_at?: string | null | undefined;
}

/** What adding did. */
export interface EntryResult {
  readonly status: 'added' | 'updated';
  readonly entry: EntryView;
}

/** Options of an import. */
export interface ImportOptions {
  /** Reason of rows that give none. */
  readonly reason?: string | undefined;
  /** Source recorded on every entry; `import` when absent. */
  readonly source?: string | undefined;
  /** Told how far reading and writing have got (work units: 2 per row). */
  readonly progress?: ((done: number, total: number) => void) | undefined;
}

/** What an import did, row by row. */
export interface ImportReport {
  readonly list: string;
  readonly rows: number;
  readonly added: number;
  readonly updated: number;
  readonly refused: number;
  /** The list's version after the import. */
  readonly version: number;
  /** Every data row in file order. */
  readonly results: ImportRow[];
}

/** Which entries to read. */
export interface EntryQuery {
  /** Continue after this stored value (the previous page's `next_after`). */
  readonly after?: string | undefined;
  readonly limit: number;
  /** Only the entry of this value (clear or stored form), if listed. */
  readonly value?: string | undefined;
}

/** A page of entries. */
export interface EntryPage {
  readonly items: EntryView[];
  readonly total: number;
  readonly next_after: string | null;
}

const DEFAULT_IMPORT_REASON = 'imported from a CSV file / 从 CSV 文件导入';

/** The source to record, or `FK_ERR_LIST_INVALID`. */
export function sourceOf(source: string | undefined, fallback: string, path = 'body.source'): string {
  const value = source?.trim() || fallback;
  if ([...value].length > 100 || hasControlCharacter(value)) {
    throw ListInvalid(`${path} must be at most 100 characters without control characters`, [
      { path, message: 'at most 100 characters, no control characters' },
    ]);
  }
  return value;
}

/** Refuses a blank or too long reason, naming `path`. */
export function requireReason(reason: string, path: string): string {
  const problem = reasonProblem(reason);
  if (problem) throw ListInvalid(`${path} ${problem}`, [{ path, message: problem }]);
  return reason.trim();
}

/**
 * Moves list `name` to its next version inside `trx`, refusing a missing or protected list: the
 * first statement of every direct entry write.
 */
export async function lockForWrite(
  trx: Transaction<Database>,
  name: string,
  at: string,
): Promise<RiskListTable> {
  const row = await repo.bumpVersion(trx, name, at);
  if (!row) throw ListNotFound(`list ${name} does not exist`);
  if (row.protected === 1) throw protectedList(name);
  return row;
}

/** The refusal of a direct change to a protected list, saying where to submit it instead. */
export function protectedList(name: string) {
  return ListProtected(
    `list ${name} is protected: submit the change for a second person's approval (POST /api/v1/lists/${name}/changes, or the console)`,
  );
}

/** See `ListService.add`. */
export async function addEntry(
  service: ListService,
  name: string,
  input: EntryInput,
  actor: Actor,
): Promise<EntryResult> {
  const { clock, hasher, audit } = service.deps;
  const list = await service.require(name);
  const value = normaliseValue(list.kind, input.value, hasher);
  if (!value.ok)
    throw ListValueInvalid(`body.value ${value.message}`, [{ path: 'body.value', message: value.message }]);
  const reason = requireReason(input.reason, 'body.reason');
  const source = sourceOf(input.source, 'manual');
  const now = clock.now();
  const expiry = parseExpiry(input.expires_at, now);
  if (!expiry.ok)
    throw ListInvalid(`body.expires_at ${expiry.message}`, [
      { path: 'body.expires_at', message: expiry.message },
    ]);
  const at = isoUtc(now);
  return service.commit(name, async (trx) => {
    const locked = await lockForWrite(trx, name, at);
    const row: RiskListEntryTable = {
      list_name: name,
      value: value.value,
      display: value.display,
      reason,
      source,
      created_by: actorText(actor),
      created_at: at,
      expires_at: expiry.value,
    };
    const status = (await repo.upsertEntries(trx, [row])).has(row.value) ? 'updated' : 'added';
    await audit.append(trx, {
      actor,
      action: 'list.entry.add',
      target: listTarget(name),
      payload: {
        value: row.value,
        display: row.display,
        reason,
        source,
        expires_at: row.expires_at,
        status,
        version: locked.version,
      },
    });
    return { status, entry: toEntryView(row, at) };
  });
}

/** See `ListService.remove`. */
export async function removeEntry(
  service: ListService,
  name: string,
  raw: string,
  reason: string,
  actor: Actor,
): Promise<EntryView> {
  const list = await service.require(name);
  const value = service.storedValue(list.kind, raw, 'value');
  const why = requireReason(reason, 'reason');
  const at = isoUtc(service.deps.clock.now());
  return service.commit(name, async (trx) => {
    const locked = await lockForWrite(trx, name, at);
    const [gone] = await repo.deleteEntries(trx, name, [value]);
    if (!gone) throw ListEntryNotFound(`the value is not in list ${name}`);
    await service.deps.audit.append(trx, {
      actor,
      action: 'list.entry.remove',
      target: listTarget(name),
      payload: { value: gone.value, display: gone.display, reason: why, version: locked.version },
    });
    return toEntryView(gone, at);
  });
}

/** See `ListService.import`. */
export async function importCsv(
  service: ListService,
  name: string,
  csv: string,
  options: ImportOptions,
  actor: Actor,
): Promise<ImportReport> {
  const { clock, hasher, audit } = service.deps;
  const list = await service.require(name);
  // Said before reading a large file; checked again, authoritatively, inside the transaction.
  if (list.protected === 1) throw protectedList(name);
  const defaultReason = options.reason?.trim()
    ? requireReason(options.reason, 'body.reason')
    : DEFAULT_IMPORT_REASON;
  const source = sourceOf(options.source, 'import');
  const now = clock.now();
  const at = isoUtc(now);
  const progress = options.progress;
  const prepared = prepareImport(
    list.kind,
    csv,
    defaultReason,
    hasher,
    now,
    progress && ((done, total) => progress(done, 2 * total)),
  );
  return service.commit(name, async (trx) => {
    const locked = await lockForWrite(trx, name, at);
    const rows: RiskListEntryTable[] = prepared.entries.map((e) => ({
      list_name: name,
      value: e.value,
      display: e.display,
      reason: e.reason,
      source,
      created_by: actorText(actor),
      created_at: at,
      expires_at: e.expires_at,
    }));
    const existed = await repo.upsertEntries(trx, rows, (done) =>
      progress?.(prepared.rows + done, 2 * prepared.rows),
    );
    const results: ImportRow[] = [
      ...prepared.entries.map(
        (e): ImportRow => ({
          row: e.row,
          line: e.line,
          status: existed.has(e.value) ? 'updated' : 'added',
          display: e.display,
        }),
      ),
      ...prepared.refused,
    ].sort((a, b) => a.row - b.row);
    const counts = {
      rows: prepared.rows,
      added: rows.length - existed.size,
      updated: existed.size,
      refused: prepared.refused.length,
    };
    await audit.append(trx, {
      actor,
      action: 'list.import',
      target: listTarget(name),
      payload: { ...counts, source, version: locked.version },
    });
    return { list: name, ...counts, version: locked.version, results };
  });
}

/** See `ListService.entries`. */
export async function pageOfEntries(
  service: ListService,
  name: string,
  query: EntryQuery,
): Promise<EntryPage> {
  const { db, clock } = service.deps;
  const list = await service.require(name);
  const at = isoUtc(clock.now());
  const total = await repo.countEntries(db, name);
  if (query.value !== undefined) {
    const row = await repo.findEntry(
      db,
      name,
      service.storedValue(list.kind, query.value, 'querystring.value'),
    );
    return { items: row ? [toEntryView(row, at)] : [], total, next_after: null };
  }
  const rows = await repo.pageEntries(db, name, { after: query.after, limit: query.limit });
  const last = rows.at(-1);
  return {
    items: rows.map((r) => toEntryView(r, at)),
    total,
    next_after: rows.length === query.limit && last ? last.value : null,
  };
}
