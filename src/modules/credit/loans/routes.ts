/**
 * `/api/v1/loan-applications`, `/api/v1/loans` and `/api/v1/loan-authority`. Reading needs
 * `loan:read`; entering applications, booking within one's authority, repayments, recoveries and
 * imports need `loan:write`; approving, rejecting and writing off need `loan:approve`; the authority
 * table is set with `settings:admin` (administrators delegate authority, approvers use it).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../engine/index.js';
import { applicationRoutes } from './application-routes.js';
import { LoanInvalid } from './errors.js';
import { formatMoney } from './money.js';
import type { PayoffQuote } from './repayments.js';
import * as S from './schemas.js';
import type { LoanService } from './service.js';
import { today } from './servicing.js';
import { fenOf } from './terms.js';

/** What the loan routes need. */
export interface LoanRouteDeps {
  readonly loans: { readonly service: LoanService };
}

const loanTags = ['loans'];

function quoteView(q: PayoffQuote) {
  return {
    on: q.on,
    penalty: formatMoney(q.penalty),
    fee: formatMoney(q.fee),
    interest: formatMoney(q.interest),
    accrued_interest: formatMoney(q.accruedInterest),
    principal: formatMoney(q.principal),
    credit: formatMoney(q.credit),
    total: formatMoney(q.total),
  };
}

/** The routes, registered under `/api/v1`. */
export const loanRoutes: FastifyPluginAsyncTypebox<{ deps: LoanRouteDeps }> = async (app, { deps }) => {
  const loans = deps.loans.service;
  const read = { permission: 'loan:read' };
  const write = { permission: 'loan:write' };
  const approve = { permission: 'loan:approve' };
  const day = () => today(loans.deps);
  await app.register(applicationRoutes, { deps });
  // Imports arrive as the CSV file itself; the parser is local to these routes.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get(
    '/loans',
    {
      config: read,
      schema: {
        tags: loanTags,
        summary: 'Loans with their position today / 贷款列表',
        querystring: S.LoanQuery,
        response: { 200: S.LoanPage },
      },
    },
    async (request) => loans.loans(request.query),
  );

  app.post(
    '/loans',
    {
      config: write,
      schema: {
        tags: loanTags,
        summary: 'Book a loan directly, within your authority / 直接录入贷款',
        description:
          'Booking is lending, so it is subject to the booker’s own approval authority for the product (FK_ERR_LOAN_AUTHORITY_EXCEEDED above it: enter an application instead).',
        body: S.BookBody,
        response: { 201: S.LoanDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await loans.book(principalOf(request).actor, request.body)),
  );

  app.post(
    '/loans/import',
    {
      config: write,
      schema: {
        tags: loanTags,
        summary: 'Import an existing book from CSV (text/csv) / 导入存量贷款',
        description:
          'Columns: record (loan or repayment), loan_ref, borrower_id, product, principal, annual_rate, term_months, schedule_kind, disbursed_on, first_due_date, upfront_fee or upfront_fee_rate, monthly_fee or monthly_fee_rate, amount, received_on, repayment_kind, reference. Each row is accepted or refused on its own; the accepted rows commit together with one audit entry.',
        consumes: ['text/csv'],
        response: { 200: S.ImportReport },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string')
        throw LoanInvalid('send the CSV file as the body with Content-Type: text/csv');
      return loans.import(request.body, principalOf(request).actor);
    },
  );

  app.get(
    '/loans/:id',
    {
      config: read,
      schema: {
        tags: loanTags,
        summary: 'One loan with its schedule and repayments / 贷款详情（还款计划与还款记录）',
        params: S.IdParams,
        querystring: S.AsOfQuery,
        response: { 200: S.LoanDetail },
      },
    },
    async (request) => loans.loan(request.params.id, request.query.as_of),
  );

  app.get(
    '/loans/:id/payoff',
    {
      config: read,
      schema: {
        tags: loanTags,
        summary: 'What paying the loan off costs on a day / 提前结清金额',
        params: S.IdParams,
        querystring: S.OnQuery,
        response: { 200: S.PayoffQuote },
      },
    },
    async (request) => quoteView(await loans.payoffQuote(request.params.id, request.query.on)),
  );

  app.post(
    '/loans/:id/repayments',
    {
      config: write,
      schema: {
        tags: loanTags,
        summary: 'Record a repayment / 登记还款',
        description:
          'regular: what is due, oldest first (penalty → fees → interest → principal), any excess held as credit for the next due dates; prepayment: then interest accrued to the day and principal, shortening the term; payoff: exactly the payoff quote.',
        params: S.IdParams,
        body: S.RepaymentBody,
        response: { 201: S.Repayment },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const repayment = await loans.repay(principalOf(request).actor, request.params.id, {
        kind: b.kind ?? 'regular',
        amount: fenOf(b.amount, 'body.amount'),
        receivedOn: b.received_on ?? day(),
        reference: b.reference ?? null,
      });
      return reply.code(201).send(repayment);
    },
  );

  app.post(
    '/loans/:id/write-off',
    {
      config: approve,
      schema: {
        tags: loanTags,
        summary: 'Write a loan off (audited) / 核销贷款',
        params: S.IdParams,
        body: S.WriteOffBody,
        response: { 201: S.WriteOff },
      },
    },
    async (request, reply) => {
      const { reason, written_off_on } = request.body;
      const done = await loans.writeOff(principalOf(request).actor, request.params.id, {
        reason: reason.trim(),
        on: written_off_on ?? day(),
      });
      return reply.code(201).send(done);
    },
  );

  app.post(
    '/loans/:id/recoveries',
    {
      config: write,
      schema: {
        tags: loanTags,
        summary: 'Record money recovered after a write-off / 登记核销后收回',
        params: S.IdParams,
        body: S.RecoveryBody,
        response: { 201: S.Recovery },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const amount = fenOf(b.amount, 'body.amount');
      if (amount <= 0)
        throw LoanInvalid('body.amount must be positive', [
          { path: 'body.amount', message: 'must be positive' },
        ]);
      const recovery = await loans.recover(principalOf(request).actor, request.params.id, {
        amount,
        receivedOn: b.received_on ?? day(),
        note: b.note ?? '',
      });
      return reply.code(201).send(recovery);
    },
  );
};
