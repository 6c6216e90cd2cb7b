import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { languageOf } from '../../i18n/language.js';
import { ruleDiffs, shortValue } from './policy-data.js';
import type { PolicyDiff } from './types.js';

/**
 * What changed between two versions of a policy: rules added, removed or changed with their CEL
 * expressions before and after, then every other change by its summary in the reader's language.
 */
export function PolicyDiffView({ policyId, from, to }: { policyId: string; from: number; to: number }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const diff = useApiData(`policy-diff:${policyId}:${from}:${to}`, (api, signal) =>
    api.get<PolicyDiff>(`/policies/${encodeURIComponent(policyId)}/diff`, { from, to }, { signal }),
  );
  return (
    <LoadedView
      state={diff}
      isEmpty={(d) => d.changes.length === 0}
      empty={<EmptyState title={t('policies.diff.noneTitle')} hint={t('policies.diff.noneHint')} />}
    >
      {(d) => {
        const { rules, other } = ruleDiffs(d.changes);
        return (
          <div className="policy-diff">
            <p className="muted small">{t('policies.diff.between', { from: d.from, to: d.to })}</p>
            {rules.length > 0 && (
              <table className="table">
                <caption className="visually-hidden">{t('policies.diff.rules')}</caption>
                <thead>
                  <tr>
                    <th>{t('policies.diff.rule')}</th>
                    <th>{t('policies.diff.change')}</th>
                    <th>{t('policies.diff.before')}</th>
                    <th>{t('policies.diff.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rules.map((r) => (
                    <tr key={r.id} className={`diff-${r.kind}`}>
                      <td className="mono">{r.id}</td>
                      <td>
                        <span className={`badge diff-badge-${r.kind}`}>
                          {t(`policies.diff.kinds.${r.kind}`)}
                        </span>
                        {r.fields.length > 0 && (
                          <span className="muted small"> {r.fields.map((f) => f.field).join(', ')}</span>
                        )}
                      </td>
                      <td>
                        <code className="cel">{r.whenBefore ?? (r.kind === 'changed' ? '' : '—')}</code>
                        {r.fields
                          .filter((f) => f.field !== 'when')
                          .map((f) => (
                            <div key={f.field} className="small mono">
                              {f.field}: {shortValue(f.before)}
                            </div>
                          ))}
                      </td>
                      <td>
                        <code className="cel">{r.whenAfter ?? (r.kind === 'changed' ? '' : '—')}</code>
                        {r.fields
                          .filter((f) => f.field !== 'when')
                          .map((f) => (
                            <div key={f.field} className="small mono">
                              {f.field}: {shortValue(f.after)}
                            </div>
                          ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {other.length > 0 && (
              <ul className="compact-list">
                {other.map((c) => (
                  <li key={`${c.kind}:${c.path}`}>
                    <span className={`badge diff-badge-${c.kind}`}>{t(`policies.diff.kinds.${c.kind}`)}</span>{' '}
                    {c.summary[language]}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      }}
    </LoadedView>
  );
}
