/**
 * `/api/v1/alerts`: list and read alerts (`alert:read`); raise by hand, acknowledge, resolve,
 * reassign and escalate them (`alert:work`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Unauthenticated } from '../../../kernel/errors.js';
import * as S from './schemas.js';
import type { AlertService } from './service.js';

/** What the alert routes need. */
export interface AlertRouteDeps {
  readonly alerts: AlertService;
}

function actorOf(request: FastifyRequest) {
  if (!request.principal) throw Unauthenticated();
  return request.principal.actor;
}

/** The routes, registered under `/api/v1`. */
export const alertRoutes: FastifyPluginAsyncTypebox<{ deps: AlertRouteDeps }> = async (app, { deps }) => {
  const { alerts } = deps;
  const read = { permission: 'alert:read' };
  const work = { permission: 'alert:work' };
  const tags = ['alerts'];

  app.get(
    '/alerts',
    {
      config: read,
      schema: {
        tags,
        summary: 'Alerts, newest first / 预警列表',
        querystring: S.AlertQuery,
        response: { 200: S.AlertPage },
      },
    },
    async (request) => alerts.list(request.query),
  );

  app.post(
    '/alerts',
    {
      config: work,
      schema: {
        tags,
        summary: 'Raise an alert by hand / 手工发起预警',
        description:
          'Deduplicated per key and subject: 201 for a new alert, 200 when it counted into the open one or was suppressed by the cooldown.',
        body: S.RaiseBody,
        response: { 200: S.RaiseResult, 201: S.RaiseResult },
      },
    },
    async (request, reply) => {
      const result = await alerts.raiseManual(request.body, actorOf(request));
      return reply.code(result.outcome === 'created' ? 201 : 200).send(result);
    },
  );

  app.get(
    '/alerts/:id',
    {
      config: read,
      schema: { tags, summary: 'One alert / 单个预警', params: S.IdParams, response: { 200: S.Alert } },
    },
    async (request) => alerts.get(request.params.id),
  );

  app.post(
    '/alerts/:id/acknowledge',
    {
      config: work,
      schema: {
        tags,
        summary: 'Acknowledge: stops escalation / 确认预警（停止升级）',
        params: S.IdParams,
        body: S.AcknowledgeBody,
        response: { 200: S.Alert },
      },
    },
    async (request) => alerts.acknowledge(request.params.id, actorOf(request), request.body.note),
  );

  app.post(
    '/alerts/:id/resolve',
    {
      config: work,
      schema: {
        tags,
        summary: 'Resolve with a note / 关闭预警并填写处理说明',
        description: 'The note is required (FK_ERR_ALERT_NOTE_REQUIRED).',
        params: S.IdParams,
        body: S.ResolveBody,
        response: { 200: S.Alert },
      },
    },
    async (request) => alerts.resolve(request.params.id, request.body.note ?? '', actorOf(request)),
  );

  app.post(
    '/alerts/:id/reassign',
    {
      config: work,
      schema: {
        tags,
        summary: 'Give the alert to another owner / 转交预警负责人',
        params: S.IdParams,
        body: S.ReassignBody,
        response: { 200: S.Alert },
      },
    },
    async (request) => alerts.reassign(request.params.id, request.body.owner, actorOf(request)),
  );

  app.post(
    '/alerts/:id/escalate',
    {
      config: work,
      schema: {
        tags,
        summary: 'Escalate to the next level now / 立即上报至下一级',
        params: S.IdParams,
        body: S.EscalateBody,
        response: { 200: S.Alert },
      },
    },
    async (request) => alerts.escalate(request.params.id, actorOf(request), request.body.reason),
  );
};
