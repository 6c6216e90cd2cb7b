import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewView } from '../../api/types.js';
import { ErrorNotice } from '../../components/states.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';

/** The analyst's verdict: approving says the event was legitimate, rejecting confirms fraud. */
type Verdict = 'legitimate' | 'fraud';

/**
 * Approve or reject a decision waiting in the review queue, with an optional note. The verdict is
 * the label backtests measure policies against, so the buttons say which label each one records.
 */
export function ReviewForm({
  decisionId,
  onResolved,
}: {
  decisionId: string;
  onResolved: (review: ReviewView) => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const resolution = submitter?.value as Verdict | undefined;
    if (resolution !== 'legitimate' && resolution !== 'fraud') return;
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    setBusy(true);
    setError(undefined);
    api
      .post<ReviewView>(`/reviews/${encodeURIComponent(decisionId)}/resolve`, {
        resolution,
        ...(note ? { comment: note } : {}),
      })
      .then(onResolved)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <form className="inline-form review-form" onSubmit={submit}>
      <input name="note" aria-label={t('reviews.note')} placeholder={t('reviews.note')} maxLength={2000} />
      <button type="submit" name="resolution" value="legitimate" className="primary" disabled={busy}>
        {t('reviews.approve')}
      </button>
      <button type="submit" name="resolution" value="fraud" className="danger" disabled={busy}>
        {t('reviews.reject')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
    </form>
  );
}

/** An analyst's verdict with who gave it, when, and the note. */
export function ResolvedVerdict({ review }: { review: ReviewView }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  if (review.resolution === null) return null;
  return (
    <span className="verdict">
      <span className={`badge verdict-${review.resolution}`}>
        {t(`reviews.resolutions.${review.resolution}`)}
      </span>
      {review.resolved_by && (
        <span className="muted">
          {' '}
          {t('reviews.by', {
            who: review.resolved_by.id,
            when: review.resolved_at ? formatDateTime(review.resolved_at, language) : '',
          })}
        </span>
      )}
      {review.comment && <span className="review-note">{review.comment}</span>}
    </span>
  );
}
