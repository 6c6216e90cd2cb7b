import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/i18n.js';
import { LANGUAGES, languageOf } from '../i18n/language.js';

/** Buttons naming each language in itself (中文, English); the current one is pressed. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = languageOf(i18n);
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('shell.language')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={language === current}
          onClick={() => void setLanguage(language)}
        >
          {t(`languages.${language}`)}
        </button>
      ))}
    </fieldset>
  );
}
