/**
 * `/api/v1/kris`: key risk indicators, their pushed values, on-demand evaluations and history;
 * `/api/v1/kri-values/import` for CSV files of values; `/api/v1/kri-metrics` lists the built-in
 * metrics a KRI can read. Reading needs `kri:read`; defining KRIs, pushing values and evaluating need
 * `kri:write` (an integration pushing values uses an API key holding the risk officer role).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../engine/index.js';
import * as S from './schemas.js';
import type { KriService } from './service.js';

/** What the KRI routes need. */
export interface KriRouteDeps {
  readonly kris: KriService;
}

const tags = ['kris'];

/** The routes, registered under `/api/v1`. */
export const kriRoutes: FastifyPluginAsyncTypebox<{ deps: KriRouteDeps }> = async (app, { deps }) => {
  const kris = deps.kris;
  const read = { permission: 'kri:read' };
  const write = { permission: 'kri:write' };

  app.get(
    '/kri-metrics',
    {
      config: read,
      schema: {
        tags,
        summary: 'Built-in metrics a KRI can read / 内置指标',
        response: { 200: S.MetricList },
      },
    },
    async () => ({
      items: kris.deps.metrics.list().map((m) => ({
        id: m.id,
        name: m.name,
        description: m.description ?? null,
        risk_type: String(m.riskType),
        unit: m.unit,
        direction: m.direction,
        params: (m.params ?? []).map((p) => ({
          name: p.name,
          required: p.required,
          description: p.description,
        })),
      })),
    }),
  );

  app.get(
    '/kris',
    {
      config: read,
      schema: {
        tags,
        summary: 'Key risk indicators / 关键风险指标',
        querystring: S.KriQuery,
        response: { 200: S.KriList },
      },
    },
    async (request) => ({ items: await kris.list(request.query) }),
  );

  app.post(
    '/kris',
    {
      config: write,
      schema: {
        tags,
        summary: 'Define a KRI / 定义关键风险指标',
        body: S.CreateBody,
        response: { 201: S.Kri },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await kris.create(request.body, principalOf(request).actor)),
  );

  app.get(
    '/kris/:id',
    {
      config: read,
      schema: { tags, summary: 'One KRI / 单个指标', params: S.KriParams, response: { 200: S.Kri } },
    },
    async (request) => kris.get(request.params.id),
  );

  app.patch(
    '/kris/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a KRI’s names, owner, thresholds, detectors or status / 修改指标',
        description:
          'Frequency, direction and source kind are fixed; a formula’s expression may change (cycles refused).',
        params: S.KriParams,
        body: S.PatchBody,
        response: { 200: S.Kri },
      },
    },
    async (request) => kris.update(request.params.id, request.body, principalOf(request).actor),
  );

  app.post(
    '/kris/:id/values',
    {
      config: write,
      schema: {
        tags,
        summary: 'Push the value of one period / 推送一个期间的数值',
        description:
          'Replaces the value of a period not yet evaluated; refused once it is (FK_ERR_KRI_PERIOD_EVALUATED).',
        params: S.KriParams,
        body: S.ValueBody,
        response: { 200: S.ValueReport },
      },
    },
    async (request) => kris.pushValue(request.params.id, request.body, principalOf(request).actor),
  );

  app.post(
    '/kri-values/import',
    {
      config: write,
      schema: {
        tags,
        summary: 'Import a CSV file of values (kri_id,period_start,value) / 导入指标数值 CSV 文件',
        description:
          'One transaction and one audit entry; every row is reported as added, replaced or refused.',
        body: S.ImportBody,
        response: { 200: S.ValueReport },
      },
    },
    async (request) => kris.importCsv(request.body.csv, principalOf(request).actor),
  );

  app.post(
    '/kris/:id/evaluate',
    {
      config: write,
      schema: {
        tags,
        summary: 'Evaluate one period now / 立即评估一个期间',
        description:
          'Stored once per period: evaluating a period again returns the stored evaluation (created: false). Refused for a period not yet ended or before the latest evaluated one.',
        params: S.KriParams,
        body: S.EvaluateBody,
        response: { 200: S.EvaluationResult },
      },
    },
    async (request) =>
      kris.evaluate(request.params.id, request.body.period_start, principalOf(request).actor),
  );

  app.get(
    '/kris/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary: 'The evaluated series with bands and signals / 指标历史（含预警等级与信号）',
        params: S.KriParams,
        querystring: S.HistoryQuery,
        response: { 200: S.History },
      },
    },
    async (request) => kris.history(request.params.id, request.query),
  );
};
