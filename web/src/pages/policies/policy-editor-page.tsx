import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { Link, useLocation } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import { BacktestPanel } from './backtest-panel.js';
import { CodeEditor, ProblemList } from './code-editor.js';
import './policies.css';
import { locateProblems, problemsByLine } from './problem-lines.js';
import { PublishForm } from './publish-form.js';
import { TryPanel } from './try-panel.js';
import type { PolicyVersion, PolicyView, Saved, Validation } from './types.js';

/** What a new policy starts from: a valid skeleton the officer edits. */
const TEMPLATE = `id: new-policy
event_type: transaction
description:
  en: "Describe what this policy screens"
  zh: "说明本策略的风控目标"

features:
  - name: tx_count_user_1h
    key: [user_id]
    aggregate: count
    window: 1h

rules:
  - id: R001_large_amount
    description: { en: "Payment over 50,000 yuan", zh: "单笔支付超过 5 万元" }
    when: "data.amount > 50000.0"
    action: review

outcome:
  mode: first_match
  default: approve

fallback: review
`;

/** The event type a draft names (`event_type:` in YAML or JSON), for its sample event. */
export function eventTypeOf(source: string): string | undefined {
  const m = /^\s*"?event_type"?\s*:\s*["']?([a-z][a-z0-9_]{0,63})/m.exec(source);
  return m?.[1];
}

interface Start {
  readonly source: string;
  readonly policy: PolicyView | undefined;
  readonly version: number | undefined;
}

/**
 * The policy editor: the text, checked as it is typed (400 ms after the last key) by the server's
 * compile path, each problem shown with its rule and line; saving makes a new draft version, which
 * can then be submitted for approval. Beside it, the draft can be tried on a sample event and
 * backtested against the active version over the stored events.
 */
export default function PolicyEditorPage({ params }: PageProps) {
  const id = params['id'];
  const { search } = useLocation();
  const from = search.get('from') ?? undefined;
  const start = useApiData(`policy-edit:${id ?? ''}:${from ?? ''}`, async (api, signal): Promise<Start> => {
    if (!id) return { source: TEMPLATE, policy: undefined, version: undefined };
    const path = `/policies/${encodeURIComponent(id)}`;
    const policy = await api.get<PolicyView>(path, {}, { signal });
    const version = from ? Number(from) : policy.latest_version;
    const v = await api.get<PolicyVersion>(`${path}/versions/${version}`, {}, { signal });
    return { source: v.source, policy, version };
  });
  return (
    <LoadedView state={start} isEmpty={() => false} empty={null}>
      {(s) => <Editor key={`${id ?? ''}:${s.version ?? ''}`} start={s} />}
    </LoadedView>
  );
}

function Editor({ start }: { start: Start }) {
  const { t } = useTranslation();
  const { api, can } = useSession();
  const [source, setSource] = useState(start.source);
  const [validation, setValidation] = useState<Validation | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<unknown>(undefined);
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<Saved | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const latest = useRef(0);

  // Checked 400 ms after the last edit; an answer to an older text is dropped.
  useEffect(() => {
    const n = ++latest.current;
    setChecking(true);
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api
        .post<Validation>('/policies/validate', { source }, { signal: controller.signal })
        .then((v) => {
          if (n !== latest.current) return;
          setValidation(v);
          setCheckError(undefined);
        })
        .catch((error: unknown) => {
          if (n === latest.current && !controller.signal.aborted) setCheckError(error);
        })
        .finally(() => {
          if (n === latest.current) setChecking(false);
        });
    }, 400);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [api, source]);

  const located = useMemo(() => locateProblems(source, validation?.problems ?? []), [source, validation]);
  const byLine = useMemo(() => problemsByLine(located), [located]);
  const eventType = eventTypeOf(source);
  const baseline =
    start.policy && start.policy.deployed_version !== null && start.policy.mode === 'active'
      ? { id: start.policy.id, version: start.policy.deployed_version }
      : undefined;

  const save = () => {
    setSaveError(undefined);
    setSaving(true);
    api
      .post<Saved>('/policies', { source })
      .then(setSaved)
      .catch(setSaveError)
      .finally(() => setSaving(false));
  };

  const status = checking
    ? t('policies.editor.checking')
    : checkError !== undefined
      ? t('policies.editor.checkFailed')
      : validation?.valid
        ? t('policies.editor.valid')
        : t('policies.editor.invalid', { count: located.length });

  return (
    <div className="trace">
      <Panel
        title={
          start.policy
            ? t('policies.editor.editing', { id: start.policy.id, version: start.version ?? '—' })
            : t('policies.editor.newTitle')
        }
        className="panel-wide"
        actions={
          <Link to={start.policy ? `/policies/${encodeURIComponent(start.policy.id)}` : '/policies'}>
            {t('policies.detail.back')}
          </Link>
        }
      >
        <p className="muted small">{t('policies.editor.hint')}</p>
        <CodeEditor
          id="policy-source"
          value={source}
          onChange={(v) => {
            setSource(v);
            setSaved(undefined);
          }}
          problems={byLine}
          label={t('policies.editor.sourceLabel')}
          describedBy="policy-problems"
        />
        <div className="editor-status">
          <span
            role="status"
            className={`check-status ${checking ? '' : validation?.valid ? 'check-ok' : 'check-bad'}`}
          >
            {status}
          </span>
          {can('policy:write') && (
            <button
              type="button"
              className="primary"
              onClick={save}
              disabled={saving || checking || !validation?.valid}
            >
              {t('policies.editor.save')}
            </button>
          )}
        </div>
        {checkError !== undefined && <ErrorNotice error={checkError} />}
        {!checking && located.length > 0 && <ProblemList id="policy-problems" problems={located} />}
        {saveError !== undefined && <ErrorNotice error={saveError} />}
        {saved && (
          <div className="saved-box">
            <p role="status">{t('policies.editor.saved', { id: saved.id, version: saved.version })}</p>
            {can('change:submit') && <PublishForm policyId={saved.id} versions={[saved.version]} />}
          </div>
        )}
      </Panel>
      <TryPanel source={source} eventType={eventType} />
      <BacktestPanel source={source} baseline={baseline} />
    </div>
  );
}
