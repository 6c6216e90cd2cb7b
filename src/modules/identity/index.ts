/**
 * The identity module: people with argon2id passwords and TOTP MFA, browser sessions, API keys,
 * roles and permissions, and the `Authenticator` every route goes through. The four-eyes change
 * requests live in `changes/` beside it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { adminRoutes } from './admin-routes.js';
import { authRoutes } from './routes.js';
import type { Identity } from './service.js';

export { Account, type Self } from './account.js';
export { ApiKeys, checkKeyRoles, type NewApiKey } from './api-keys.js';
export { createIdentityAuthenticator, SELF, sessionPrincipal } from './authenticator.js';
export { createDemoAccounts, DEMO_USERS, type DemoAccounts } from './demo.js';
export { CLI_ACTOR, type IdentityConfig, type IdentityDeps, parseRoles, type RequestOrigin } from './deps.js';
export * from './errors.js';
export {
  CHALLENGE_MAX_ATTEMPTS,
  CHALLENGE_TTL_MS,
  type ChallengeIssued,
  Login,
  type LoginSuccess,
} from './login.js';
export { type EnrolmentOffer, Mfa, type SecondFactor } from './mfa.js';
export {
  ARGON2_PARAMS,
  checkPasswordPolicy,
  generatePassword,
  hashPassword,
  PASSWORD_MAX,
  PASSWORD_MIN,
  verifyPassword,
} from './passwords.js';
export * from './permissions.js';
export { type RateLimiter, TokenBucketLimiter } from './rate-limit.js';
export {
  KEY_FILE_NAME,
  type KeySource,
  keySourceFor,
  readInstallationSecret,
  SecretBox,
} from './secret-box.js';
export { createIdentity, type Identity } from './service.js';
export {
  type IssuedSession,
  type LiveSession,
  readSessionCookie,
  SESSION_COOKIE,
  Sessions,
} from './sessions.js';
export { API_KEY_PREFIX, csrfTokenFor, hashToken } from './tokens.js';
export {
  newTotpSecret,
  RECOVERY_CODE_COUNT,
  TOTP_PERIOD_SECONDS,
  timeStep,
  totpCode,
  totpUri,
} from './totp.js';
export { normalizeUsername, USERNAME_PATTERN } from './usernames.js';
export { type CreatedUser, checkUserRoles, type NewUser, Users } from './users.js';
export { toApiKeyView, toUserView } from './views.js';

/** The module's HTTP surface: `/auth/*`, `/users`, `/api-keys` (mounted under `/api/v1`). */
export const identityPlugin: FastifyPluginAsync<{ identity: Identity }> = async (app, opts) => {
  await app.register(authRoutes, { identity: opts.identity });
  await app.register(adminRoutes, { identity: opts.identity });
};
