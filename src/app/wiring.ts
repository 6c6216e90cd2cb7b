import type { Authenticator } from './auth.js';
import type { AppDeps } from './build-app.js';

/**
 * Chooses the authenticator: the identity module's, which accepts a session cookie (with its CSRF
 * header on state-changing requests) or a Bearer API key.
 */
export function createAuthenticator(deps: Pick<AppDeps, 'identity'>): Authenticator {
  return deps.identity.authenticator;
}
