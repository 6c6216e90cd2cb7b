import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/states.js';

/**
 * A generated password shown this once (a new person's first password, or a reset): the server
 * keeps only its hash, so the notice says to hand it over now; the person must change it at first
 * sign-in.
 */
export function OneTimeSecret({
  title,
  secret,
  onDone,
}: {
  title: string;
  secret: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>(undefined);
  const copy = () => {
    navigator.clipboard
      .writeText(secret)
      .then(() => setCopied('yes'))
      .catch(() => setCopied('no'));
  };
  return (
    <Panel title={title} className="new-key">
      <p className="notice" role="alert">
        {t('users.shownOnce')}
      </p>
      <p>
        <code className="secret one-time-secret">{secret}</code>
      </p>
      <div className="inline-form">
        <button type="button" onClick={copy}>
          {t('apiKeys.copy')}
        </button>
        {copied && (
          <span className="muted">{t(copied === 'yes' ? 'apiKeys.copied' : 'apiKeys.copyFailed')}</span>
        )}
        <button type="button" className="primary" onClick={onDone}>
          {t('apiKeys.done')}
        </button>
      </div>
    </Panel>
  );
}
