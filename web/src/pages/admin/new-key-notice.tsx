import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKey } from '../../api/admin-types.js';
import { Panel } from '../../components/states.js';

/**
 * A newly created API key, shown this once: the server keeps only its hash, so the warning says to
 * store it now, and a copy button saves retyping a long random string.
 */
export function NewKeyNotice({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>(undefined);
  const copy = () => {
    navigator.clipboard
      .writeText(created.key)
      .then(() => setCopied('yes'))
      .catch(() => setCopied('no'));
  };
  return (
    <Panel title={t('apiKeys.createdTitle', { name: created.api_key.name })} className="new-key">
      <p className="notice" role="alert">
        {t('apiKeys.shownOnce')}
      </p>
      <p>
        <code className="secret new-key-value">{created.key}</code>
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
