/**
 * `/api/v1/incidents`: reading needs `case:read`; opening, recording, moving, reviewing and
 * activating a plan need `case:work`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../engine/index.js';
import * as S from './incident-schemas.js';
import { Activation } from './plan-schemas.js';
import type { CasesRouteDeps } from './routes.js';
import { IdParams } from './schemas.js';

const tags = ['incidents'];

/** The incident routes, registered under `/api/v1`. */
export const incidentRoutes: FastifyPluginAsyncTypebox<{ deps: CasesRouteDeps }> = async (app, { deps }) => {
  const incidents = deps.cases.incidents;
  const read = { permission: 'case:read' };
  const work = { permission: 'case:work' };
  const actor = (request: Parameters<typeof principalOf>[0]) => principalOf(request).actor;

  app.post(
    '/incidents',
    {
      config: work,
      schema: {
        tags,
        summary: 'Open an incident / 登记事件',
        body: S.CreateIncidentBody,
        response: { 201: S.IncidentDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await incidents.create(actor(request), request.body)),
  );

  app.get(
    '/incidents',
    {
      config: read,
      schema: {
        tags,
        summary: 'Incidents, newest first / 事件列表',
        querystring: S.IncidentQuery,
        response: { 200: S.IncidentPage },
      },
    },
    async (request) =>
      incidents.list({
        ...request.query,
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      }),
  );

  app.get(
    '/incidents/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One incident / 单个事件',
        params: IdParams,
        response: { 200: S.IncidentDetail },
      },
    },
    async (request) => incidents.get(request.params.id),
  );

  app.post(
    '/incidents/:id/timeline',
    {
      config: work,
      schema: {
        tags,
        summary: 'Add a timeline entry (append-only) / 记录事件时间线',
        params: IdParams,
        body: S.TimelineBody,
        response: { 200: S.IncidentDetail },
      },
    },
    async (request) =>
      incidents.addTimeline(actor(request), request.params.id, request.body.text, request.body.at),
  );

  app.post(
    '/incidents/:id/status',
    {
      config: work,
      schema: {
        tags,
        summary: 'Mark an incident mitigated or resolved / 变更事件状态',
        params: IdParams,
        body: S.IncidentStatusBody,
        response: { 200: S.IncidentDetail },
      },
    },
    async (request) =>
      incidents.setStatus(actor(request), request.params.id, request.body.status, request.body.note),
  );

  app.post(
    '/incidents/:id/alerts',
    {
      config: work,
      schema: {
        tags,
        summary: 'Link alerts / 关联预警',
        params: IdParams,
        body: S.IncidentAlertsBody,
        response: { 200: S.IncidentDetail },
      },
    },
    async (request) => incidents.linkAlerts(actor(request), request.params.id, request.body.alert_ids),
  );

  app.post(
    '/incidents/:id/review',
    {
      config: work,
      schema: {
        tags,
        summary: 'Write the post-incident review / 事后复盘',
        description: 'Only for a resolved incident; it becomes reviewed.',
        params: IdParams,
        body: S.ReviewBody,
        response: { 200: S.IncidentDetail },
      },
    },
    async (request) => incidents.review(actor(request), request.params.id, request.body),
  );

  app.post(
    '/incidents/:id/activate-plan',
    {
      config: work,
      schema: {
        tags,
        summary: 'Activate an emergency plan for this incident / 针对事件启动应急预案',
        params: IdParams,
        body: S.ActivatePlanBody,
        response: { 201: Activation },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await deps.cases.activations.activate(actor(request), request.body.plan_id, {
          type: 'incident',
          id: request.params.id,
        }),
      ),
  );
};
