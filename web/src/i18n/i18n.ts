import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { detectLanguage, type Language, localeOf } from './language.js';
import { MESSAGES } from './messages.js';

/** Where the chosen language is remembered. */
const STORAGE_KEY = 'fengkong.language';

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be disabled (private mode, policy): the browser's languages decide then.
    return null;
  }
}

/** Starts i18next in the detected language and keeps `<html lang>` in step with it. */
export async function initI18n(): Promise<i18n> {
  const language = detectLanguage(storedLanguage(), navigator.languages ?? [navigator.language]);
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = localeOf(lng === 'zh' ? 'zh' : 'en');
  });
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: MESSAGES.en }, zh: { translation: MESSAGES.zh } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = localeOf(language);
  return i18next;
}

/** Switches the language and remembers the choice for the next visit. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered when storage is unavailable; the switch still applies to this visit.
  }
  await i18next.changeLanguage(language);
}
