import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Unprocessable } from '../../../kernel/errors.js';
import { principalOf } from '../../engine/index.js';
import { PortfolioInputError } from '../portfolio/index.js';
import type { PortfolioService } from './service.js';

const tags = ['portfolio'];
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

const ReportQuery = Type.Object(
  {
    as_of: Type.Optional(Month),
    denominator: Type.Optional(
      Type.Union([Type.Literal('outstanding'), Type.Literal('lent'), Type.Literal('cohort')], {
        description: 'overdue rate over the outstanding balance, all money lent, or each cohort / 逾期率分母',
      }),
    ),
    numerator: Type.Optional(Type.Union([Type.Literal('overdue_amount'), Type.Literal('overdue_balance')])),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

const ReserveEntry = Type.Object(
  {
    month: Type.String(),
    kind: Type.String({ description: 'provision | drawdown | recovery' }),
    amount: Type.Integer({ description: 'fen / 分' }),
    balance_after: Type.Integer(),
    detail: Type.Record(Type.String(), Type.Number()),
    posted_at: Type.String(),
  },
  { additionalProperties: false },
);

const ReserveStatus = Type.Object(
  {
    config: Type.Object({ basis: Type.String(), rate: Type.String() }, { additionalProperties: false }),
    balance: Type.Integer({ description: 'fen / 分' }),
    coverage: Type.Union([Type.Number(), Type.Null()]),
    entries: Type.Array(ReserveEntry),
  },
  { additionalProperties: false },
);

function refuse(error: unknown): never {
  if (error instanceof PortfolioInputError || error instanceof RangeError) throw Unprocessable(error.message);
  throw error;
}

/** `/api/v1/portfolio` and `/api/v1/reserve`: portfolio analytics and the posted risk reserve. */
export const portfolioRoutes: FastifyPluginAsyncTypebox<{ portfolio: PortfolioService }> = async (
  app,
  { portfolio },
) => {
  app.get(
    '/portfolio',
    {
      config: { permission: 'loan:read' },
      schema: {
        tags,
        summary:
          'Portfolio report: balances, overdue and NPL rates, buckets, vintages, roll rates, concentration, reserve / 资产组合报告',
        querystring: ReportQuery,
        response: {
          200: Type.Object(
            {},
            { additionalProperties: true, description: 'See `fengkong loans report --json` / 组合报告' },
          ),
        },
      },
    },
    (request) =>
      portfolio
        .report({
          asOf: request.query.as_of,
          denominator: request.query.denominator,
          numerator: request.query.numerator,
          top: request.query.top,
        })
        .catch(refuse),
  );

  app.get(
    '/reserve',
    {
      config: { permission: 'loan:read' },
      schema: {
        tags,
        summary: 'The posted risk reserve ledger / 风险准备金台账',
        response: { 200: ReserveStatus },
      },
    },
    () => portfolio.reserve(),
  );

  app.post(
    '/reserve/post',
    {
      config: { permission: 'loan:approve' },
      schema: {
        tags,
        summary: 'Post the reserve of every closed month not yet posted / 计提准备金（已结束月份）',
        body: Type.Object({ up_to: Type.Optional(Month) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ posted: Type.Array(Type.String()) }, { additionalProperties: false }),
        },
      },
    },
    async (request) => ({
      posted: await portfolio.postReserve(principalOf(request).actor, request.body.up_to).catch(refuse),
    }),
  );
};
