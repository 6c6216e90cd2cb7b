import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChallengeIssued, EnrolConfirmed, EnrolmentOffer } from '../api/types.js';
import { ErrorNotice } from '../components/states.js';
import { LanguageSwitch } from '../layout/language-switch.js';
import { useSession } from '../session/session.js';

/** Where the login stands: the server's state machine (`/auth/login`, `/auth/mfa`, enrolment). */
type Step =
  | { readonly kind: 'password' }
  | { readonly kind: 'code'; readonly challenge: string }
  | {
      readonly kind: 'enrol';
      readonly challenge: string;
      readonly offer: EnrolmentOffer;
      readonly optional: boolean;
    }
  | { readonly kind: 'recovery'; readonly codes: readonly string[] };

/**
 * Sign-in in two steps: username and password, then a TOTP (or recovery) code. A person without an
 * authenticator enrols here: a QR code and the secret to type, then a first code; the recovery codes
 * are shown once. `notice` explains why the person is here (the session expired, or they signed out).
 */
export function LoginPage({ notice }: { notice?: 'expired' | 'signed_out' | undefined }) {
  const { t } = useTranslation();
  const { api, refresh } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const run = (action: () => Promise<void>) => async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };
  const field = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
  const anonymous = { anonymous: true } as const;

  const submitPassword = (event: FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    return run(async () => {
      const issued = await api.post<ChallengeIssued>(
        '/auth/login',
        { username: field(form, 'username'), password: String(form.get('password') ?? '') },
        anonymous,
      );
      if (issued.status === 'mfa_required') return setStep({ kind: 'code', challenge: issued.challenge });
      const offer = await api.post<EnrolmentOffer>(
        '/auth/mfa/enrol',
        { challenge: issued.challenge },
        anonymous,
      );
      setStep({
        kind: 'enrol',
        challenge: issued.challenge,
        offer,
        optional: issued.status === 'mfa_enrolment_optional',
      });
    })(event);
  };

  const submitCode = (challenge: string) => (event: FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    return run(async () => {
      await api.post('/auth/mfa', { challenge, code: field(form, 'code') }, anonymous);
      await refresh();
    })(event);
  };

  const confirmEnrolment = (challenge: string) => (event: FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    return run(async () => {
      const done = await api.post<EnrolConfirmed>(
        '/auth/mfa/enrol/confirm',
        { challenge, code: field(form, 'code') },
        anonymous,
      );
      setStep({ kind: 'recovery', codes: done.recovery_codes });
    })(event);
  };

  const skipEnrolment = (challenge: string) =>
    run(async () => {
      await api.post('/auth/mfa', { challenge }, anonymous);
      await refresh();
    });

  return (
    <main className="login">
      <div className="login-card">
        <header className="login-head">
          <h1>{t('app.name')}</h1>
          <LanguageSwitch />
        </header>
        {notice && step.kind === 'password' && (
          <p className="notice" role="status">
            {t(notice === 'expired' ? 'login.expired' : 'login.signedOut')}
          </p>
        )}
        {error !== undefined && <ErrorNotice error={error} />}

        {step.kind === 'password' && (
          <form onSubmit={submitPassword}>
            <h2>{t('login.title')}</h2>
            <label>
              {t('login.username')}
              <input name="username" autoComplete="username" required />
            </label>
            <label>
              {t('login.password')}
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
            <button type="submit" className="primary" disabled={busy}>
              {t('login.next')}
            </button>
          </form>
        )}

        {step.kind === 'code' && (
          <form onSubmit={submitCode(step.challenge)}>
            <h2>{t('login.codeTitle')}</h2>
            <p className="muted">{t('login.codeHint')}</p>
            <CodeField label={t('login.code')} />
            <button type="submit" className="primary" disabled={busy}>
              {t('login.signIn')}
            </button>
            <button type="button" className="link-button" onClick={() => setStep({ kind: 'password' })}>
              {t('login.back')}
            </button>
          </form>
        )}

        {step.kind === 'enrol' && (
          <form onSubmit={confirmEnrolment(step.challenge)}>
            <h2>{t('login.enrolTitle')}</h2>
            <p className="muted">{t('login.enrolHint')}</p>
            <img
              className="qr"
              src={step.offer.qr_data_url}
              alt={t('login.qrAlt')}
              width={180}
              height={180}
            />
            <p className="small">
              {t('login.secret')} <code className="secret">{step.offer.secret}</code>
            </p>
            <CodeField label={t('login.firstCode')} />
            <button type="submit" className="primary" disabled={busy}>
              {t('login.confirm')}
            </button>
            {step.optional && (
              <button
                type="button"
                className="link-button"
                onClick={() => void skipEnrolment(step.challenge)()}
              >
                {t('login.skip')}
              </button>
            )}
          </form>
        )}

        {step.kind === 'recovery' && (
          <div>
            <h2>{t('login.recoveryTitle')}</h2>
            <p className="muted">{t('login.recoveryHint')}</p>
            <ul className="recovery-codes">
              {step.codes.map((code) => (
                <li key={code}>
                  <code>{code}</code>
                </li>
              ))}
            </ul>
            <button type="button" className="primary" onClick={() => void run(refresh)()}>
              {t('login.continue')}
            </button>
          </div>
        )}
      </div>
    </main>
  );
}

function CodeField({ label }: { label: string }) {
  return (
    <label>
      {label}
      <input name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={64} />
    </label>
  );
}
