import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Panel } from '../../components/states.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import { useSession } from '../../session/session.js';
import { checklistView } from './checklist.js';
import { ActorName, Minutes, useLocalText, useWords, WordBadge } from './shared.js';
import type { Activation } from './types.js';

/** The current time, refreshed every minute so due items turn overdue while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * An activated plan's checklist: every item with its owner and due time, overdue ones marked, and
 * for people who work incidents the buttons to tick an item done or skip it (with a note).
 */
export function ChecklistPanel({ activation, onChanged }: { activation: Activation; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const word = useWords();
  const local = useLocalText();
  const now = useNow();
  const view = checklistView(activation.items, now);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [skipping, setSkipping] = useState<number | undefined>(undefined);
  const work = can('case:work') && activation.status === 'active';

  const tick = (seq: number, status: 'done' | 'skipped', note?: string) => {
    setError(undefined);
    setBusy(true);
    api
      .post(`/activations/${encodeURIComponent(activation.id)}/items/${seq}`, {
        status,
        ...(note ? { note } : {}),
      })
      .then(() => {
        setSkipping(undefined);
        onChanged();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const skip = (seq: number) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    tick(seq, 'skipped', String(new FormData(event.currentTarget).get('note') ?? '').trim());
  };

  return (
    <Panel
      title={t('response.checklist.title', {
        plan: activation.plan_title[language],
        version: activation.plan_version,
      })}
      className="panel-wide"
      actions={
        <Link to={`/plans/${encodeURIComponent(activation.plan_id)}`}>
          {t('response.checklist.openPlan')}
        </Link>
      }
    >
      <p className="checklist-summary">
        {t(activation.status === 'active' ? 'response.checklist.active' : 'response.checklist.completed', {
          at: formatDateTime(activation.activated_at, language),
        })}{' '}
        {t('response.checklist.counts', { done: view.done, skipped: view.skipped, pending: view.pending })}
        {view.overdue > 0 && (
          <span className="badge overdue">
            {t('response.checklist.overdueCount', { count: view.overdue })}
          </span>
        )}
      </p>
      {error !== undefined && <ErrorNotice error={error} />}
      <table className="table checklist">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>{t('response.checklist.step')}</th>
            <th>{t('response.checklist.owner')}</th>
            <th>{t('response.checklist.due')}</th>
            <th>{t('response.checklist.status')}</th>
            {work && <th>{t('response.checklist.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((item) => (
            <tr key={item.seq} className={item.overdue ? 'row-overdue' : undefined}>
              <td className="num">{item.seq}</td>
              <td>
                {item.title[language]}
                {item.note && <div className="muted small">{local(item.note)}</div>}
              </td>
              <td className="mono small">{item.owner.id}</td>
              <td>
                {formatDateTime(item.due_at, language)}
                {item.overdue && (
                  <span className="badge overdue">
                    {t('response.checklist.late')} <Minutes value={-(item.dueInMinutes ?? 0)} />
                  </span>
                )}
                {item.status === 'pending' && !item.overdue && item.dueInMinutes !== null && (
                  <div className="muted small">
                    {t('response.checklist.dueIn')} <Minutes value={item.dueInMinutes} />
                  </div>
                )}
                {item.doneLateMinutes !== null && (
                  <div className="muted small">
                    {t('response.checklist.doneLate')} <Minutes value={item.doneLateMinutes} />
                  </div>
                )}
              </td>
              <td>
                <WordBadge value={item.status} label={word('checklist_statuses', item.status)} />
                {item.done_at && (
                  <div className="muted small">
                    {formatDateTime(item.done_at, language)} · <ActorName actor={item.done_by} />
                  </div>
                )}
              </td>
              {work && (
                <td>
                  {item.status === 'pending' &&
                    (skipping === item.seq ? (
                      <form className="inline-form" onSubmit={skip(item.seq)}>
                        <input
                          name="note"
                          required
                          maxLength={2000}
                          aria-label={t('response.checklist.skipNote')}
                          placeholder={t('response.checklist.skipNote')}
                        />
                        <button type="submit" disabled={busy}>
                          {t('response.checklist.skip')}
                        </button>
                        <button type="button" onClick={() => setSkipping(undefined)}>
                          {t('common.cancel')}
                        </button>
                      </form>
                    ) : (
                      <div className="inline-form">
                        <button
                          type="button"
                          className="primary"
                          disabled={busy}
                          aria-label={t('response.checklist.markDoneStep', { seq: item.seq })}
                          onClick={() => tick(item.seq, 'done')}
                        >
                          {t('response.checklist.markDone')}
                        </button>
                        <button type="button" disabled={busy} onClick={() => setSkipping(item.seq)}>
                          {t('response.checklist.skip')}
                        </button>
                      </div>
                    ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
