import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiClient } from '../api/client.js';
import type { CurrentSession } from '../api/types.js';
import { localeOf } from '../i18n/language.js';

/** Where the person stands: still asking the server, signed out (and why), or signed in. */
export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'anonymous'; readonly notice?: 'expired' | 'signed_out' }
  | { readonly status: 'signed_in'; readonly session: CurrentSession };

/** The session and the API client bound to it. */
export interface SessionContextValue {
  readonly state: SessionState;
  readonly api: ApiClient;
  /** Reads `/auth/session` again (after a login step issued the cookie). */
  refresh(): Promise<void>;
  /** Ends the session on the server and returns to the login page. */
  signOut(): Promise<void>;
  /** True when the signed-in person holds `permission`. */
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/**
 * Holds the session for the whole console: asks the server once at start, keeps the CSRF token for
 * the API client, and turns any 401 from a request inside the session into "signed out, session
 * expired" so the login page can say so.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;
  const languageRef = useRef(i18n.language);
  languageRef.current = i18n.language;

  const api = useMemo(
    () =>
      new ApiClient({
        language: () => localeOf(languageRef.current === 'zh' ? 'zh' : 'en'),
        csrfToken: () =>
          stateRef.current.status === 'signed_in' ? stateRef.current.session.csrf_token : undefined,
        onUnauthenticated: () => {
          const wasSignedIn = stateRef.current.status === 'signed_in';
          setState(wasSignedIn ? { status: 'anonymous', notice: 'expired' } : { status: 'anonymous' });
        },
      }),
    [],
  );

  const refresh = useCallback(async () => {
    try {
      const session = await api.get<CurrentSession>('/auth/session', {}, { anonymous: true });
      setState({ status: 'signed_in', session });
    } catch {
      setState({ status: 'anonymous' });
    }
  }, [api]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { anonymous: true });
    } finally {
      setState({ status: 'anonymous', notice: 'signed_out' });
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      api,
      refresh,
      signOut,
      can: (permission) => state.status === 'signed_in' && state.session.permissions.includes(permission),
    }),
    [state, api, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session context; only inside `SessionProvider`. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession is used outside SessionProvider');
  return value;
}
