import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import { NONE } from './credit-ui.js';
import type { ScorecardView } from './types.js';
import './credit.css';

/** The registered scorecards with their published, previous and latest versions. */
export default function ScorecardsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const cards = useApiData('scorecards', (api, signal) =>
    api.get<ScorecardView[]>('/scorecards', {}, { signal }),
  );
  return (
    <Panel title={t('credit.scorecards.list')}>
      <LoadedView
        state={cards}
        isEmpty={(d) => d.length === 0}
        empty={
          <EmptyState title={t('credit.scorecards.empty.title')} hint={t('credit.scorecards.empty.hint')} />
        }
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('credit.scorecards.name')}</th>
                <th className="num">{t('credit.scorecards.published')}</th>
                <th className="num">{t('credit.scorecards.previous')}</th>
                <th className="num">{t('credit.scorecards.latest')}</th>
                <th>{t('credit.scorecards.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((card) => (
                <tr key={card.name}>
                  <td className="mono">
                    <Link to={`/scorecards/${encodeURIComponent(card.name)}`}>{card.name}</Link>
                  </td>
                  <td className="num">{card.published_version ?? NONE}</td>
                  <td className="num">{card.previous_version ?? NONE}</td>
                  <td className="num">{card.latest_version}</td>
                  <td>{formatDateTime(card.updated_at, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedView>
    </Panel>
  );
}
