/**
 * Labels of the words of cases, incidents, plans and drills, from the server's vocabulary (so a
 * word is translated once, on the server), and the name shown for who did something.
 */
import type { Language } from '../../i18n/language.js';
import type { Actor, Vocabulary, Word } from './types.js';

/** The list of the vocabulary a word belongs to. */
export type WordList = Exclude<keyof Vocabulary, 'due_hours'>;

/** The label of `value` in `list`, or the value itself when the vocabulary is not loaded or lacks it. */
export function wordLabel(
  vocabulary: Vocabulary | undefined,
  list: WordList,
  value: string,
  language: Language,
): string {
  const word = vocabulary?.[list].find((w: Word) => w.value === value);
  return word ? word.label[language] : value;
}

/** How an actor is shown: `me` for the signed-in person, `system` for the platform, else the id. */
export function actorKind(actor: Actor | null, me: string): 'me' | 'system' | 'none' | 'other' {
  if (actor === null) return 'none';
  if (actor.type === 'system') return 'system';
  return actor.type === 'user' && actor.id === me ? 'me' : 'other';
}

/** A case activity or incident timeline line, split so its words can be labelled. */
export interface ActivityParts {
  /** Status words: `from → to` (status moves), or the disposition (resolutions). */
  readonly from?: string;
  readonly to?: string;
  readonly disposition?: string;
  /** The assignee's id; null when unassigned. */
  readonly assignee?: string | null;
  /** The free text after the words (a reason or note), or the whole text of other kinds. */
  readonly text: string;
}

/**
 * Splits the text the server records for an activity of `kind` ("open → in_progress: reason",
 * "confirmed_fraud: note", "<user id>: note") into its words and its free text; other kinds keep
 * their text whole.
 */
export function activityParts(kind: string, text: string): ActivityParts {
  const rest = (s: string) => (s.startsWith(':') ? s.slice(1).trim() : s.trim());
  if (kind === 'status' || kind === 'reopen') {
    const move = /^([a-z_]+) → ([a-z_]+)(.*)$/s.exec(text);
    if (move) return { from: move[1], to: move[2], text: rest(move[3] ?? '') };
    const only = /^([a-z_]+)$/.exec(text);
    if (only) return { to: only[1], text: '' };
  }
  if (kind === 'resolution') {
    const found = /^([a-z_]+)(.*)$/s.exec(text);
    if (found) return { disposition: found[1], text: rest(found[2] ?? '') };
  }
  if (kind === 'assignment') {
    const index = text.indexOf(': ');
    const who = index === -1 ? text : text.slice(0, index);
    return { assignee: who === '-' ? null : who, text: index === -1 ? '' : text.slice(index + 2) };
  }
  return { text };
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z]/;

/**
 * One language of a text written in both as "中文 / English" (how the demo workspace and the
 * server's own timeline lines write bilingual free text): the Chinese side for `zh`, the English
 * side for `en`. With `spaced`, "中文 English" (a Chinese run, a space, then English — how plan
 * contacts are written) splits too. A text not split that way — a Chinese left side and an English
 * right side without Chinese — is returned whole.
 */
export function sideOf(text: string, language: Language, options: { spaced?: boolean } = {}): string {
  const match =
    /^([\s\S]*?[^\s/])\s*\/\s+([\s\S]+)$/.exec(text) ??
    (options.spaced ? /^([^A-Za-z]+?)\s+([A-Za-z][\s\S]*)$/.exec(text) : null);
  if (!match) return text;
  const zh = (match[1] ?? '').trim();
  const en = (match[2] ?? '').trim();
  if (!CJK.test(zh) || CJK.test(en) || !LATIN.test(en)) return text;
  return language === 'zh' ? zh : en;
}
