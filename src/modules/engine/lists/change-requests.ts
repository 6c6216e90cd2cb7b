/**
 * Submitting a `list.change`: what a person typed (values in clear, or a CSV file) is normalised and
 * hashed here, before the change is stored, so the change request, its audit entry and the approver
 * only ever see stored forms and masked displays. A submission is all or nothing: a bad value or a
 * refused CSV row refuses it, because the approver must sign off exactly what will be applied.
 */
import type { ErrorField } from '../../../kernel/errors.js';
import type { ChangeCaller, ChangeView } from '../../identity/changes/index.js';
import { requireReason, sourceOf } from './entries.js';
import { ListImportInvalid, ListInvalid, ListValueInvalid } from './errors.js';
import { prepareImport } from './import.js';
import { type ListChange, type ListChangeEntry, MAX_CHANGE_ENTRIES } from './list-change.js';
import * as repo from './repo.js';
import type { ListService } from './service.js';
import { normaliseValue, parseExpiry, storedValueOf } from './values.js';
import { listTarget } from './views.js';

/** What a person submits for a list. */
export interface ListChangeRequest {
  readonly op: ListChange['op'];
  /** Why: the change's reason, and the reason of entries that give none. */
  readonly reason: string;
  /** For `add` and `remove`: values in clear (or, to remove from a hashed list, the stored hash). */
  readonly entries?:
    | readonly {
        readonly value: string;
        readonly reason?: string | undefined;
        readonly expires_at?: string | null | undefined;
      }[]
    | undefined;
  /** For `import`: the CSV file (`value,reason,expires_at`). */
  readonly csv?: string | undefined;
  readonly source?: string | undefined;
}

const SHOWN_PROBLEMS = 20;

function refuse(problems: readonly ErrorField[], factory = ListValueInvalid): never {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw factory(`${first.path} ${first.message}${more}`, problems.slice(0, SHOWN_PROBLEMS));
}

/** Normalises a request into the content of a `list.change` for list `name`. */
export async function prepareListChange(
  service: ListService,
  name: string,
  request: ListChangeRequest,
): Promise<ListChange> {
  const { hasher, clock, db } = service.deps;
  const list = await service.require(name);
  const reason = requireReason(request.reason, 'body.reason');
  const given = request.entries ?? [];
  const base = {
    list_kind: list.kind,
    source: sourceOf(request.source, request.op === 'import' ? 'import' : 'manual'),
  };
  if (request.op === 'unprotect') {
    if (list.protected !== 1) throw ListInvalid(`list ${name} is not protected`);
    if (given.length > 0 || request.csv)
      throw ListInvalid('body.entries must be absent to lift the protection');
    return { op: 'unprotect', ...base, entries: [] };
  }
  if (request.op === 'import') {
    if (!request.csv)
      throw ListInvalid('body.csv is required to import', [{ path: 'body.csv', message: 'is required' }]);
    const prepared = prepareImport(list.kind, request.csv, reason, hasher, clock.now());
    if (prepared.refused.length > 0) {
      refuse(
        prepared.refused.map((r) => ({
          path: `row ${r.row} (line ${r.line})`,
          message: r.message ?? 'refused',
        })),
        ListImportInvalid,
      );
    }
    return {
      op: 'import',
      ...base,
      entries: bounded(
        prepared.entries.map(({ value, display, reason: why, expires_at }) => ({
          value,
          display,
          reason: why,
          expires_at,
        })),
      ),
    };
  }
  if (given.length === 0)
    throw ListInvalid(`body.entries must hold at least one value to ${request.op}`, [
      { path: 'body.entries', message: 'must not be empty' },
    ]);
  const problems: ErrorField[] = [];
  const entries: ListChangeEntry[] = [];
  const seen = new Set<string>();
  const now = clock.now();
  for (const [i, entry] of given.entries()) {
    const path = `body.entries.${i}`;
    const read =
      request.op === 'remove'
        ? storedValueOf(list.kind, entry.value, hasher)
        : normaliseValue(list.kind, entry.value, hasher);
    if (!read.ok) {
      problems.push({ path: `${path}.value`, message: read.message });
      continue;
    }
    if (seen.has(read.value)) {
      problems.push({ path: `${path}.value`, message: 'appears twice' });
      continue;
    }
    seen.add(read.value);
    const expiry = parseExpiry(entry.expires_at, now);
    if (!expiry.ok) problems.push({ path: `${path}.expires_at`, message: expiry.message });
    const why = entry.reason?.trim() || reason;
    if (request.op === 'remove') {
      const stored = await repo.findEntry(db, name, read.value);
      if (!stored) problems.push({ path: `${path}.value`, message: `is not in list ${name}` });
      else entries.push({ value: stored.value, display: stored.display, reason: why, expires_at: null });
    } else {
      entries.push({
        value: read.value,
        display: read.display,
        reason: why,
        expires_at: expiry.ok ? expiry.value : null,
      });
    }
  }
  if (problems.length > 0) refuse(problems);
  return { op: request.op, ...base, entries: bounded(entries) };
}

function bounded(entries: ListChangeEntry[]): ListChangeEntry[] {
  if (entries.length === 0) throw ListImportInvalid('the file has no data rows');
  if (entries.length > MAX_CHANGE_ENTRIES) {
    throw ListInvalid(
      `one change carries at most ${MAX_CHANGE_ENTRIES} entries; split it into several changes`,
    );
  }
  return entries;
}

/**
 * Prepares and submits a `list.change` through the four-eyes service, as `caller`; refused as the
 * change service refuses (`FK_ERR_CHANGE_FORBIDDEN` without `list:write`, …).
 */
export async function submitListChange(
  service: ListService,
  caller: ChangeCaller,
  name: string,
  request: ListChangeRequest,
): Promise<ChangeView> {
  const changes = service.deps.changes;
  if (!changes) throw new Error('ListService was composed without the change service');
  const content = await prepareListChange(service, name, request);
  return changes.submit(caller, {
    kind: 'list.change',
    target: listTarget(name),
    content,
    reason: request.reason.trim(),
  });
}
