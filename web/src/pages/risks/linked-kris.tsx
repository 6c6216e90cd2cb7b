import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatKriValue } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import { BandBadge } from './bits.js';
import type { Kri } from './types.js';

/** The KRIs linked to a risk, with their latest value and band (each links to its KRI page). */
export function LinkedKris({ ids }: { ids: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const kris = useApiData(`linked-kris:${ids.join(',')}`, async (api, signal) =>
    ids.length === 0
      ? []
      : await Promise.all(ids.map((id) => api.get<Kri>(`/kris/${encodeURIComponent(id)}`, {}, { signal }))),
  );
  return (
    <Panel title={t('risks.risk.kris')}>
      <LoadedView
        state={kris}
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title={t('risks.risk.noKris.title')} hint={t('risks.risk.noKris.hint')} />}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('risks.kris.name')}</th>
                <th className="num">{t('risks.kris.value')}</th>
                <th>{t('risks.kris.band')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((k) => (
                <tr key={k.id}>
                  <td>
                    <Link to={`/kris/${encodeURIComponent(k.id)}`}>{k.name[language]}</Link>
                  </td>
                  <td className="num">
                    {k.latest?.value === null || k.latest?.value === undefined
                      ? t('common.noData')
                      : formatKriValue(k.latest.value, k.unit, language)}
                  </td>
                  <td>
                    <BandBadge band={k.latest?.band} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedView>
    </Panel>
  );
}
