/**
 * `/api/v1/risks`: the risk register and its heat map. Reading needs `kri:read`, changing needs
 * `kri:write`. A grading change is submitted with `POST /risks/{id}/grade` and applied when another
 * person approves it (`POST /changes/{id}/approve`, `change:approve`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../engine/index.js';
import { ChangeSchema } from '../../identity/changes/index.js';
import * as S from './schemas.js';
import type { RiskRegister } from './service.js';

/** What the register routes need. */
export interface RegisterRouteDeps {
  readonly register: RiskRegister;
}

const tags = ['risks'];

/** The routes, registered under `/api/v1`. */
export const registerRoutes: FastifyPluginAsyncTypebox<{ deps: RegisterRouteDeps }> = async (
  app,
  { deps },
) => {
  const register = deps.register;
  const read = { permission: 'kri:read' };
  const write = { permission: 'kri:write' };

  app.get(
    '/risks',
    {
      config: read,
      schema: {
        tags,
        summary: 'The risk register / 风险登记册',
        querystring: S.RiskQuery,
        response: { 200: S.RiskList },
      },
    },
    async (request) => ({ items: await register.list(request.query) }),
  );

  app.get(
    '/risks/heatmap',
    {
      config: read,
      schema: {
        tags,
        summary: 'Heat map of active risks, 5 × 5 / 风险热力图（5×5）',
        description: 'Residual grading by default; ?basis=inherent for the grading before controls.',
        querystring: S.HeatMapQuery,
        response: { 200: S.HeatMap },
      },
    },
    async (request) => register.heatmap(request.query.basis ?? 'residual'),
  );

  app.post(
    '/risks',
    {
      config: write,
      schema: { tags, summary: 'Record a risk / 登记风险', body: S.CreateBody, response: { 201: S.Risk } },
    },
    async (request, reply) =>
      reply.code(201).send(await register.create(request.body, principalOf(request).actor)),
  );

  app.get(
    '/risks/:id',
    {
      config: read,
      schema: { tags, summary: 'One risk / 单个风险', params: S.RiskParams, response: { 200: S.Risk } },
    },
    async (request) => register.get(request.params.id),
  );

  app.patch(
    '/risks/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a risk’s description, owner, KRIs or status / 修改风险信息',
        description:
          'Likelihood and impact are refused here (FK_ERR_RISK_GRADE_NEEDS_APPROVAL): submit POST /risks/{id}/grade.',
        params: S.RiskParams,
        body: S.PatchBody,
        response: { 200: S.Risk },
      },
    },
    async (request) => register.update(request.params.id, request.body, principalOf(request).actor),
  );

  app.post(
    '/risks/:id/grade',
    {
      config: write,
      schema: {
        tags,
        summary: 'Submit a grading change for four-eyes approval / 提交风险评级变更以供双人复核',
        params: S.RiskParams,
        body: S.GradeBody,
        response: { 201: ChangeSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await register.submitGrade(principalOf(request), request.params.id, request.body)),
  );

  app.put(
    '/risks/:id/controls/:control',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add or replace a control, with its last test / 新增或更新控制措施及其最近测试',
        params: S.ControlParams,
        body: S.ControlIn,
        response: { 200: S.Risk },
      },
    },
    async (request) =>
      register.putControl(
        request.params.id,
        request.params.control,
        request.body,
        principalOf(request).actor,
      ),
  );

  app.delete(
    '/risks/:id/controls/:control',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a control / 删除控制措施',
        params: S.ControlParams,
        response: { 200: S.Risk },
      },
    },
    async (request) =>
      register.removeControl(request.params.id, request.params.control, principalOf(request).actor),
  );
};
