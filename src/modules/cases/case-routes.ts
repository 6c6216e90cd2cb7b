/**
 * `/api/v1/cases`: reading needs `case:read`; opening, assigning, noting, moving, resolving and
 * linking need `case:work`. Proposing a list entry also needs what the list's four eyes need of a
 * maker (`list:write` or `list:propose`, checked by the change service), and lands only when another person approves
 * the change (`POST /changes/{id}/approve`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../engine/index.js';
import * as S from './case-schemas.js';
import type { CasesRouteDeps } from './routes.js';
import { IdParams } from './schemas.js';
import { DEFAULT_DUE_HOURS, labelOf } from './vocabulary.js';

const tags = ['cases'];

/** The case routes, registered under `/api/v1`. */
export const caseRoutes: FastifyPluginAsyncTypebox<{ deps: CasesRouteDeps }> = async (app, { deps }) => {
  const cases = deps.cases.cases;
  const read = { permission: 'case:read' };
  const work = { permission: 'case:work' };
  const actor = (request: Parameters<typeof principalOf>[0]) => principalOf(request).actor;

  app.get(
    '/cases/vocabulary',
    {
      config: read,
      schema: {
        tags,
        summary: 'Words of cases, incidents and plans with labels / 案件、事件与预案的词汇',
        response: { 200: S.Vocabulary },
      },
    },
    async () => {
      const words = (list: readonly string[]) => list.map((value) => ({ value, label: labelOf(value) }));
      const w = S.VOCABULARY_WORDS;
      return {
        case_types: words(w.case_types),
        priorities: words(w.priorities),
        case_statuses: words(w.case_statuses),
        dispositions: words(w.dispositions),
        incident_types: words(w.incident_types),
        severities: words(w.severities),
        incident_statuses: words(w.incident_statuses),
        drill_outcomes: words(w.drill_outcomes),
        checklist_statuses: words(w.checklist_statuses),
        due_hours: {
          P1: cases.deps.dueHours?.P1 ?? DEFAULT_DUE_HOURS.P1,
          P2: cases.deps.dueHours?.P2 ?? DEFAULT_DUE_HOURS.P2,
          P3: cases.deps.dueHours?.P3 ?? DEFAULT_DUE_HOURS.P3,
          P4: cases.deps.dueHours?.P4 ?? DEFAULT_DUE_HOURS.P4,
        },
      };
    },
  );

  app.post(
    '/cases',
    {
      config: work,
      schema: {
        tags,
        summary: 'Open a case, from decisions and alerts or by hand / 创建案件',
        description:
          'Linked decisions and alerts must exist (FK_ERR_CASE_LINK_NOT_FOUND); their subjects join the case. The due time follows the priority unless given.',
        body: S.CreateCaseBody,
        response: { 201: S.CaseDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await cases.create(actor(request), request.body)),
  );

  app.get(
    '/cases',
    {
      config: read,
      schema: {
        tags,
        summary: 'Cases, earliest due first / 案件列表',
        querystring: S.CaseQuery,
        response: { 200: S.CasePage },
      },
    },
    async (request) => {
      const q = request.query;
      return cases.list({
        status: q.status === 'active' ? ['open', 'in_progress'] : q.status ? [q.status] : undefined,
        type: q.type,
        priority: q.priority,
        assignee_id: q.assignee_id,
        subject_key: q.subject_key,
        subject_value: q.subject_value,
        decision_id: q.decision_id,
        alert_id: q.alert_id,
        overdue: q.overdue,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
    },
  );

  app.get(
    '/cases/:id',
    {
      config: read,
      schema: { tags, summary: 'One case / 单个案件', params: IdParams, response: { 200: S.CaseDetail } },
    },
    async (request) => cases.get(request.params.id),
  );

  app.post(
    '/cases/:id/assign',
    {
      config: work,
      schema: {
        tags,
        summary: 'Assign a case (null unassigns) / 分派案件',
        params: IdParams,
        body: S.AssignBody,
        response: { 200: S.CaseDetail },
      },
    },
    async (request) =>
      cases.assign(actor(request), request.params.id, request.body.assignee_id, request.body.note),
  );

  app.post(
    '/cases/:id/notes',
    {
      config: work,
      schema: {
        tags,
        summary: 'Add a note (append-only) / 添加备注',
        params: IdParams,
        body: S.NoteBody,
        response: { 200: S.CaseDetail },
      },
    },
    async (request) => cases.note(actor(request), request.params.id, request.body.text),
  );

  app.post(
    '/cases/:id/status',
    {
      config: work,
      schema: {
        tags,
        summary: 'Start, close or reopen a case / 变更案件状态',
        description: 'Closing and reopening need a reason; resolving is POST /cases/{id}/resolve.',
        params: IdParams,
        body: S.StatusBody,
        response: { 200: S.CaseDetail },
      },
    },
    async (request) =>
      cases.setStatus(actor(request), request.params.id, request.body.status, request.body.reason),
  );

  app.post(
    '/cases/:id/resolve',
    {
      config: work,
      schema: {
        tags,
        summary: 'Resolve a case with a disposition / 结案并给出处置结论',
        description:
          'confirmed_fraud labels every linked decision fraud in the review queue, false_positive labels them legitimate; the outcome of each label is in `labels`.',
        params: IdParams,
        body: S.ResolveBody,
        response: { 200: S.CaseDetail },
      },
    },
    async (request) =>
      cases.resolve(actor(request), request.params.id, request.body.disposition, request.body.note),
  );

  app.post(
    '/cases/:id/links',
    {
      config: work,
      schema: {
        tags,
        summary: 'Link decisions and alerts / 关联决策与预警',
        params: IdParams,
        body: S.LinkBody,
        response: { 200: S.CaseDetail },
      },
    },
    async (request) =>
      cases.link(actor(request), request.params.id, request.body.decision_ids, request.body.alert_ids),
  );

  app.post(
    '/cases/:id/list-proposals',
    {
      config: work,
      schema: {
        tags,
        summary: 'Propose list entries through four eyes / 经双人复核提议名单条目',
        description:
          'Submits a list.change change request as the caller (who needs list:write or list:propose); nothing is listed until another person approves it.',
        params: IdParams,
        body: S.ProposeBody,
        response: { 201: S.ProposalSubmitted },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const caller = { actor: principal.actor, permissions: principal.permissions };
      return reply.code(201).send(await cases.propose(caller, request.params.id, request.body));
    },
  );
};
