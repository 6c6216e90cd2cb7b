import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from '../router.js';

/**
 * Previous / next buttons for lists the server pages by cursor. The cursor lives in the address
 * (`?<param>=…`), so a page can be linked and reloaded; the cursors of earlier pages are remembered
 * here so "previous" walks back through them.
 */
export function CursorPager({ param, next }: { param: string; next: string | null }) {
  const { t } = useTranslation();
  const { path, search } = useLocation();
  const [stack, setStack] = useState<string[]>([]);
  const go = (cursor: string | undefined) => {
    const params = new URLSearchParams(search);
    if (cursor) params.set(param, cursor);
    else params.delete(param);
    navigate(params.size ? `${path}?${params}` : path);
  };
  if (stack.length === 0 && next === null) return null;
  return (
    <div className="pager">
      {stack.length > 0 && (
        <button
          type="button"
          onClick={() => {
            const previous = stack.slice(0, -1);
            setStack(previous);
            go(previous.at(-1));
          }}
        >
          {t('common.previous')}
        </button>
      )}
      {next !== null && (
        <button
          type="button"
          onClick={() => {
            setStack([...stack, next]);
            go(next);
          }}
        >
          {t('common.next')}
        </button>
      )}
    </div>
  );
}
