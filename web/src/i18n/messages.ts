/**
 * The console's messages in both languages: the shared `en.json` / `zh.json` and one file per section
 * of the console (`sections/<section>.<lang>.json`, each holding the single top-level key of its
 * section), so that each group of pages keeps its strings beside the others without editing one
 * shared file. A key defined twice is a mistake and fails at start-up (and in the messages test).
 */
import en from './en.json';
import creditEn from './sections/credit.en.json';
import creditZh from './sections/credit.zh.json';
import policiesEn from './sections/policies.en.json';
import policiesZh from './sections/policies.zh.json';
import responseEn from './sections/response.en.json';
import responseZh from './sections/response.zh.json';
import risksEn from './sections/risks.en.json';
import risksZh from './sections/risks.zh.json';
import zh from './zh.json';

/** A nested messages object as i18next takes it. */
export type MessageTree = { readonly [key: string]: string | MessageTree };

/** Joins message trees whose top-level keys are disjoint; throws on a key defined twice. */
export function mergeMessages(...trees: readonly MessageTree[]): MessageTree {
  const out: Record<string, string | MessageTree> = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      if (key in out) throw new Error(`console message section "${key}" is defined twice`);
      out[key] = value;
    }
  }
  return out;
}

/** Every message of the console, by language. */
export const MESSAGES: Readonly<Record<'en' | 'zh', MessageTree>> = {
  en: mergeMessages(en, policiesEn, creditEn, risksEn, responseEn),
  zh: mergeMessages(zh, policiesZh, creditZh, risksZh, responseZh),
};
