import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { useSession } from '../session/session.js';

/** The state of data loaded from the API: the last good data stays while a refresh fails. */
export interface ApiData<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Loads again now. */
  reload(): void;
}

/**
 * Loads data with `load` when `key` changes, and again every `pollMs` when given (the overview's live
 * figures). Requests of a previous key are aborted, so a slow answer never overwrites a newer one.
 */
export function useApiData<T>(
  key: string,
  load: (api: ApiClient, signal: AbortSignal) => Promise<T>,
  pollMs?: number,
): ApiData<T> {
  const { api } = useSession();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the reload trigger; `load` is read through a ref so a new closure each render does not reload.
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loadRef
      .current(api, controller.signal)
      .then((value) => {
        setData(value);
        setError(undefined);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [api, key, tick]);

  useEffect(() => {
    if (!pollMs) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') setTick((n) => n + 1);
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [pollMs]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
