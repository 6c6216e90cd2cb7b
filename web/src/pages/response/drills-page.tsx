import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { pageCount } from './case-query.js';
import { Minutes, Pager, useWords, WordBadge } from './shared.js';
import type { Drill, PageOf, PlanSummary } from './types.js';

const PAGE_SIZE = 25;

/**
 * Drills, newest first, filtered on the server by plan and status and paged: the plan drilled, when,
 * how it went against the plan's recovery time objective, and whether the plan is now overdue for
 * its next drill.
 */
export default function DrillsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const word = useWords();
  const { search } = useLocation();
  const planId = search.get('plan') ?? '';
  const status = ['in_progress', 'finished'].find((s) => s === search.get('status')) ?? '';
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const plans = useApiData('plans', (api, signal) =>
    api.get<{ items: PlanSummary[] }>('/plans', {}, { signal }),
  );
  const drills = useApiData(`drills?${planId}:${status}:${page}`, (api, signal) =>
    api.get<PageOf<Drill>>(
      '/drills',
      {
        plan_id: planId || undefined,
        status: status || undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      },
      { signal },
    ),
  );
  const planOf = (id: string) => plans.data?.items.find((p) => p.id === id);
  const go = (next: { plan?: string; status?: string; page?: number }) => {
    const params = new URLSearchParams();
    const p = next.plan ?? planId;
    const s = next.status ?? status;
    if (p) params.set('plan', p);
    if (s) params.set('status', s);
    if ((next.page ?? 1) > 1) params.set('page', String(next.page));
    navigate(params.size ? `/drills?${params}` : '/drills');
  };

  return (
    <>
      <form
        className="filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('response.drills.filters')}
      >
        <label>
          {t('response.drills.plan')}
          <select value={planId} onChange={(e) => go({ plan: e.target.value })}>
            <option value="">{t('common.any')}</option>
            {plans.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('response.drills.status')}
          <select value={status} onChange={(e) => go({ status: e.target.value })}>
            <option value="">{t('common.any')}</option>
            <option value="in_progress">{t('response.drills.inProgress')}</option>
            <option value="finished">{t('response.drills.finished')}</option>
          </select>
        </label>
      </form>
      <LoadedView
        state={drills}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('response.drills.empty.title')} hint={t('response.drills.empty.hint')} />}
      >
        {(data) => (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('response.drills.date')}</th>
                  <th>{t('response.drills.plan')}</th>
                  <th>{t('response.drills.outcome')}</th>
                  <th>{t('response.drills.took')}</th>
                  <th>{t('response.drills.gaps')}</th>
                  <th>{t('response.drills.nextDrill')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => {
                  const plan = planOf(d.plan_id);
                  return (
                    <tr key={d.id}>
                      <td>
                        <Link to={`/drills/${encodeURIComponent(d.id)}`}>
                          {formatDateTime(d.started_at, language)}
                        </Link>
                      </td>
                      <td>
                        <Link to={`/plans/${encodeURIComponent(d.plan_id)}`}>
                          {plan ? plan.title[language] : d.plan_id}
                        </Link>{' '}
                        <span className="muted small">v{d.plan_version}</span>
                      </td>
                      <td>
                        {d.outcome ? (
                          <WordBadge value={d.outcome} label={word('drill_outcomes', d.outcome)} />
                        ) : (
                          <span className="badge">{t('response.drills.inProgress')}</span>
                        )}
                      </td>
                      <td>
                        {d.total_minutes === null ? (
                          '—'
                        ) : (
                          <>
                            <Minutes value={d.total_minutes} />{' '}
                            <span className={d.within_rto === false ? 'badge overdue' : 'muted small'}>
                              {t(
                                d.within_rto === false
                                  ? 'response.drills.overRto'
                                  : 'response.drills.withinRto',
                              )}
                            </span>
                          </>
                        )}
                      </td>
                      <td className="num">{d.gaps.length}</td>
                      <td>
                        {plan && (
                          <>
                            {formatDateTime(plan.next_drill_due, language)}
                            {plan.drill_overdue && (
                              <span className="badge overdue">{t('response.plans.drillOverdue')}</span>
                            )}
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <Pager
              page={page}
              pages={pageCount(data.total, PAGE_SIZE)}
              total={data.total}
              onPage={(p) => go({ page: p })}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}
