import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session/session.js';
import { GradeBadge, OwnerName, Pager, useTypeName } from './bits.js';
import { NewRiskForm } from './new-risk-form.js';
import { pageOf } from './paging.js';
import { RegisterHeatmap } from './register-heatmap.js';
import { LEVELS, RISK_TYPES, type Risk } from './types.js';
import './risks.css';

/**
 * The risk register: the 5 × 5 heat map (residual or inherent) and the risks filtered by type, owner
 * (on the server) and residual level, a page at a time. The filters live in the address so a view
 * can be shared; people who may change risks record new ones here.
 */
export default function RisksPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can, state } = useSession();
  const me = state.status === 'signed_in' ? state.session.user.id : '';
  const { search } = useLocation();
  const type = search.get('type') ?? '';
  const level = search.get('level') ?? '';
  const owner = search.get('owner') === 'me' ? 'me' : '';
  const status = search.get('status') === 'retired' ? 'retired' : 'active';
  const [creating, setCreating] = useState(false);
  const typeName = useTypeName();
  const risks = useApiData(`risks:${type}:${owner}:${status}`, (api, signal) =>
    api.get<{ items: Risk[] }>(
      '/risks',
      { category: type || undefined, owner: owner ? me : undefined, status },
      { signal },
    ),
  );

  const go = (changes: Record<string, string>) => {
    const params = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) params.set(k, v);
      else params.delete(k);
    }
    navigate(`/risks${params.size ? `?${params}` : ''}`);
  };
  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    go({
      type: value('type'),
      level: value('level'),
      owner: value('owner'),
      status: value('status'),
      page: '',
    });
  };

  return (
    <div className="risks">
      <RegisterHeatmap
        basis={search.get('basis') === 'inherent' ? 'inherent' : 'residual'}
        onBasis={(basis) => go({ basis: basis === 'residual' ? '' : basis })}
      />
      <Panel
        title={t('risks.register.title')}
        actions={
          can('kri:write') && (
            <button type="button" className="primary" onClick={() => setCreating(!creating)}>
              {t('risks.create.open')}
            </button>
          )
        }
      >
        {creating && <NewRiskForm onCancel={() => setCreating(false)} />}
        <form className="filters" onSubmit={filter} aria-label={t('risks.register.filters')}>
          <label>
            {t('risks.fields.type')}
            <select name="type" defaultValue={type}>
              <option value="">{t('common.any')}</option>
              {RISK_TYPES.map((c) => (
                <option key={c} value={c}>
                  {t(`risks.types.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('risks.fields.residualLevel')}
            <select name="level" defaultValue={level}>
              <option value="">{t('common.any')}</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`severity.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('risks.fields.owner')}
            <select name="owner" defaultValue={owner}>
              <option value="">{t('common.any')}</option>
              <option value="me">{t('risks.owner.mine')}</option>
            </select>
          </label>
          <label>
            {t('risks.fields.status')}
            <select name="status" defaultValue={status}>
              <option value="active">{t('risks.status.active')}</option>
              <option value="retired">{t('risks.status.retired')}</option>
            </select>
          </label>
          <button type="submit">{t('risks.register.filter')}</button>
        </form>
        <LoadedView
          state={risks}
          isEmpty={(d) => d.items.filter((r) => !level || r.residual.level === level).length === 0}
          empty={<EmptyState title={t('risks.register.empty.title')} hint={t('risks.register.empty.hint')} />}
        >
          {(data) => {
            const matching = data.items.filter((r) => !level || r.residual.level === level);
            const { rows, page, pages } = pageOf(matching, Number(search.get('page') ?? 1));
            return (
              <>
                <p className="muted small">{t('risks.register.count', { count: matching.length })}</p>
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('risks.fields.id')}</th>
                      <th>{t('risks.fields.title')}</th>
                      <th>{t('risks.fields.type')}</th>
                      <th>{t('risks.fields.owner')}</th>
                      <th>{t('risks.fields.inherent')}</th>
                      <th>{t('risks.fields.residual')}</th>
                      <th className="num">{t('risks.fields.controls')}</th>
                      <th className="num">{t('risks.fields.kris')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id}>
                        <td className="mono nowrap">
                          <Link to={`/risks/${encodeURIComponent(r.id)}`}>{r.id}</Link>
                        </td>
                        <td>{r.title[language]}</td>
                        <td>{typeName(r.category, r.category_label)}</td>
                        <td>
                          <OwnerName owner={r.owner} />
                        </td>
                        <td>
                          <GradeBadge grade={r.inherent} />
                        </td>
                        <td>
                          <GradeBadge grade={r.residual} />
                        </td>
                        <td className="num">{r.controls.length}</td>
                        <td className="num">{r.kri_ids.length}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Pager page={page} pages={pages} go={(p) => go({ page: String(p) })} />
              </>
            );
          }}
        </LoadedView>
      </Panel>
    </div>
  );
}
