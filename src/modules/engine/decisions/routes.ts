import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { pickLang } from '../../../kernel/i18n.js';
import type { IdentifierHasher } from '../contracts.js';
import { DecisionNotFound, EventInvalid } from '../errors.js';
import { HASHED_SUBJECT_KEYS } from '../events/builtin.js';
import { EventEnvelope } from '../events/envelope.js';
import { principalOf } from '../principal.js';
import * as repo from './repo.js';
import type { ReviewService } from './reviews.js';
import { reviewView } from './reviews.js';
import * as S from './schemas.js';
import type { DecisionService } from './service.js';

/** What the decision routes need. */
export interface DecisionRouteDeps {
  readonly decisions: DecisionService;
  readonly reviews: ReviewService;
  readonly hasher: IdentifierHasher;
  readonly db: Parameters<typeof repo.decisionTrace>[0];
}

const cursor = {
  encode: (createdAt: string, id: string) => Buffer.from(`${createdAt}|${id}`).toString('base64url'),
  decode(text: string): { createdAt: string; id: string } {
    const [createdAt, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
    if (!createdAt || !id)
      throw EventInvalid('the cursor is malformed', [
        { path: 'querystring.before', message: 'is not a cursor from a previous page' },
      ]);
    return { createdAt, id };
  },
};

/** `/api/v1/decisions…` and `/api/v1/reviews…`. */
export const decisionRoutes: FastifyPluginAsyncTypebox<{ deps: DecisionRouteDeps }> = async (
  app,
  { deps },
) => {
  app.post(
    '/decisions',
    {
      config: { permission: 'decision:create' },
      schema: {
        tags: ['decisions'],
        summary: 'Decide on an event / 对事件进行实时决策',
        description:
          'Idempotent by event id: a retry with the same body returns the stored decision byte for byte; another body with the same id is refused (422); a retry with another body while the first is being decided gets 409. The schema of `data` for each built-in type is published as `EventData_<type>` in the components, and for every type at GET /api/v1/event-types. / 以事件 ID 幂等；各事件类型的 data 结构见 components 中的 EventData_<type>。',
        body: EventEnvelope,
        response: { 200: S.Decision },
      },
    },
    async (request, reply) => {
      const answer = await deps.decisions.decide(
        request.body,
        principalOf(request).actor,
        pickLang(request.headers['accept-language']),
      );
      reply.header('idempotent-replayed', answer.replayed ? 'true' : 'false');
      // The stored text is sent as is (a string payload skips serialisation), so a replay is byte-equal.
      return reply.type('application/json; charset=utf-8').send(answer.body as never);
    },
  );

  app.get(
    '/decisions',
    {
      config: { permission: 'decision:read' },
      schema: {
        tags: ['decisions'],
        summary: 'Search decisions by subject, outcome, rule and time / 按主体、结果、规则、时间查询决策',
        querystring: S.DecisionQuery,
        response: { 200: S.DecisionPage },
      },
    },
    async (request) => {
      const q = request.query;
      let subjectValue = q.subject_value;
      const kind = q.subject_key
        ? HASHED_SUBJECT_KEYS[q.subject_key as keyof typeof HASHED_SUBJECT_KEYS]
        : undefined;
      if (kind && subjectValue !== undefined) {
        const hashed = deps.hasher.hash(kind, subjectValue);
        if (!hashed.ok)
          throw EventInvalid(hashed.message, [
            { path: 'querystring.subject_value', message: hashed.message },
          ]);
        subjectValue = hashed.value;
      }
      const rows = await repo.searchDecisions(deps.db, {
        subjectKey: q.subject_key,
        subjectValue,
        outcome: q.outcome,
        rule: q.rule,
        eventType: q.event_type,
        policyId: q.policy_id,
        from: q.from && new Date(q.from).toISOString(),
        to: q.to && new Date(q.to).toISOString(),
        before: q.before === undefined ? undefined : cursor.decode(q.before),
        limit: q.limit,
      });
      const last = rows.at(-1);
      return {
        items: rows.map((r) => ({
          decision_id: r.id,
          event_id: r.event_id,
          event_type: r.event_type,
          outcome: r.outcome as 'approve' | 'review' | 'reject',
          score: r.score,
          policy:
            r.policy_id && r.policy_version !== null ? { id: r.policy_id, version: r.policy_version } : null,
          fallback: r.fallback,
          occurred_at: r.occurred_at,
          decided_at: r.created_at,
        })),
        next: rows.length === q.limit && last ? cursor.encode(last.created_at, last.id) : null,
      };
    },
  );

  app.get(
    '/decisions/:id',
    {
      config: { permission: 'decision:read' },
      schema: {
        tags: ['decisions'],
        summary: 'The full trace of a decision / 决策完整明细',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: S.DecisionTrace },
      },
    },
    async (request) => {
      const trace = await repo.decisionTrace(deps.db, request.params.id);
      if (!trace) throw DecisionNotFound(`decision ${request.params.id} does not exist`);
      const { decision, event, shadows, review } = trace;
      return {
        decision: JSON.parse(decision.response),
        event: {
          type: event.type,
          id: event.id,
          occurred_at: event.occurred_at,
          received_at: event.received_at,
          subject: JSON.parse(event.subject),
          data: JSON.parse(event.data),
        },
        shadows: shadows.map((s) => {
          const result = JSON.parse(s.result) as {
            rule_hits: string[];
            rule_errors: { rule_id: string; message: string }[];
          };
          return {
            policy_id: s.policy_id,
            policy_version: s.policy_version,
            outcome: s.outcome as 'approve' | 'review' | 'reject',
            score: s.score,
            rule_hits: result.rule_hits,
            rule_errors: result.rule_errors,
            agrees: s.outcome === decision.outcome,
          };
        }),
        review: review ? reviewView({ ...review, score: decision.score, event_id: decision.event_id }) : null,
      };
    },
  );

  app.get(
    '/reviews',
    {
      config: { permission: 'decision:read' },
      schema: {
        tags: ['reviews'],
        summary: 'The manual review queue, oldest first / 人工审核队列',
        querystring: S.ReviewQuery,
        response: { 200: Type.Object({ items: Type.Array(S.Review) }, { additionalProperties: false }) },
      },
    },
    async (request) => {
      const q = request.query;
      return {
        items: await deps.reviews.list({
          status: q.status,
          eventType: q.event_type,
          after: q.after,
          limit: q.limit,
        }),
      };
    },
  );

  app.post(
    '/reviews/:id/resolve',
    {
      config: { permission: 'review:work' },
      schema: {
        tags: ['reviews'],
        summary: 'Resolve a review as fraud or legitimate / 审核结论：欺诈或正常',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: S.ResolveBody,
        response: { 200: S.Review },
      },
    },
    async (request) =>
      deps.reviews.resolve(
        principalOf(request).actor,
        request.params.id,
        request.body.resolution,
        request.body.comment ?? null,
      ),
  );
};
