/**
 * Lists and entries as the API, the CLI and the console show them: booleans instead of 0/1, the
 * description as text in both languages, the author as an actor, and entries only in their stored
 * form (keyed hash for identity numbers, phones and cards) with the masked display beside it.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { RiskListEntryTable, RiskListTable } from '../../../store/schema.js';
import type { Actor } from '../../audit/index.js';
import { isHashedKind, type ListKind, type ListPurpose } from './values.js';

/** A list as shown. */
export interface ListView {
  readonly name: string;
  readonly kind: ListKind;
  readonly purpose: ListPurpose;
  /** Changes to its entries (and lifting the protection) need a second person's approval. */
  readonly protected: boolean;
  /** Whether values are stored as keyed hashes (identity numbers, phones, cards). */
  readonly hashed: boolean;
  readonly description: Text;
  readonly created_by: Actor;
  readonly created_at: string;
  readonly updated_at: string;
  /** Moves with every change of the list or its entries. */
  readonly version: number;
  /** Number of entries, expired ones included. */
  readonly entries: number;
}

/** An entry as shown: never the clear value of a hashed kind. */
export interface EntryView {
  /** The stored value: the keyed hash for hashed kinds (use it to remove the entry), else the value. */
  readonly value: string;
  /** Masked for hashed kinds, the value itself otherwise. */
  readonly display: string;
  readonly reason: string;
  readonly source: string;
  readonly created_by: Actor;
  readonly created_at: string;
  readonly expires_at: string | null;
  /** Whether the entry has expired at the time of reading (it no longer matches). */
  readonly expired: boolean;
}

/** The audit (and change) target of a list. */
export function listTarget(name: string): { type: string; id: string } {
  return { type: 'risk_list', id: name };
}

/** The stored text of an actor (`user:<id>`, `system:cli`): the entry tables keep one column. */
export function actorText(actor: Actor): string {
  return `${actor.type}:${actor.id}`;
}

/** The actor of a stored text; an unreadable one is shown as the system. */
export function actorOf(text: string): Actor {
  const colon = text.indexOf(':');
  const type = text.slice(0, colon);
  if (colon > 0 && (type === 'user' || type === 'api_key' || type === 'system')) {
    return { type, id: text.slice(colon + 1) };
  }
  return { type: 'system', id: text };
}

/** The description of a stored list: canonical JSON `{en, zh}`. */
export function descriptionOf(row: Pick<RiskListTable, 'description'>): Text {
  try {
    const parsed = JSON.parse(row.description) as Partial<Text>;
    return { en: String(parsed.en ?? ''), zh: String(parsed.zh ?? '') };
  } catch {
    return { en: row.description, zh: row.description };
  }
}

/** A stored list as shown. */
export function toListView(row: RiskListTable, entries: number): ListView {
  return {
    name: row.name,
    kind: row.kind as ListKind,
    purpose: row.purpose,
    protected: row.protected === 1,
    hashed: isHashedKind(row.kind),
    description: descriptionOf(row),
    created_by: actorOf(row.created_by),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
    entries,
  };
}

/** A stored entry as shown at `at` (ISO time). */
export function toEntryView(row: RiskListEntryTable, at: string): EntryView {
  return {
    value: row.value,
    display: row.display,
    reason: row.reason,
    source: row.source,
    created_by: actorOf(row.created_by),
    created_at: row.created_at,
    expires_at: row.expires_at,
    expired: row.expires_at !== null && row.expires_at <= at,
  };
}
