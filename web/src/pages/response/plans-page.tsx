import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import { useSession } from '../../session/session.js';
import { Minutes, useWords } from './shared.js';
import type { PlanSummary } from './types.js';

/**
 * The emergency plans: scenario, current version, recovery objectives, how often each must be
 * drilled, when it last was and whether the next drill is overdue; people who work incidents
 * write a new plan from here.
 */
export default function PlansPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const word = useWords();
  const { can } = useSession();
  const newPlan = can('case:work') && (
    <Link to="/plans/new" className="response-button-link">
      {t('response.planForm.newPlan')}
    </Link>
  );
  const plans = useApiData('plans', (api, signal) =>
    api.get<{ items: PlanSummary[] }>('/plans', {}, { signal }),
  );
  return (
    <>
      {newPlan && <div className="response-actions response-toolbar">{newPlan}</div>}
      <LoadedView
        state={plans}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('response.plans.empty.title')} hint={t('response.plans.empty.hint')} />}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('response.plans.plan')}</th>
                <th>{t('response.plans.scenario')}</th>
                <th className="num">{t('response.plans.version')}</th>
                <th className="num">{t('response.plans.steps')}</th>
                <th>{t('response.plans.rto')}</th>
                <th>{t('response.plans.lastDrill')}</th>
                <th>{t('response.plans.nextDrill')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/plans/${encodeURIComponent(p.id)}`}>{p.title[language]}</Link>
                  </td>
                  <td>{word('incident_types', p.scenario)}</td>
                  <td className="num">v{p.current_version}</td>
                  <td className="num">{p.steps}</td>
                  <td>
                    <Minutes value={p.rto_minutes} />
                  </td>
                  <td>
                    {p.last_drill_at ? (
                      formatDateTime(p.last_drill_at, language)
                    ) : (
                      <span className="muted">{t('response.plans.neverDrilled')}</span>
                    )}
                  </td>
                  <td>
                    {formatDateTime(p.next_drill_due, language)}
                    {p.drill_overdue && (
                      <span className="badge overdue">{t('response.plans.drillOverdue')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedView>
    </>
  );
}
