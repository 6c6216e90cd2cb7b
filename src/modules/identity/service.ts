import type { Authenticator } from '../../app/auth.js';
import { Account } from './account.js';
import { ApiKeys } from './api-keys.js';
import { createIdentityAuthenticator } from './authenticator.js';
import type { IdentityDeps } from './deps.js';
import { Login } from './login.js';
import { Mfa } from './mfa.js';
import { type RateLimiter, TokenBucketLimiter } from './rate-limit.js';
import { Sessions } from './sessions.js';
import { Users } from './users.js';

/** The identity services of one process, sharing one set of dependencies. */
export interface Identity {
  readonly deps: IdentityDeps;
  readonly sessions: Sessions;
  readonly mfa: Mfa;
  readonly login: Login;
  readonly account: Account;
  readonly users: Users;
  readonly apiKeys: ApiKeys;
  /** Per-IP limit on the login steps (password, code, enrolment). */
  readonly loginLimiter: RateLimiter;
  /** What the HTTP layer asks who is calling. */
  readonly authenticator: Authenticator;
}

/**
 * Builds the identity services over `deps`. The login limiter is in-process unless one is given
 * (a Redis-backed one, when several servers share the load).
 */
export function createIdentity(deps: IdentityDeps, loginLimiter?: RateLimiter): Identity {
  const sessions = new Sessions(deps);
  const mfa = new Mfa(deps);
  const apiKeys = new ApiKeys(deps);
  return {
    deps,
    sessions,
    mfa,
    login: new Login(deps, sessions, mfa),
    account: new Account(deps, sessions, mfa),
    users: new Users(deps, sessions, mfa),
    apiKeys,
    loginLimiter: loginLimiter ?? new TokenBucketLimiter(deps.clock, deps.config.loginRateLimitPerMinute),
    authenticator: createIdentityAuthenticator(deps.config, deps.clock, sessions, apiKeys),
  };
}
