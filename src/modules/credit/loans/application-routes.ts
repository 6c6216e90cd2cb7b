/**
 * `/api/v1/loan-applications` and `/api/v1/loan-authority`: applications entered, approved within
 * authority or by two people, rejected with a reason; and the authority table administrators set.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../engine/index.js';
import type { LoanRouteDeps } from './routes.js';
import * as S from './schemas.js';
import { fenOf } from './terms.js';

const applicationTags = ['loan applications'];
const loanTags = ['loans'];

/** The application and authority routes, registered by `loanRoutes`. */
export const applicationRoutes: FastifyPluginAsyncTypebox<{ deps: LoanRouteDeps }> = async (
  app,
  { deps },
) => {
  const loans = deps.loans.service;
  const read = { permission: 'loan:read' };
  const write = { permission: 'loan:write' };
  const approve = { permission: 'loan:approve' };

  app.get(
    '/loan-applications',
    {
      config: read,
      schema: {
        tags: applicationTags,
        summary: 'Loan applications, newest first / 贷款申请列表',
        querystring: S.ApplicationQuery,
        response: { 200: S.ApplicationPage },
      },
    },
    async (request) => loans.applications(request.query),
  );

  app.post(
    '/loan-applications',
    {
      config: write,
      schema: {
        tags: applicationTags,
        summary: 'Enter an application for review / 录入贷款申请',
        body: S.ApplicationBody,
        response: { 201: S.Application },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await loans.recordApplication(request.body, principalOf(request).actor)),
  );

  app.get(
    '/loan-applications/:id',
    {
      config: read,
      schema: {
        tags: applicationTags,
        summary: 'One application / 贷款申请详情',
        params: S.IdParams,
        response: { 200: S.Application },
      },
    },
    async (request) => loans.application(request.params.id),
  );

  app.post(
    '/loan-applications/:id/approve',
    {
      config: approve,
      schema: {
        tags: applicationTags,
        summary: 'Approve: booked within your authority, else sent to a second approver / 审批贷款申请',
        description:
          'Within the approver’s authority the loan is booked at once (status booked). Above it a loan.approve change is submitted (status awaiting_second_approval); another person with loan:approve whose own authority covers the amount approves the same application (or the change) to book it. The first approver cannot be the second (FK_ERR_LOAN_SAME_APPROVER).',
        params: S.IdParams,
        body: S.ApproveBody,
        response: { 200: S.Application },
      },
    },
    async (request) => loans.approve(principalOf(request), request.params.id, request.body.comment),
  );

  app.post(
    '/loan-applications/:id/reject',
    {
      config: approve,
      schema: {
        tags: applicationTags,
        summary: 'Reject with a reason / 拒绝贷款申请',
        params: S.IdParams,
        body: S.RejectBody,
        response: { 200: S.Application },
      },
    },
    async (request) => loans.reject(principalOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/loan-authority',
    {
      config: read,
      schema: {
        tags: loanTags,
        summary: 'Approval authority by user or role and product / 审批权限',
        response: { 200: S.AuthorityList },
      },
    },
    async () => ({ items: await loans.authority() }),
  );

  app.put(
    '/loan-authority',
    {
      config: { permission: 'settings:admin' },
      schema: {
        tags: loanTags,
        summary: 'Set or remove one approval authority entry (audited) / 设置审批权限',
        description:
          'A person’s own entry (for the product, else *) replaces what their roles give; otherwise the largest of their roles’ entries applies; none means no authority.',
        body: S.AuthorityBody,
        response: { 200: S.AuthoritySet },
      },
    },
    async (request) => {
      const b = request.body;
      const entry = await loans.setAuthority(principalOf(request).actor, {
        subject_type: b.subject_type,
        subject_id: b.subject_id,
        product: b.product,
        max_amount: b.max_amount === null ? null : fenOf(b.max_amount, 'body.max_amount'),
      });
      return { entry };
    },
  );
};
