import { useTranslation } from 'react-i18next';
import { languageOf } from '../../i18n/language.js';
import { periodLabel } from './period-label.js';
import type { Kri } from './types.js';

/**
 * Where a KRI's value comes from: a built-in metric, pushed values or a formula over other KRIs; `brief`
 * keeps the metric or formula for the tooltip (the list stays narrow).
 */
export function SourceText({ kri, brief }: { kri: Pick<Kri, 'source'>; brief?: boolean }) {
  const { t } = useTranslation();
  const source = kri.source;
  if (brief) {
    const detail =
      source.kind === 'builtin' ? source.metric : source.kind === 'formula' ? source.expression : '';
    return <span title={detail || undefined}>{t(`risks.kri.sources.${source.kind}`)}</span>;
  }
  return (
    <>
      {t(`risks.kri.sources.${source.kind}`)}
      {source.kind === 'builtin' && <div className="mono small muted">{source.metric}</div>}
      {source.kind === 'formula' && <div className="mono small muted">{source.expression}</div>}
    </>
  );
}

/** A period of the KRI, named by its start as its frequency suggests. */
export function PeriodText({ kri, start }: { kri: Pick<Kri, 'frequency'>; start: string }) {
  const { i18n } = useTranslation();
  return <>{periodLabel(kri.frequency, start, languageOf(i18n))}</>;
}
