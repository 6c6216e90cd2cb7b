import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../engine/index.js';
import { ChangeSchema } from '../../identity/changes/index.js';
import * as S from './schemas.js';
import type { ScorecardRegistry } from './service.js';

const tags = ['scorecards'];

/** `/api/v1/scorecards…`: register, read, publish and roll back scorecards. */
export const scorecardRoutes: FastifyPluginAsyncTypebox<{ registry: ScorecardRegistry }> = async (
  app,
  { registry },
) => {
  app.post(
    '/scorecards',
    {
      config: { permission: 'scorecard:write' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Register a scorecard file as a new version / 注册评分卡（新版本）',
        body: S.RegisterBody,
        response: { 201: S.Registered },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registry.register(principalOf(request).actor, request.body)),
  );

  app.get(
    '/scorecards',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags,
        summary: 'Registered scorecards / 评分卡列表',
        response: { 200: Type.Array(S.ScorecardView) },
      },
    },
    () => registry.list(),
  );

  app.get(
    '/scorecards/:name',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags,
        summary: 'A scorecard and its versions / 评分卡及其版本',
        params: S.NameParams,
        response: { 200: S.ScorecardDetail },
      },
    },
    (request) => registry.get(request.params.name),
  );

  app.get(
    '/scorecards/:name/versions/:version',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags,
        summary: 'One version’s scorecard file / 某一版本的评分卡文件',
        params: S.VersionParams,
        response: { 200: S.VersionView },
      },
    },
    (request) => registry.version(request.params.name, request.params.version),
  );

  app.get(
    '/scorecards/:name/monitoring',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags,
        summary: 'Score PSI and variable CSI against training, per window / 评分卡稳定性监控（PSI/CSI）',
        params: S.NameParams,
        querystring: S.MonitoringQuery,
        response: { 200: S.Monitoring },
      },
    },
    (request) => registry.monitoring(request.params.name, request.query),
  );

  app.post(
    '/scorecards/:name/publish',
    {
      config: { permission: 'scorecard:write' },
      schema: {
        tags,
        summary: 'Ask for a version to be published; a second person approves / 申请发布（需他人审批）',
        params: S.NameParams,
        body: S.PublishBody,
        response: { 202: ChangeSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await registry.publish(
            principalOf(request),
            request.params.name,
            request.body.version,
            request.body.reason,
          ),
        ),
  );

  app.post(
    '/scorecards/:name/rollback',
    {
      config: { permission: 'scorecard:write' },
      schema: {
        tags,
        summary: 'Ask to restore the previously published version / 申请回滚（需他人审批）',
        params: S.NameParams,
        body: S.RollbackBody,
        response: { 202: ChangeSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await registry.rollback(principalOf(request), request.params.name, request.body.reason)),
  );
};
