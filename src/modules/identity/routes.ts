import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden, TooManyRequests, Unauthenticated } from '../../kernel/errors.js';
import { Account, type Self } from './account.js';
import { shortAgent } from './deps.js';
import { ChallengeInvalid, MfaCodeInvalid } from './errors.js';
import type { LoginSuccess } from './login.js';
import type { EnrolmentOffer } from './mfa.js';
import * as S from './schemas.js';
import type { Identity } from './service.js';
import { readSessionCookie } from './sessions.js';
import { csrfTokenFor } from './tokens.js';
import { toSessionView, toUserView } from './views.js';

/** Where a request came from. */
export function originOf(request: FastifyRequest) {
  return { ip: request.ip, userAgent: shortAgent(request.headers['user-agent']) };
}

/** The signed-in person behind a session request; 403 for anything else (an API key). */
export function selfOf(request: FastifyRequest): Self {
  const p = request.principal;
  if (!p) throw Unauthenticated();
  if (p.actor.type !== 'user' || !p.sessionId) throw Forbidden('only a signed-in person has a session');
  return { userId: p.actor.id, sessionId: p.sessionId };
}

/**
 * `/api/v1/auth/*`: the login state machine, MFA enrolment, logout, the current session and the
 * password change. The login steps are public and rate-limited per IP address; answers carrying
 * secrets are marked `Cache-Control: no-store`.
 */
export const authRoutes: FastifyPluginAsyncTypebox<{ identity: Identity }> = async (app, { identity }) => {
  const { login, account, sessions, deps } = identity;
  const idleMinutes = deps.config.sessionIdleMinutes;

  const limited = async (request: FastifyRequest, reply: FastifyReply) => {
    const verdict = identity.loginLimiter.take(request.ip);
    if (!verdict.allowed) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))));
      request.log.warn({ ip: request.ip }, 'login rate limit reached');
      throw TooManyRequests(
        'too many login attempts from this address: wait a minute / 登录尝试过于频繁，请稍后再试',
      );
    }
  };
  const offerView = (offer: EnrolmentOffer) => ({
    secret: offer.secret,
    otpauth_uri: offer.otpauthUri,
    qr_data_url: offer.qrDataUrl,
  });
  const signedIn = (reply: FastifyReply, done: LoginSuccess) => {
    reply.header('set-cookie', sessions.cookie(done.session.token));
    return {
      user: toUserView(done.user, deps.clock.now()),
      session: toSessionView(done.session, idleMinutes),
      csrf_token: done.session.csrfToken,
      password_change_required: Account.passwordChangeRequired(
        done.user,
        deps.clock.now(),
        deps.config.passwordMaxAgeDays,
      ),
    };
  };

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(
    '/auth/login',
    {
      config: { public: true },
      onRequest: limited,
      schema: {
        tags: ['auth'],
        summary: 'Step 1: username and password; never a session / 登录第一步：用户名与密码（不签发会话）',
        body: S.LoginBody,
        response: { 200: S.ChallengeIssued },
      },
    },
    async (request) => {
      const issued = await login.password(request.body.username, request.body.password, originOf(request));
      return { status: issued.next, challenge: issued.challenge, expires_at: issued.expiresAt };
    },
  );

  app.post(
    '/auth/mfa',
    {
      config: { public: true },
      onRequest: limited,
      schema: {
        tags: ['auth'],
        summary: 'Step 2: TOTP or recovery code; issues the session / 登录第二步：动态验证码或恢复码',
        body: S.MfaBody,
        response: { 200: S.LoginResult },
      },
    },
    async (request, reply) => {
      const { challenge, code } = request.body;
      const done = await login.secondFactor(
        challenge,
        code,
        originOf(request),
        readSessionCookie(request.headers.cookie),
      );
      return signedIn(reply, done);
    },
  );

  app.post(
    '/auth/mfa/enrol',
    {
      config: { public: true },
      onRequest: limited,
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment: secret, otpauth URI, QR code / 开始绑定身份验证器',
        body: S.EnrolStartBody,
        response: { 200: S.EnrolmentOffer },
      },
    },
    async (request) => {
      const { challenge } = request.body;
      if (challenge !== undefined) return offerView(await login.enrolStart(challenge));
      if (request.principal?.sessionId) return offerView(await account.enrolStart(selfOf(request)));
      throw ChallengeInvalid('send the challenge of your login, or call this from a session');
    },
  );

  app.post(
    '/auth/mfa/enrol/confirm',
    {
      config: { public: true },
      onRequest: limited,
      schema: {
        tags: ['auth'],
        summary: 'Confirm enrolment with a first code; recovery codes shown once / 确认绑定并获取恢复码',
        body: S.EnrolConfirmBody,
        response: { 200: S.EnrolConfirmed },
      },
    },
    async (request, reply) => {
      const { challenge, code } = request.body;
      if (challenge !== undefined) {
        const done = await login.enrolConfirm(
          challenge,
          code,
          originOf(request),
          readSessionCookie(request.headers.cookie),
        );
        return { ...signedIn(reply, done), recovery_codes: [...(done.recoveryCodes ?? [])] };
      }
      if (!request.principal?.sessionId)
        throw ChallengeInvalid('send the challenge of your login, or call this from a session');
      const codes = await account.enrolConfirm(selfOf(request), code, originOf(request));
      if (!codes) throw MfaCodeInvalid();
      return { recovery_codes: codes };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { permission: 'session:self' },
      schema: { tags: ['auth'], summary: 'End this session / 退出登录', response: { 204: S.NoContent } },
    },
    async (request, reply) => {
      await account.logout(selfOf(request), originOf(request));
      return reply.header('set-cookie', sessions.clearCookie()).code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      config: { permission: 'session:self' },
      schema: {
        tags: ['auth'],
        summary: 'End every session of mine / 退出所有设备上的登录',
        response: { 200: S.LogoutAllResult },
      },
    },
    async (request, reply) => {
      const ended = await account.logoutEverywhere(selfOf(request), originOf(request));
      reply.header('set-cookie', sessions.clearCookie());
      return { sessions_ended: ended };
    },
  );

  app.get(
    '/auth/session',
    {
      config: { permission: 'session:self' },
      schema: {
        tags: ['auth'],
        summary: 'The current session / 当前会话',
        response: { 200: S.CurrentSession },
      },
    },
    async (request) => {
      selfOf(request);
      const token = readSessionCookie(request.headers.cookie);
      const live = token ? await sessions.lookup(token) : undefined;
      if (!token || !live) throw Unauthenticated();
      const now = deps.clock.now();
      return {
        user: toUserView(live.user, now),
        session: {
          id: live.session.id,
          created_at: live.session.created_at,
          expires_at: live.session.expires_at,
          idle_expires_at: live.idleExpiresAt,
          mfa_verified: live.session.mfa_verified === 1,
        },
        permissions: [...(request.principal?.permissions ?? [])].sort(),
        csrf_token: csrfTokenFor(token),
        password_change_required: Account.passwordChangeRequired(
          live.user,
          now,
          deps.config.passwordMaxAgeDays,
        ),
      };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { permission: 'session:self' },
      schema: {
        tags: ['auth'],
        summary: 'Change my password; ends every session and starts a new one / 修改本人密码',
        body: S.PasswordChangeBody,
        response: { 200: S.PasswordChanged },
      },
    },
    async (request, reply) => {
      const { current_password, new_password } = request.body;
      const session = await account.changePassword(
        selfOf(request),
        current_password,
        new_password,
        originOf(request),
      );
      reply.header('set-cookie', sessions.cookie(session.token));
      return { session: toSessionView(session, idleMinutes), csrf_token: session.csrfToken };
    },
  );
};
