/**
 * `setting.change`: an installation setting (a row of the `setting` table) changed under four eyes.
 * Settings steer how the whole platform behaves (password rotation, session limits, workspace
 * facts), so reference text 七 (controls against internal misconduct) wants a second person on them.
 */
import { createHash } from 'node:crypto';
import Type from 'typebox';
import Value from 'typebox/value';
import type { ErrorField } from '../../../kernel/errors.js';
import type { Executor } from '../../../store/transaction.js';
import { ChangeStale } from './errors.js';
import type { ChangeKind, ChangeTarget } from './registry.js';

/** The content of a `setting.change`: the new value, as the text the setting stores. */
export const SettingChangeContent = Type.Object(
  { value: Type.String({ maxLength: 10_000 }) },
  { additionalProperties: false },
);

/** What `setting.change` proposes. */
export interface SettingChange {
  readonly value: string;
}

/** Options of the `setting.change` kind. */
export interface SettingChangeOptions {
  /** Keys only Fengkong itself writes (the workspace record); refused as targets. */
  readonly reserved?: readonly string[];
}

const KEY = /^[a-z][a-z0-9_.-]{0,99}$/;

/** The fingerprint of a key that has no row yet. */
export const ABSENT_SETTING = 'absent';

/** The fingerprint of a setting: a SHA-256 of its value, or `absent`. */
export function settingFingerprint(value: string | undefined): string {
  return value === undefined ? ABSENT_SETTING : `sha256:${createHash('sha256').update(value).digest('hex')}`;
}

async function currentValue(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/**
 * Builds the `setting.change` kind: submitted with `change:submit`, approved with `change:approve`,
 * target `{ type: 'setting', id: <key> }`, content `{ value }`. Applying it upserts the row.
 */
export function settingChangeKind(options: SettingChangeOptions = {}): ChangeKind<SettingChange> {
  const reserved = new Set(options.reserved ?? ['workspace']);
  return {
    kind: 'setting.change',
    targetType: 'setting',
    submitPermission: 'change:submit',
    approvePermission: 'change:approve',
    title: { en: 'Change an installation setting', zh: '修改系统设置' },

    validate(content: unknown, target: ChangeTarget): readonly ErrorField[] {
      const problems: ErrorField[] = [];
      if (!KEY.test(target.id)) {
        problems.push({
          path: 'body.target.id',
          message: 'must be a setting key: lowercase letters, digits, ".", "_" or "-", at most 100',
        });
      } else if (reserved.has(target.id)) {
        problems.push({ path: 'body.target.id', message: `${target.id} is maintained by Fengkong itself` });
      }
      for (const e of Value.Errors(SettingChangeContent, content)) {
        if (e.keyword === 'boolean') continue; // repeated by the `additionalProperties` entry
        problems.push({ path: `body.content${e.instancePath.replaceAll('/', '.')}`, message: e.message });
      }
      return problems;
    },

    describe({ target, content }) {
      return {
        en: `Set ${target.id} to ${JSON.stringify(content.value)}`,
        zh: `将设置 ${target.id} 修改为 ${JSON.stringify(content.value)}`,
      };
    },

    async fingerprint(db, target) {
      return settingFingerprint(await currentValue(db, target.id));
    },

    async apply(trx, change) {
      const key = change.target.id;
      const { value } = change.content;
      const at = change.decided_at;
      const previous = await currentValue(trx, key);
      const stale = () => ChangeStale(`setting ${key} was changed while this change was being approved`);
      if (settingFingerprint(previous) !== change.fingerprint) throw stale();
      // The write is conditional on the value the fingerprint was taken of, so a writer that slips in
      // between the service's fingerprint check and this write is detected rather than overwritten.
      const written =
        previous === undefined
          ? (
              await trx
                .insertInto('setting')
                .values({ key, value, updated_at: at })
                .onConflict((oc) => oc.column('key').doNothing())
                .executeTakeFirst()
            ).numInsertedOrUpdatedRows === 1n
          : (
              await trx
                .updateTable('setting')
                .set({ value, updated_at: at })
                .where('key', '=', key)
                .where('value', '=', previous)
                .executeTakeFirst()
            ).numUpdatedRows === 1n;
      if (!written) throw stale();
      return { key, previous: previous ?? null, value };
    },
  };
}
