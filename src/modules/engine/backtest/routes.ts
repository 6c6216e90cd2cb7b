import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../principal.js';
import type { BacktestService } from './service.js';

const Ref = Type.Union([
  Type.Object(
    { id: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,63}$' }), version: Type.Integer({ minimum: 1 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      source: Type.String({ minLength: 1, maxLength: 262_144 }),
      format: Type.Optional(Type.Union([Type.Literal('yaml'), Type.Literal('json')])),
    },
    { additionalProperties: false },
  ),
]);
const Body = Type.Object(
  {
    policy: Ref,
    baseline: Type.Optional(Ref),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
const tags = ['backtests'];

/** `/api/v1/backtests…`: replay stored events through a policy and keep the reports. */
export const backtestRoutes: FastifyPluginAsyncTypebox<{ deps: { backtests: BacktestService } }> = async (
  app,
  { deps },
) => {
  app.post(
    '/backtests',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags,
        summary: 'Backtest a policy over stored events, labelled by review verdicts / 用已存事件回测策略',
        body: Body,
      },
    },
    async (request, reply) => {
      const b = request.body;
      const run = await deps.backtests.run(principalOf(request).actor, {
        policy: b.policy,
        baseline: b.baseline,
        from: b.from && new Date(b.from).toISOString(),
        to: b.to && new Date(b.to).toISOString(),
      });
      return reply.code(201).send(run);
    },
  );

  app.get(
    '/backtests',
    {
      config: { permission: 'policy:read' },
      schema: {
        tags,
        summary: 'Recent backtests / 最近的回测',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
      },
    },
    async (request) => ({ items: await deps.backtests.list(request.query.limit) }),
  );

  app.get(
    '/backtests/:id',
    {
      config: { permission: 'policy:read' },
      schema: {
        tags,
        summary: 'One backtest and its report / 回测报告',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      },
    },
    async (request) => deps.backtests.get(request.params.id),
  );
};
