import { useTranslation } from 'react-i18next';

const STEPS = [1, 2, 3, 4, 5] as const;

/**
 * Likelihood and impact selects (1–5) for one grading, named `<name>_likelihood` and `<name>_impact`
 * so `gradingIn` reads them back.
 */
export function GradingFields({
  name,
  legend,
  initial,
}: {
  name: string;
  legend: string;
  initial: { likelihood: number; impact: number };
}) {
  const { t } = useTranslation();
  const select = (part: 'likelihood' | 'impact') => (
    <label>
      {t(`risks.heatmap.${part}`)}
      <select name={`${name}_${part}`} defaultValue={String(initial[part])}>
        {STEPS.map((s) => (
          <option key={s} value={s}>
            {t(`risks.steps.${part}.${s}`)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="grading-fields">
      <legend>{legend}</legend>
      {select('likelihood')}
      {select('impact')}
    </fieldset>
  );
}

/** A pair of English and Chinese fields for one bilingual text (`<name>_en`, `<name>_zh`). */
export function BilingualFields({
  name,
  label,
  initial,
  multiline,
}: {
  name: string;
  label: string;
  initial?: { en: string; zh: string };
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const field = (lang: 'en' | 'zh') => {
    const text = t(`risks.form.in.${lang}`, { field: label });
    const common = {
      name: `${name}_${lang}`,
      defaultValue: initial?.[lang] ?? '',
      maxLength: 500,
      lang: lang === 'zh' ? 'zh-CN' : 'en',
    };
    return multiline ? (
      <label>
        {text}
        <textarea rows={2} {...common} />
      </label>
    ) : (
      <label>
        {text}
        <input {...common} />
      </label>
    );
  };
  return (
    <>
      {field('en')}
      {field('zh')}
    </>
  );
}
