import { ApiProblem, problemFrom } from './problem.js';

/** A query string's values; undefined ones are left out. */
export type Query = Readonly<Record<string, string | number | undefined>>;

/** What the client needs from the page around it. */
export interface ApiClientOptions {
  /** The request language, sent as Accept-Language so problems come back in it. */
  readonly language: () => string;
  /** The session's CSRF token, sent as `x-csrf-token` on every request that changes something. */
  readonly csrfToken: () => string | undefined;
  /** Called when a request made within a session answers 401: the session has ended. */
  readonly onUnauthenticated: () => void;
  readonly fetch?: typeof fetch;
}

/** Per request: `anonymous` for the login steps, whose 401 means a wrong password, not an expiry. */
export interface RequestOptions {
  readonly anonymous?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * The console's only way to the API under `/api/v1`: JSON in and out, the session cookie (same
 * origin), the CSRF header on writes, problems thrown as `ApiProblem`, and 401 reported once to the
 * session so the person lands on the login page with a "session expired" notice.
 */
export class ApiClient {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get<T>(path: string, query: Query = {}, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', withQuery(path, query), undefined, options);
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, body ?? {}, options);
  }

  put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, body ?? {}, options);
  }

  patch<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, body ?? {}, options);
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  private async request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': this.options.language(),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const csrf = this.options.csrfToken();
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let response: Response;
    try {
      response = await this.fetchFn(`/api/v1${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiProblem(
        0,
        'NETWORK',
        'Network error',
        error instanceof Error ? error.message : String(error),
      );
    }
    if (!response.ok) {
      const problem = await problemFrom(response);
      if (response.status === 401 && !options.anonymous) this.options.onUnauthenticated();
      throw problem;
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

/** `path?key=value&…` with the defined values of `query`, encoded. */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
