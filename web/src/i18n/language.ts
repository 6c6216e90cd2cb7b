import type { i18n } from 'i18next';

/** The console's languages: English and Simplified Chinese, complete in both. */
export type Language = 'en' | 'zh';

/** Every language, in the order the switch offers them. */
export const LANGUAGES: readonly Language[] = ['zh', 'en'];

/**
 * The language to start in: the one the person chose before (kept in local storage), else the first
 * of the browser's preferred languages that the console speaks, else English.
 */
export function detectLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (stored === 'en' || stored === 'zh') return stored;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The BCP 47 locale used for Intl formatting and the page's `lang` attribute. */
export function localeOf(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en-GB';
}

/** The current language of an i18next instance, narrowed to the console's two. */
export function languageOf(instance: Pick<i18n, 'language'>): Language {
  return instance.language === 'zh' ? 'zh' : 'en';
}
