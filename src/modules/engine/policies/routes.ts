import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { pickLang } from '../../../kernel/i18n.js';
import { ChangeSchema } from '../../identity/changes/index.js';
import type { IdentifierHasher, ListLookup } from '../contracts.js';
import type { EventTypes } from '../events/event-types.js';
import { principalOf } from '../principal.js';
import { compileEnvironment, type ScorecardSource } from './compile-context.js';
import type * as repo from './repo.js';
import * as S from './schemas.js';
import { checkPolicySource, type PolicyService } from './service.js';
import { tryPolicy } from './try.js';

/** What the policy routes need. */
export interface PolicyRouteDeps {
  readonly policies: PolicyService;
  readonly types: EventTypes;
  readonly db: Parameters<typeof repo.listNames>[0];
  readonly scorecards?: ScorecardSource | undefined;
  /** The live identifier hasher and list lookup that `POST /policies/try` decides with. */
  readonly hasher: IdentifierHasher;
  readonly lists: ListLookup;
}

const tags = ['policies'];

/** `/api/v1/policies…`: save, read, diff, publish and roll back policies. */
export const policyRoutes: FastifyPluginAsyncTypebox<{ deps: PolicyRouteDeps }> = async (app, { deps }) => {
  const { policies } = deps;

  app.post(
    '/policies/validate',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags,
        summary: 'Parse, type-check and compile a policy without saving it / 校验策略（不保存）',
        body: S.SourceBody,
        response: { 200: S.Validation },
      },
    },
    async (request) => {
      const r = checkPolicySource(
        request.body.source,
        request.body.format,
        deps.types,
        await compileEnvironment(deps.db, deps.scorecards),
      );
      return r.ok ? { valid: true, problems: [] } : { valid: false, problems: r.problems };
    },
  );

  const { hasher, lists } = deps;
  app.post(
    '/policies/try',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags,
        summary:
          'Decide a sample event with a draft policy; nothing is stored / 用草稿策略试算示例事件（不保存）',
        description:
          'The draft compiles as on save; the event is normalised as on POST /decisions and decided by the same runner over empty velocity windows (features see this event only).',
        body: S.TryBody,
        response: { 200: S.TryResult },
      },
    },
    async (request) =>
      (await tryPolicy(
        { db: deps.db, types: deps.types, hasher, lists, scorecards: deps.scorecards },
        request.body,
        pickLang(request.headers['accept-language']),
      )) as never,
  );

  app.post(
    '/policies',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags,
        summary: 'Save a policy version (a draft until deployed) / 保存策略新版本（草稿）',
        body: S.SourceBody,
        response: { 201: S.Saved },
      },
    },
    async (request, reply) => {
      const saved = await policies.save(principalOf(request).actor, request.body.source, request.body.format);
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/policies',
    {
      config: { permission: 'policy:read' },
      schema: {
        tags,
        summary: 'Every policy and its deployment / 策略列表',
        response: { 200: Type.Object({ items: Type.Array(S.Policy) }) },
      },
    },
    async () => ({ items: (await policies.list()) as never[] }),
  );

  app.get(
    '/policies/:id',
    {
      config: { permission: 'policy:read' },
      schema: { tags, summary: 'One policy / 策略详情', params: S.IdParams, response: { 200: S.Policy } },
    },
    async (request) => (await policies.get(request.params.id)) as never,
  );

  app.get(
    '/policies/:id/versions',
    {
      config: { permission: 'policy:read' },
      schema: {
        tags,
        summary: 'Version history with each version’s status / 版本历史',
        params: S.IdParams,
        response: { 200: Type.Object({ items: Type.Array(S.VersionSummary) }) },
      },
    },
    async (request) => ({ items: await policies.versions(request.params.id) }),
  );

  app.get(
    '/policies/:id/versions/:version',
    {
      config: { permission: 'policy:read' },
      schema: {
        tags,
        summary: 'One version with its document / 某一版本',
        params: S.VersionParams,
        response: { 200: S.Version },
      },
    },
    async (request) => policies.version(request.params.id, request.params.version),
  );

  app.get(
    '/policies/:id/diff',
    {
      config: { permission: 'policy:read' },
      schema: {
        tags,
        summary: 'What changed between two versions / 版本差异',
        params: S.IdParams,
        querystring: S.DiffQuery,
      },
    },
    async (request) => policies.diff(request.params.id, request.query.from, request.query.to),
  );

  app.post(
    '/policies/:id/publish',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags,
        summary: 'Ask for a version to be deployed; a second person approves / 申请发布（需他人审批）',
        params: S.IdParams,
        body: S.PublishBody,
        response: { 202: ChangeSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await policies.publish(principalOf(request), request.params.id, request.body)),
  );

  app.post(
    '/policies/:id/rollback',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags,
        summary: 'Ask to restore the previous deployment; a second person approves / 申请回滚（需他人审批）',
        params: S.IdParams,
        body: S.RollbackBody,
        response: { 202: ChangeSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await policies.rollback(principalOf(request), request.params.id, request.body.reason)),
  );
};
