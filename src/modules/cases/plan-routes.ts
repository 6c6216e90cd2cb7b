/**
 * `/api/v1/plans`, `/api/v1/activations` and `/api/v1/drills`: reading needs `case:read`;
 * writing plans and versions, activating them, ticking checklists and recording drills need
 * `case:work`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../engine/index.js';
import { PlanInvalid } from './errors.js';
import * as S from './plan-schemas.js';
import type { CasesRouteDeps } from './routes.js';
import { IdParams, IdSeqParams } from './schemas.js';

/** The plan, activation and drill routes, registered under `/api/v1`. */
export const planRoutes: FastifyPluginAsyncTypebox<{ deps: CasesRouteDeps }> = async (app, { deps }) => {
  const { plans, activations, drills } = deps.cases;
  const read = { permission: 'case:read' };
  const work = { permission: 'case:work' };
  const actor = (request: Parameters<typeof principalOf>[0]) => principalOf(request).actor;
  const tags = ['plans'];

  app.post(
    '/plans',
    {
      config: work,
      schema: {
        tags,
        summary: 'Write an emergency plan / 新建应急预案',
        body: S.CreatePlanBody,
        response: { 201: S.PlanDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await plans.create(actor(request), request.body)),
  );

  app.get(
    '/plans',
    {
      config: read,
      schema: {
        tags,
        summary: 'Emergency plans with their drill state / 应急预案列表',
        querystring: S.PlanQuery,
        response: { 200: S.PlanList },
      },
    },
    async (request) => ({ items: await plans.list(request.query.scenario) }),
  );

  app.get(
    '/plans/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One plan (current version by default) / 单个预案',
        params: IdParams,
        querystring: S.PlanGetQuery,
        response: { 200: S.PlanDetail },
      },
    },
    async (request) => plans.get(request.params.id, request.query.version),
  );

  app.post(
    '/plans/:id/versions',
    {
      config: work,
      schema: {
        tags,
        summary: 'Edit a plan: write its next version / 修订预案（生成新版本）',
        params: IdParams,
        body: S.NewVersionBody,
        response: { 201: S.PlanDetail },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await plans.newVersion(
            actor(request),
            request.params.id,
            request.body,
            request.body.expected_version,
          ),
        ),
  );

  app.post(
    '/plans/:id/activate',
    {
      config: work,
      schema: {
        tags,
        summary: 'Activate a plan for an alert or an incident / 启动应急预案',
        description:
          'Creates a checklist from the current version, each item due at activation plus the expected minutes up to it.',
        params: IdParams,
        body: S.ActivateBody,
        response: { 201: S.Activation },
      },
    },
    async (request, reply) => {
      const { alert_id, incident_id } = request.body;
      if ((alert_id === undefined) === (incident_id === undefined)) {
        throw PlanInvalid('give exactly one of alert_id or incident_id', [
          { path: 'body', message: 'must have exactly one of alert_id, incident_id' },
        ]);
      }
      const source =
        alert_id !== undefined
          ? { type: 'alert' as const, id: alert_id }
          : { type: 'incident' as const, id: incident_id ?? '' };
      return reply.code(201).send(await activations.activate(actor(request), request.params.id, source));
    },
  );

  app.get(
    '/activations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Plan activations with their checklists / 预案启动记录',
        querystring: S.ActivationQuery,
        response: { 200: S.ActivationList },
      },
    },
    async (request) =>
      activations.list({
        ...request.query,
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      }),
  );

  app.get(
    '/activations/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One activation and its checklist / 预案启动详情',
        params: IdParams,
        response: { 200: S.Activation },
      },
    },
    async (request) => activations.get(request.params.id),
  );

  app.post(
    '/activations/:id/items/:seq',
    {
      config: work,
      schema: {
        tags,
        summary: 'Mark a checklist item done or skipped / 完成或跳过检查项',
        description: 'Skipping needs a note.',
        params: IdSeqParams,
        body: S.ItemBody,
        response: { 200: S.Activation },
      },
    },
    async (request) =>
      activations.tick(
        actor(request),
        request.params.id,
        request.params.seq,
        request.body.status,
        request.body.note,
      ),
  );

  const drillTags = ['drills'];

  app.post(
    '/drills',
    {
      config: work,
      schema: {
        tags: drillTags,
        summary: 'Start a drill of a plan / 开始预案演练',
        body: S.StartDrillBody,
        response: { 201: S.Drill },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await drills.start(
            actor(request),
            request.body.plan_id,
            request.body.started_at,
            request.body.note,
          ),
        ),
  );

  app.get(
    '/drills',
    {
      config: read,
      schema: {
        tags: drillTags,
        summary: 'Drills, newest first / 演练列表',
        querystring: S.DrillQuery,
        response: { 200: S.DrillPage },
      },
    },
    async (request) =>
      drills.list({ ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );

  app.get(
    '/drills/:id',
    {
      config: read,
      schema: {
        tags: drillTags,
        summary: 'One drill / 单次演练',
        params: IdParams,
        response: { 200: S.Drill },
      },
    },
    async (request) => drills.get(request.params.id),
  );

  app.post(
    '/drills/:id/steps/:seq/complete',
    {
      config: work,
      schema: {
        tags: drillTags,
        summary: 'Record a drill step as completed / 记录演练步骤完成',
        params: IdSeqParams,
        body: S.CompleteStepBody,
        response: { 200: S.Drill },
      },
    },
    async (request) =>
      drills.completeStep(
        actor(request),
        request.params.id,
        request.params.seq,
        request.body.at,
        request.body.note,
      ),
  );

  app.post(
    '/drills/:id/finish',
    {
      config: work,
      schema: {
        tags: drillTags,
        summary: 'Finish a drill with its outcome and gaps / 结束演练并记录发现的问题',
        params: IdParams,
        body: S.FinishDrillBody,
        response: { 200: S.Drill },
      },
    },
    async (request) =>
      drills.finish(
        actor(request),
        request.params.id,
        request.body.outcome,
        request.body.gaps,
        request.body.at,
        request.body.note,
      ),
  );
};
