import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/states.js';
import { Link } from '../../router.js';
import { useSession } from '../../session/session.js';
import type { ChangeRef } from './types.js';

/**
 * "Submit for approval": asks for a version to be deployed (active, shadow or withdrawn) with a
 * reason. The server answers with a four-eyes change that someone else approves on its page.
 */
export function PublishForm({
  policyId,
  versions,
  onDone,
}: {
  policyId: string;
  versions: readonly number[];
  onDone?: (change: ChangeRef) => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [change, setChange] = useState<ChangeRef | undefined>(undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(undefined);
    setBusy(true);
    api
      .post<ChangeRef>(`/policies/${encodeURIComponent(policyId)}/publish`, {
        version: Number(form.get('version')),
        mode: String(form.get('mode')),
        reason: String(form.get('reason') ?? '').trim(),
      })
      .then((c) => {
        setChange(c);
        onDone?.(c);
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  if (change) {
    return (
      <p role="status" className="publish-done">
        {t('policies.publish.submitted')}{' '}
        <Link to={`/changes/${change.id}`}>{t('policies.publish.openChange')}</Link>
      </p>
    );
  }
  return (
    <form className="filters" onSubmit={submit} aria-label={t('policies.publish.title')}>
      {error !== undefined && <ErrorNotice error={error} />}
      <label>
        {t('policies.publish.version')}
        <select name="version" defaultValue={versions[0]}>
          {versions.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('policies.publish.mode')}
        <select name="mode" defaultValue="active">
          {(['active', 'shadow', 'inactive'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`policies.publishModes.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        {t('policies.publish.reason')}
        <input name="reason" required maxLength={2000} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('policies.publish.submit')}
      </button>
    </form>
  );
}
