import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app/build-app.js';
import type { Runtime } from '../../src/app/compose.js';
import { randomToken } from '../../src/kernel/ids.js';
import { CLI_ACTOR, newTotpSecret, type Role, totpCode } from '../../src/modules/identity/index.js';
import { transact } from '../../src/store/transaction.js';

/** A user made for a test, with the secrets the test needs to sign in. */
export interface SeededUser {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  /** Base32 TOTP secret, when MFA was enrolled. */
  readonly totpSecret: string | undefined;
}

/** Headers that authenticate a request as a session (cookie plus CSRF header). */
export type SessionHeaders = {
  readonly cookie: string;
  readonly 'x-csrf-token': string;
};

/**
 * Creates a user through the identity service (real argon2id hashing: create few). MFA is enrolled
 * unless `mfa` is false.
 */
export async function seedUser(
  runtime: Runtime,
  options: { username: string; roles: readonly Role[]; password?: string; mfa?: boolean },
): Promise<SeededUser> {
  const password = options.password ?? `pw-${randomToken(12)}`;
  const { identity } = runtime;
  const { user } = await identity.users.create(
    { username: options.username, roles: options.roles, password },
    CLI_ACTOR,
  );
  let totpSecret: string | undefined;
  if (options.mfa !== false) {
    totpSecret = newTotpSecret();
    const secret = totpSecret;
    await transact(runtime.store.db, (trx) => identity.mfa.enrolDirectly(trx, user, secret));
  }
  return { id: user.id, username: user.username, password, totpSecret };
}

/** Issues a session for a user directly (no login flow, no argon2): for authorisation tests. */
export async function sessionFor(
  runtime: Runtime,
  userId: string,
  mfaVerified = true,
): Promise<SessionHeaders> {
  const { identity } = runtime;
  const user = await identity.users.get(userId);
  const session = await transact(runtime.store.db, (trx) =>
    identity.sessions.issue(trx, user, mfaVerified, { ip: '127.0.0.1', userAgent: 'test' }),
  );
  return { cookie: `fk_session=${session.token}`, 'x-csrf-token': session.csrfToken };
}

/** Creates an API key with `roles` (and optionally fewer permissions); returns its Bearer header. */
export async function apiKeyFor(
  runtime: Runtime,
  roles: readonly Role[],
  permissions?: readonly string[],
): Promise<{ authorization: string; id: string; key: string }> {
  const { row, key } = await runtime.identity.apiKeys.create(
    { name: `test-${roles.join('-')}`, roles, permissions },
    CLI_ACTOR,
  );
  return { authorization: `Bearer ${key}`, id: row.id, key };
}

/** The `fk_session` value a response set, if any (undefined for a clearing cookie). */
export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  for (const line of all) {
    const match = /^fk_session=([^;]*)/.exec(line);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** The current TOTP code of `secret` by the runtime's clock. */
export function currentCode(runtime: Runtime, secret: string, offsetSteps = 0): Promise<string> {
  return totpCode(secret, runtime.clock.now() + offsetSteps * 30_000);
}

/**
 * Signs in through the HTTP API: password, then the current TOTP code. Returns the session headers
 * and the login answer.
 */
export async function loginOverHttp(
  app: App,
  runtime: Runtime,
  user: SeededUser,
  remoteAddress = '127.0.0.1',
): Promise<{ headers: SessionHeaders; body: Record<string, unknown> }> {
  const step1 = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: user.username, password: user.password },
    remoteAddress,
  });
  if (step1.statusCode !== 200) throw new Error(`login failed: ${step1.statusCode} ${step1.body}`);
  const { challenge } = step1.json() as { challenge: string };
  const code = user.totpSecret ? await currentCode(runtime, user.totpSecret) : undefined;
  const step2 = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/mfa',
    payload: code === undefined ? { challenge } : { challenge, code },
    remoteAddress,
  });
  if (step2.statusCode !== 200) throw new Error(`second step failed: ${step2.statusCode} ${step2.body}`);
  const body = step2.json() as Record<string, unknown>;
  const token = sessionCookieOf(step2);
  if (!token) throw new Error('the second step set no session cookie');
  return { headers: { cookie: `fk_session=${token}`, 'x-csrf-token': String(body['csrf_token']) }, body };
}
