import type { Authenticator } from './auth.js';
import type { AppDeps } from './build-app.js';

/**
 * Chooses the authenticator. Until the identity module provides people and API keys, no credential
 * is valid: every protected route answers 401 and only public routes are reachable.
 */
export function createAuthenticator(_deps: Omit<AppDeps, 'authenticator'>): Authenticator {
  return { authenticate: async () => undefined };
}
