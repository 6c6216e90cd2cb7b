import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Unauthenticated } from '../../kernel/errors.js';
import { transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import {
  INCOMPATIBLE_ROLES,
  MACHINE_ONLY_ROLES,
  PERMISSIONS,
  PERSON_ONLY_ROLES,
  ROLE_NAMES,
  ROLES,
} from './permissions.js';
import * as S from './schemas.js';
import type { Identity } from './service.js';
import { toApiKeyView, toUserView } from './views.js';

/** The most people `GET /people` lists: a risk team, not a customer base. */
const PEOPLE_LIMIT = 5_000;

function actorOf(request: FastifyRequest): Actor {
  if (!request.principal) throw Unauthenticated();
  return request.principal.actor;
}

/**
 * `/api/v1/users` and `/api/v1/api-keys`: people and machine credentials, for administrators
 * (`user:admin`, `apikey:admin`) and readers of the user list (`user:read`). Generated passwords and
 * new keys appear in exactly one answer, marked `Cache-Control: no-store`.
 */
export const adminRoutes: FastifyPluginAsyncTypebox<{ identity: Identity }> = async (app, { identity }) => {
  const { users, apiKeys, deps } = identity;
  const now = () => deps.clock.now();
  const tags = ['users'];

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/people',
    {
      config: { permission: 'session:self' },
      schema: {
        tags,
        summary:
          'Names of the people who sign in, for showing owners and assignees / 人员姓名（用于显示负责人与处理人）',
        response: { 200: S.PeopleList },
      },
    },
    async () => ({
      items: (await users.list(PEOPLE_LIMIT, 0)).map((u) => ({
        id: u.id,
        display_name: u.display_name,
        active: u.status === 'active',
      })),
    }),
  );

  app.get(
    '/roles',
    {
      config: { permission: 'user:read' },
      schema: {
        tags,
        summary:
          'The roles, what each permits, and the separation-of-duties rules / 角色及其权限与职责分离规则',
        response: { 200: S.RoleCatalogue },
      },
    },
    async () => ({
      items: ROLE_NAMES.map((name) => ({
        name,
        en: ROLES[name].en,
        zh: ROLES[name].zh,
        holders: MACHINE_ONLY_ROLES.includes(name)
          ? ('api_keys' as const)
          : PERSON_ONLY_ROLES.includes(name)
            ? ('people' as const)
            : ('both' as const),
        permissions: ROLES[name].permissions.map((p) => ({
          name: p,
          en: PERMISSIONS[p].en,
          zh: PERMISSIONS[p].zh,
        })),
      })),
      incompatible: INCOMPATIBLE_ROLES.map(([a, b]) => [a, b]),
    }),
  );

  app.get(
    '/users',
    {
      config: { permission: 'user:read' },
      schema: {
        tags,
        summary: 'List users / 用户列表',
        querystring: S.ListQuery,
        response: { 200: S.UserList },
      },
    },
    async (request) => ({
      items: (await users.list(request.query.limit, request.query.offset)).map((u) => toUserView(u, now())),
    }),
  );

  app.post(
    '/users',
    {
      config: { permission: 'user:admin' },
      schema: {
        tags,
        summary: 'Create a user with a one-time password / 创建用户（返回一次性初始密码）',
        body: S.CreateUserBody,
        response: { 201: S.CreatedUser },
      },
    },
    async (request, reply) => {
      const { username, display_name, roles } = request.body;
      const created = await users.create({ username, displayName: display_name, roles }, actorOf(request));
      return reply
        .code(201)
        .send({ user: toUserView(created.user, now()), initial_password: created.initialPassword ?? '' });
    },
  );

  app.get(
    '/users/:id',
    {
      config: { permission: 'user:read' },
      schema: { tags, summary: 'One user / 用户详情', params: S.IdParams, response: { 200: S.UserView } },
    },
    async (request) => toUserView(await users.get(request.params.id), now()),
  );

  app.patch(
    '/users/:id',
    {
      config: { permission: 'user:admin' },
      schema: {
        tags,
        summary: 'Rename a user / 修改用户显示名',
        params: S.IdParams,
        body: S.UpdateUserBody,
        response: { 200: S.UserView },
      },
    },
    async (request) =>
      toUserView(await users.rename(request.params.id, request.body.display_name, actorOf(request)), now()),
  );

  app.put(
    '/users/:id/roles',
    {
      config: { permission: 'user:admin' },
      schema: {
        tags,
        summary: 'Set the roles of a user (admin and approver never together) / 设置用户角色',
        params: S.IdParams,
        body: S.SetRolesBody,
        response: { 200: S.UserView },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await transact(deps.db, (trx) =>
        users.setUserRoles(trx, request.params.id, request.body.roles, actor),
      );
      return toUserView(user, now());
    },
  );

  const userAction = (
    path: string,
    summary: string,
    act: (id: string, actor: Actor) => Promise<Parameters<typeof toUserView>[0]>,
  ) =>
    app.post(
      `/users/:id/${path}`,
      {
        config: { permission: 'user:admin' },
        schema: { tags, summary, params: S.IdParams, response: { 200: S.UserView } },
      },
      async (request) => toUserView(await act(request.params.id, actorOf(request)), now()),
    );
  userAction(
    'disable',
    'Disable a user; ends every session at once / 停用用户并立即结束其全部会话',
    (id, a) => users.disable(id, a),
  );
  userAction('enable', 'Enable a user and lift a lockout / 启用用户并解除锁定', (id, a) =>
    users.enable(id, a),
  );
  userAction('mfa-reset', 'Remove a user’s MFA; they enrol again at login / 重置用户的多因素认证', (id, a) =>
    users.resetMfa(id, a),
  );

  app.post(
    '/users/:id/password-reset',
    {
      config: { permission: 'user:admin' },
      schema: {
        tags,
        summary: 'Reset a password to a one-time one / 重置密码（返回一次性密码）',
        params: S.IdParams,
        response: { 200: S.PasswordReset },
      },
    },
    async (request) => {
      const { user, password } = await users.resetPassword(request.params.id, actorOf(request));
      return { user: toUserView(user, now()), password };
    },
  );

  app.get(
    '/api-keys',
    {
      config: { permission: 'apikey:admin' },
      schema: {
        tags: ['api-keys'],
        summary: 'List API keys / API 密钥列表',
        response: { 200: S.ApiKeyList },
      },
    },
    async () => ({ items: (await apiKeys.list()).map((k) => toApiKeyView(k, now())) }),
  );

  app.post(
    '/api-keys',
    {
      config: { permission: 'apikey:admin' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the key is shown only in this answer / 创建 API 密钥（仅显示一次）',
        body: S.CreateApiKeyBody,
        response: { 201: S.CreatedApiKey },
      },
    },
    async (request, reply) => {
      const { name, roles, permissions, expires_at } = request.body;
      const created = await apiKeys.create(
        { name, roles, permissions, expiresAt: expires_at },
        actorOf(request),
      );
      return reply.code(201).send({ api_key: toApiKeyView(created.row, now()), key: created.key });
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { permission: 'apikey:admin' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key at once / 立即吊销 API 密钥',
        params: S.IdParams,
        response: { 200: S.ApiKeyView },
      },
    },
    async (request) => toApiKeyView(await apiKeys.revoke(request.params.id, actorOf(request)), now()),
  );
};
