import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { PostLoanMonitor } from './monitor.js';

const tags = ['loans'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const WatchEntry = Type.Object(
  {
    loan_id: Type.String(),
    borrower_id: Type.String(),
    scored_at: Type.String(),
    scorecard: Nullable(Type.String()),
    score: Nullable(Type.Number()),
    origination_score: Nullable(Type.Number()),
    dpd: Type.Integer(),
    bucket: Type.String(),
    reasons: Type.Array(
      Type.Object(
        { code: Type.String(), en: Type.String(), zh: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** `/api/v1/loans/watchlist` and `/api/v1/loans/rescore`: post-loan monitoring. */
export const postLoanRoutes: FastifyPluginAsyncTypebox<{ monitor: PostLoanMonitor }> = async (
  app,
  { monitor },
) => {
  app.get(
    '/loans/watchlist',
    {
      config: { permission: 'loan:read' },
      schema: {
        tags,
        summary: 'Borrowers on the watch list after the latest re-scoring / 贷后预警名单',
        response: { 200: Type.Array(WatchEntry) },
      },
    },
    () => monitor.watchlist(),
  );
  app.post(
    '/loans/rescore',
    {
      config: { permission: 'loan:approve' },
      schema: {
        tags,
        summary: 'Re-score every active loan now (also runs daily) / 立即对在贷借款人重新评分',
        response: {
          200: Type.Object(
            { scored: Type.Integer(), watched: Type.Integer() },
            { additionalProperties: false },
          ),
        },
      },
    },
    () => monitor.rescore(),
  );
};
