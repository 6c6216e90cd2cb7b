/**
 * `list.change`: entries of a protected list added, removed or imported — or its protection lifted —
 * under four eyes (reference text 五.3: blacklists; 七: controls against internal misconduct). A
 * person with `list:write` (or `list:propose`, except for lifting the protection) submits; another person with `change:approve` approves, and the entries
 * are written in the approval's transaction. The content carries values only in their stored form
 * (keyed hashes for identity numbers, phones and cards, with masked displays), so neither the change
 * nor its audit entries ever hold a clear identifier; `validate` refuses any other form.
 */
import Type from 'typebox';
import Value from 'typebox/value';
import type { JsonValue } from '../../../kernel/canonical-json.js';
import type { ErrorField } from '../../../kernel/errors.js';
import type { RiskListEntryTable } from '../../../store/schema.js';
import { type ChangeKind, ChangeStale, ChangeTargetNotFound } from '../../identity/changes/index.js';
import * as repo from './repo.js';
import type { ListService } from './service.js';
import { isListKind, isStoredForm, LIST_KINDS, type ListKind } from './values.js';
import { actorText } from './views.js';

/** The operations a `list.change` can carry. */
export const LIST_CHANGE_OPS = ['add', 'remove', 'import', 'unprotect'] as const;

/** Most entries one change carries (its content is stored whole, in the change and its audit entry). */
export const MAX_CHANGE_ENTRIES = 10_000;

const Entry = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 300 }),
    display: Type.String({ maxLength: 300 }),
    reason: Type.String({ maxLength: 500 }),
    expires_at: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
  },
  { additionalProperties: false },
);

/** The content of a `list.change`, as stored. */
export const ListChangeContent = Type.Object(
  {
    op: Type.Union(LIST_CHANGE_OPS.map((op) => Type.Literal(op))),
    list_kind: Type.Union(LIST_KINDS.map((k) => Type.Literal(k))),
    source: Type.String({ minLength: 1, maxLength: 100 }),
    entries: Type.Array(Entry, { maxItems: MAX_CHANGE_ENTRIES }),
  },
  { additionalProperties: false },
);

/** One entry of a change. */
export interface ListChangeEntry {
  readonly value: string;
  readonly display: string;
  readonly reason: string;
  readonly expires_at: string | null;
}

/** What a `list.change` proposes. */
export interface ListChange {
  readonly op: (typeof LIST_CHANGE_OPS)[number];
  readonly list_kind: ListKind;
  readonly source: string;
  readonly entries: readonly ListChangeEntry[];
}

function problemsOf(content: unknown): ErrorField[] {
  const problems: ErrorField[] = [];
  for (const e of Value.Errors(ListChangeContent, content)) {
    if (e.keyword === 'boolean') continue; // repeated by the `additionalProperties` entry
    problems.push({ path: `body.content${e.instancePath.replaceAll('/', '.')}`, message: e.message });
    if (problems.length >= 20) return problems;
  }
  if (problems.length > 0) return problems;
  const change = content as ListChange;
  if (change.op === 'unprotect' ? change.entries.length > 0 : change.entries.length === 0) {
    problems.push({
      path: 'body.content.entries',
      message:
        change.op === 'unprotect' ? 'must be empty to lift the protection' : 'must hold at least one entry',
    });
  }
  const seen = new Set<string>();
  change.entries.forEach((entry, i) => {
    if (problems.length >= 20) return;
    const path = `body.content.entries.${i}`;
    if (!isListKind(change.list_kind) || !isStoredForm(change.list_kind, entry.value)) {
      problems.push({
        path: `${path}.value`,
        message: `must be in the stored form of a ${change.list_kind} list (never a clear identifier)`,
      });
    } else if (seen.has(entry.value)) {
      problems.push({ path: `${path}.value`, message: 'appears twice' });
    }
    seen.add(entry.value);
    if (change.op !== 'remove' && entry.reason.trim() === '')
      problems.push({ path: `${path}.reason`, message: 'must not be blank' });
    if (entry.expires_at !== null && !Number.isFinite(Date.parse(entry.expires_at))) {
      problems.push({ path: `${path}.expires_at`, message: 'must be a time' });
    }
  });
  return problems;
}

const VERB = {
  add: { en: 'Add', zh: '新增' },
  import: { en: 'Import', zh: '导入' },
  remove: { en: 'Remove', zh: '移除' },
} as const;

/**
 * Builds the `list.change` kind over `service`: target `{ type: 'risk_list', id: <name> }`,
 * fingerprint the list's version (any change to the list in between makes the request stale).
 */
export function listChangeKind(service: ListService): ChangeKind<ListChange> {
  return {
    kind: 'list.change',
    targetType: 'risk_list',
    submitPermission: 'list:write',
    // Proposing entries (a case worker's "block this device") needs no power to change lists: nothing
    // lands before another person approves. Lifting a list's protection stays with list:write.
    submitPermissionsFor: (content) =>
      (content as { op?: unknown } | null)?.op === 'unprotect'
        ? ['list:write']
        : ['list:write', 'list:propose'],
    contentSubmitPermissions: ['list:propose'],
    approvePermission: 'change:approve',
    title: { en: 'Change a protected block, allow or watch list', zh: '变更受保护的黑白名单或关注名单' },

    validate: (content) => problemsOf(content),

    describe({ target, content }) {
      if (content.op === 'unprotect') {
        return {
          en: `Lift the four-eyes protection of list ${target.id}`,
          zh: `取消名单 ${target.id} 的双人复核保护`,
        };
      }
      const shown = content.entries.slice(0, 5).map((e) => e.display);
      const more = content.entries.length - shown.length;
      const list = `${shown.join(', ')}${more > 0 ? ` (+${more})` : ''}`;
      const verb = VERB[content.op];
      return {
        en: `${verb.en} ${content.entries.length} entries ${content.op === 'remove' ? 'from' : 'to'} list ${target.id}: ${list}`,
        zh: `${verb.zh}名单 ${target.id} 的 ${content.entries.length} 个条目：${list}`,
      };
    },

    async fingerprint(db, target) {
      const row = await repo.findList(db, target.id);
      if (!row) throw ChangeTargetNotFound(`list ${target.id} does not exist`);
      return String(row.version);
    },

    async apply(trx, change): Promise<JsonValue> {
      const name = change.target.id;
      const content = change.content;
      const stale = (why: string) => ChangeStale(`list ${name} ${why} since this change was submitted`);
      const before = await repo.findList(trx, name);
      if (!before) throw stale('was deleted');
      if (before.kind !== content.list_kind)
        throw stale(`holds ${before.kind} values, not ${content.list_kind}`);
      // Conditional on the version the change was fingerprinted at: a writer that slipped in makes
      // this match nothing, and the change closes as stale instead of overwriting.
      const expected = Number(change.fingerprint);
      const set = content.op === 'unprotect' ? { protected: 0 } : {};
      const after = await repo.bumpVersion(trx, name, change.decided_at, expected, set);
      if (!after) throw stale('was changed');
      const result = {
        list: name,
        op: content.op,
        version: after.version,
        added: 0,
        updated: 0,
        removed: 0,
        absent: 0,
      };
      if (content.op === 'remove') {
        const gone = await repo.deleteEntries(
          trx,
          name,
          content.entries.map((e) => e.value),
        );
        return { ...result, removed: gone.length, absent: content.entries.length - gone.length };
      }
      if (content.op === 'unprotect') return result;
      const rows: RiskListEntryTable[] = content.entries.map((e) => ({
        list_name: name,
        value: e.value,
        display: e.display,
        reason: e.reason,
        source: content.source,
        created_by: actorText(change.maker),
        created_at: change.decided_at,
        expires_at: e.expires_at,
      }));
      const existed = await repo.upsertEntries(trx, rows);
      return { ...result, added: rows.length - existed.size, updated: existed.size };
    },

    afterCommit(change) {
      service.deps.onCommitted?.(change.target.id);
    },
  };
}
