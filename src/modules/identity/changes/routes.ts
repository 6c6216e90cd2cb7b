/**
 * `/api/v1/changes`: submit, list, read, approve, reject and withdraw four-eyes change requests.
 *
 * Route permissions are the floor; the service applies the kind's own. Listing and reading need
 * `change:read`; submitting and withdrawing need `change:submit` (plus the kind's submit permission).
 * Approving and rejecting are declared with `change:read` because the permission that really counts
 * depends on the change — `policy:approve` for a policy, `loan:approve` for a loan, `change:approve`
 * for a setting — and is checked by the service against the stored change (403
 * `FK_ERR_CHANGE_FORBIDDEN`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Unauthenticated } from '../../../kernel/errors.js';
import type { ChangeCaller } from './rules.js';
import * as S from './schemas.js';
import type { ChangeService } from './service.js';

/** What the change routes need. */
export interface ChangeRouteDeps {
  readonly changes: ChangeService;
}

function caller(request: FastifyRequest): ChangeCaller {
  // Access control authenticates every non-public route before the handler; this guards a wiring bug.
  if (!request.principal) throw Unauthenticated();
  return request.principal;
}

const tags = ['changes'];

/** The routes, registered under `/api/v1`. */
export const changeRoutes: FastifyPluginAsyncTypebox<{ deps: ChangeRouteDeps }> = async (app, { deps }) => {
  const { changes } = deps;

  app.get(
    '/changes/kinds',
    {
      config: { permission: 'change:read' },
      schema: {
        tags,
        summary: 'Kinds of change that need four eyes / 需双人复核的变更类型',
        response: { 200: S.KindList },
      },
    },
    async () => ({
      items: changes.kinds.list().map((k) => ({
        kind: k.kind,
        target_type: k.targetType,
        title: k.title,
        submit_permission: k.submitPermission,
        content_submit_permissions: [...(k.contentSubmitPermissions ?? [])],
        approve_permission: k.approvePermission,
      })),
    }),
  );

  app.get(
    '/changes',
    {
      config: { permission: 'change:read' },
      schema: {
        tags,
        summary: 'List change requests, newest first / 变更申请列表（最新在前）',
        querystring: S.ChangeQuery,
        response: { 200: S.ChangePage },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await changes.list({
        status: q.status,
        kind: q.kind,
        targetType: q.target_type,
        targetId: q.target_id,
        makerId: q.maker_id,
        beforeId: q.before_id,
        limit: q.limit,
      });
      const last = items.at(-1);
      return { items, next_before_id: items.length === q.limit && last ? last.id : null };
    },
  );

  app.get(
    '/changes/:id',
    {
      config: { permission: 'change:read' },
      schema: {
        tags,
        summary: 'One change request / 单个变更申请',
        params: S.IdParams,
        response: { 200: S.Change },
      },
    },
    async (request) => changes.get(request.params.id),
  );

  app.post(
    '/changes',
    {
      config: { permission: 'change:submit' },
      schema: {
        tags,
        summary: 'Submit a change for a second person to approve / 提交变更以供他人审批',
        body: S.SubmitBody,
        response: { 201: S.Change },
      },
    },
    async (request, reply) => {
      const change = await changes.submit(caller(request), request.body);
      return reply.code(201).send(change);
    },
  );

  app.post(
    '/changes/:id/approve',
    {
      config: { permission: 'change:read' },
      schema: {
        tags,
        summary: 'Approve and apply a change (not your own) / 审批通过并生效（不可审批本人提交的变更）',
        description: 'Needs the approving permission of the change’s kind, checked against the change.',
        params: S.IdParams,
        body: S.OptionalComment,
        response: { 200: S.Change },
      },
    },
    async (request) => changes.approve(caller(request), request.params.id, request.body.comment),
  );

  app.post(
    '/changes/:id/reject',
    {
      config: { permission: 'change:read' },
      schema: {
        tags,
        summary: 'Reject a change, saying why / 驳回变更并说明理由',
        description: 'Needs the approving permission of the change’s kind, checked against the change.',
        params: S.IdParams,
        body: S.RequiredComment,
        response: { 200: S.Change },
      },
    },
    async (request) => changes.reject(caller(request), request.params.id, request.body.comment),
  );

  app.post(
    '/changes/:id/withdraw',
    {
      config: { permission: 'change:submit' },
      schema: {
        tags,
        summary: 'Withdraw your own pending change / 撤回本人提交的待审批变更',
        params: S.IdParams,
        body: S.OptionalComment,
        response: { 200: S.Change },
      },
    },
    async (request) => changes.withdraw(caller(request), request.params.id, request.body.comment),
  );
};
