/**
 * Block, allow and watch lists (reference text 五.3 blacklists; 七 monitoring): create and describe
 * lists, add and remove entries with a reason, import CSV files, and page through entries masked.
 * Every state change commits with its audit entry in one transaction, and clear identity numbers,
 * phones and cards never reach the database or the audit log: they are hashed on the way in.
 * A protected list refuses direct changes; they go through four eyes (`list-change.ts`).
 */
import type { Kysely, Transaction } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Text } from '../../../kernel/i18n.js';
import type { Database, RiskListTable } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import type { ChangeCaller, ChangeService, ChangeView } from '../../identity/changes/index.js';
import type { IdentifierHasher } from '../contracts.js';
import { type ListChangeRequest, submitListChange } from './change-requests.js';
import {
  addEntry,
  type EntryInput,
  type EntryPage,
  type EntryQuery,
  type EntryResult,
  type ImportOptions,
  type ImportReport,
  importCsv,
  pageOfEntries,
  removeEntry,
} from './entries.js';
import {
  ListChangePending,
  ListExists,
  ListInvalid,
  ListNotFound,
  ListProtected,
  ListValueInvalid,
} from './errors.js';
import * as repo from './repo.js';
import {
  isListKind,
  LIST_NAME,
  LIST_PURPOSES,
  type ListKind,
  type ListPurpose,
  storedValueOf,
} from './values.js';
import { actorText, descriptionOf, type ListView, listTarget, toListView } from './views.js';

/** Dependencies of the list service. */
export interface ListServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly hasher: IdentifierHasher;
  /** Four-eyes changes: submitting list changes, and refusing to delete a list while one is pending. */
  readonly changes?: ChangeService;
  /** Told the name of every list whose change this process committed (snapshots reload it at once). */
  readonly onCommitted?: (name: string) => void;
}

/** A new list. */
export interface NewList {
  readonly name: string;
  readonly kind: string;
  readonly purpose: string;
  readonly protected?: boolean;
  readonly description?: Partial<Text>;
}

/** What `update` may change. */
export interface ListPatch {
  readonly description?: Partial<Text>;
  readonly protected?: boolean;
}

/** A description in both languages from what a person gave (one language fills the other). */
export function describeIn(description: Partial<Text> | undefined): Text {
  const en = description?.en?.trim() ?? '';
  const zh = description?.zh?.trim() ?? '';
  if ([...en].length > 500 || [...zh].length > 500)
    throw ListInvalid('body.description must be at most 500 characters');
  return { en: en || zh, zh: zh || en };
}

/** The list service (entry operations are implemented in `entries.ts`). */
export class ListService {
  constructor(readonly deps: ListServiceDeps) {}

  /** Adds one entry, or overwrites its reason, source and expiry when the value is already listed. */
  add(name: string, input: EntryInput, actor: Actor): Promise<EntryResult> {
    return addEntry(this, name, input, actor);
  }

  /** Removes one entry, named by its clear value or (hashed kinds) its stored hash. */
  remove(name: string, value: string, reason: string, actor: Actor) {
    return removeEntry(this, name, value, reason, actor);
  }

  /** Imports a CSV file in one transaction with one audit entry; per-row results. */
  import(name: string, csv: string, options: ImportOptions, actor: Actor): Promise<ImportReport> {
    return importCsv(this, name, csv, options, actor);
  }

  /**
   * Submits a four-eyes change to list `name` (values normalised and hashed first); the way to
   * change a protected list, and the only way to lift its protection.
   */
  submitChange(caller: ChangeCaller, name: string, request: ListChangeRequest): Promise<ChangeView> {
    return submitListChange(this, caller, name, request);
  }

  /** A page of entries, masked, ordered by stored value. */
  entries(name: string, query: EntryQuery): Promise<EntryPage> {
    return pageOfEntries(this, name, query);
  }

  /** Creates a list; refused for a bad name, kind or purpose, or a name in use. */
  async create(input: NewList, actor: Actor): Promise<ListView> {
    if (!LIST_NAME.test(input.name)) {
      throw ListInvalid('body.name must be a lowercase letter then up to 63 lowercase letters, digits or _', [
        { path: 'body.name', message: 'must match ^[a-z][a-z0-9_]{0,63}$' },
      ]);
    }
    if (!isListKind(input.kind))
      throw ListInvalid(`body.kind ${JSON.stringify(input.kind)} is not a list kind`);
    if (!(LIST_PURPOSES as readonly string[]).includes(input.purpose)) {
      throw ListInvalid(`body.purpose must be one of ${LIST_PURPOSES.join(', ')}`);
    }
    const at = isoUtc(this.deps.clock.now());
    const row: RiskListTable = {
      name: input.name,
      kind: input.kind,
      purpose: input.purpose as ListPurpose,
      protected: input.protected ? 1 : 0,
      description: canonicalJson(describeIn(input.description)),
      created_by: actorText(actor),
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await this.commit(row.name, async (trx) => {
      if (!(await repo.insertList(trx, row))) throw ListExists(`list ${row.name} already exists`);
      await this.deps.audit.append(trx, {
        actor,
        action: 'list.create',
        target: listTarget(row.name),
        payload: {
          kind: row.kind,
          purpose: row.purpose,
          protected: row.protected === 1,
          description: describeIn(input.description),
        },
      });
    });
    return toListView(row, 0);
  }

  /** One list with its entry count; `FK_ERR_LIST_NOT_FOUND` otherwise. */
  async get(name: string): Promise<ListView> {
    const row = await this.require(name);
    return toListView(row, await repo.countEntries(this.deps.db, name));
  }

  /** Every list, by name, with entry counts. */
  async list(): Promise<ListView[]> {
    return (await repo.allLists(this.deps.db)).map((row) => toListView(row, row.entries));
  }

  /** The stored list; `FK_ERR_LIST_NOT_FOUND` otherwise. */
  async require(name: string): Promise<RiskListTable & { kind: ListKind }> {
    const row = await repo.findList(this.deps.db, name);
    if (!row) throw ListNotFound(`list ${name} does not exist`);
    return row as RiskListTable & { kind: ListKind };
  }

  /**
   * Changes the description, or protects the list. Lifting the protection is refused here: it would
   * let one person change a protected list alone, so it is itself a four-eyes change (op
   * `unprotect`, submitted through `POST /lists/{name}/changes`).
   */
  async update(name: string, patch: ListPatch, actor: Actor): Promise<ListView> {
    if (patch.description === undefined && patch.protected === undefined) {
      throw ListInvalid('nothing to change: give description or protected', [
        { path: 'body', message: 'must have description or protected' },
      ]);
    }
    const row = await this.commit(name, async (trx) => {
      const before = await repo.findList(trx, name);
      if (!before) throw ListNotFound(`list ${name} does not exist`);
      if (before.protected === 1 && patch.protected === false) {
        throw ListProtected(
          `list ${name} is protected: lifting the protection needs a second person; submit an unprotect change`,
        );
      }
      const description = patch.description === undefined ? undefined : describeIn(patch.description);
      const set = {
        ...(description ? { description: canonicalJson(description) } : {}),
        ...(patch.protected === undefined ? {} : { protected: patch.protected ? 1 : 0 }),
      };
      const after = await repo.bumpVersion(trx, name, isoUtc(this.deps.clock.now()), undefined, set);
      if (!after) throw ListNotFound(`list ${name} does not exist`);
      await this.deps.audit.append(trx, {
        actor,
        action: 'list.update',
        target: listTarget(name),
        payload: {
          before: { description: descriptionOf(before), protected: before.protected === 1 },
          after: { description: descriptionOf(after), protected: after.protected === 1 },
          version: after.version,
        },
      });
      return after;
    });
    return this.get(row.name);
  }

  /**
   * Deletes a list and its entries. Refused for a protected list (lift the protection through four
   * eyes first) and while a change to the list awaits approval.
   */
  async delete(name: string, actor: Actor): Promise<{ name: string; entries: number }> {
    const pending = await this.deps.changes?.list({
      status: 'pending',
      kind: 'list.change',
      targetType: 'risk_list',
      targetId: name,
      limit: 1,
    });
    if (pending && pending.length > 0) {
      throw ListChangePending(`list ${name} has change ${pending[0]!.id} awaiting approval`);
    }
    return this.commit(name, async (trx) => {
      const row = await repo.findList(trx, name);
      if (!row) throw ListNotFound(`list ${name} does not exist`);
      if (row.protected === 1) {
        throw ListProtected(
          `list ${name} is protected: lift the protection through a four-eyes change before deleting it`,
        );
      }
      const entries = await repo.deleteList(trx, name);
      await this.deps.audit.append(trx, {
        actor,
        action: 'list.delete',
        target: listTarget(name),
        payload: { kind: row.kind, purpose: row.purpose, entries, version: row.version },
      });
      return { name, entries };
    });
  }

  /**
   * The stored value a person means (clear identifier, stored hash, or plain value) for a list of
   * `kind`; `FK_ERR_LIST_VALUE_INVALID` naming `path` otherwise.
   */
  storedValue(kind: ListKind, raw: string, path: string): string {
    const result = storedValueOf(kind, raw, this.deps.hasher);
    if (!result.ok) throw ListValueInvalid(`${path} ${result.message}`, [{ path, message: result.message }]);
    return result.value;
  }

  /**
   * Runs `work` in one transaction and, once it has committed, tells the snapshots that list `name`
   * changed. Nothing is announced for work that threw (the transaction rolled back).
   */
  async commit<T>(name: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const result = await transact(this.deps.db, work);
    this.deps.onCommitted?.(name);
    return result;
  }
}
