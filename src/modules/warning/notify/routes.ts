/**
 * `/api/v1/notification-targets` (administrators, `settings:admin`): webhook and e-mail targets;
 * `/api/v1/notifications` (every person, `session:self`): one's own in-app inbox;
 * `/api/v1/notification-deliveries` (`alert:read`): the delivery log with every attempt.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Unauthenticated } from '../../../kernel/errors.js';
import * as S from './schemas.js';
import type { Notifier } from './service.js';

/** What the notification routes need. */
export interface NotifyRouteDeps {
  readonly notifier: Notifier;
}

function principal(request: FastifyRequest): NonNullable<FastifyRequest['principal']> {
  if (!request.principal) throw Unauthenticated();
  return request.principal;
}

/** The routes, registered under `/api/v1`. */
export const notifyRoutes: FastifyPluginAsyncTypebox<{ deps: NotifyRouteDeps }> = async (app, { deps }) => {
  const { notifier } = deps;
  const admin = { permission: 'settings:admin' };
  const self = { permission: 'session:self' };
  const read = { permission: 'alert:read' };
  const targets = ['notification-targets'];
  const inbox = ['notifications'];

  app.get(
    '/notification-targets',
    {
      config: admin,
      schema: { tags: targets, summary: 'Every target / 通知目标列表', response: { 200: S.TargetList } },
    },
    async () => ({ items: await notifier.targets.list() }),
  );

  app.post(
    '/notification-targets',
    {
      config: admin,
      schema: {
        tags: targets,
        summary: 'Add a webhook or e-mail target / 新增 Webhook 或邮件通知目标',
        description:
          'A webhook URL must be on the allowed hosts and resolve to public addresses (or addresses listed explicitly); otherwise 422 and it is never requested. The signing secret is returned once.',
        body: S.CreateTargetBody,
        response: { 201: S.TargetWithSecret },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await notifier.targets.create(request.body, principal(request).actor)),
  );

  app.get(
    '/notification-targets/:id',
    {
      config: admin,
      schema: {
        tags: targets,
        summary: 'One target / 单个通知目标',
        params: S.IdParams,
        response: { 200: S.Target },
      },
    },
    async (request) => notifier.targets.get(request.params.id),
  );

  app.patch(
    '/notification-targets/:id',
    {
      config: admin,
      schema: {
        tags: targets,
        summary: 'Change a target / 修改通知目标',
        params: S.IdParams,
        body: S.PatchTargetBody,
        response: { 200: S.TargetWithSecret },
      },
    },
    async (request) => notifier.targets.update(request.params.id, request.body, principal(request).actor),
  );

  app.delete(
    '/notification-targets/:id',
    {
      config: admin,
      schema: {
        tags: targets,
        summary: 'Delete a target; its pending deliveries fail / 删除通知目标',
        params: S.IdParams,
        response: { 200: S.TargetDeleted },
      },
    },
    async (request) => notifier.targets.delete(request.params.id, principal(request).actor),
  );

  app.post(
    '/notification-targets/:id/test',
    {
      config: admin,
      schema: {
        tags: targets,
        summary: 'Queue a test notice to a target / 发送测试通知',
        params: S.IdParams,
        response: { 202: S.Delivery },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await notifier.sendTest(request.params.id, principal(request).actor)),
  );

  app.get(
    '/notifications',
    {
      config: self,
      schema: {
        tags: inbox,
        summary: 'My in-app notifications, newest first / 我的站内通知',
        querystring: S.InboxQuery,
        response: { 200: S.InboxPage },
      },
    },
    async (request) => notifier.inbox.list(principal(request).actor.id, request.query),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: self,
      schema: {
        tags: inbox,
        summary: 'Mark one read / 标记为已读',
        params: S.IdParams,
        response: { 200: S.InboxItem },
      },
    },
    async (request) => notifier.inbox.markRead(principal(request).actor.id, request.params.id),
  );

  app.post(
    '/notifications/read-all',
    {
      config: self,
      schema: { tags: inbox, summary: 'Mark all read / 全部标记为已读', response: { 200: S.MarkedAll } },
    },
    async (request) => ({ marked: await notifier.inbox.markAllRead(principal(request).actor.id) }),
  );

  app.get(
    '/notification-deliveries',
    {
      config: read,
      schema: {
        tags: ['notification-deliveries'],
        summary: 'The delivery log with every attempt / 通知投递日志',
        querystring: S.DeliveryQuery,
        response: { 200: S.DeliveryPage },
      },
    },
    async (request) => notifier.deliveries.list(request.query),
  );

  app.get(
    '/notification-deliveries/:id',
    {
      config: read,
      schema: {
        tags: ['notification-deliveries'],
        summary: 'One delivery with its attempts / 单次投递及其尝试记录',
        params: S.IdParams,
        response: { 200: S.Delivery },
      },
    },
    async (request) => notifier.deliveries.get(request.params.id),
  );
};
