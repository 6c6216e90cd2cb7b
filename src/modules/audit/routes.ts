import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFound } from '../../kernel/errors.js';
import { pickLang } from '../../kernel/i18n.js';
import { breakMessage } from './messages.js';
import * as S from './schemas.js';
import type { AuditLog, VerifyReport } from './service.js';

/** What the audit routes need. */
export interface AuditRouteDeps {
  readonly audit: AuditLog;
}

/** `/api/v1/audit…`: browse entries, verify the chain, create and list checkpoints. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: AuditRouteDeps }> = async (app, { deps }) => {
  const { audit } = deps;
  const withMessages = (report: VerifyReport, lang: ReturnType<typeof pickLang>) => ({
    ...report,
    first_break: report.first_break && {
      ...report.first_break,
      message: breakMessage(report.first_break, lang),
    },
  });

  app.get(
    '/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Page through audit entries, newest first / 分页查询审计记录',
        querystring: S.AuditQuery,
        response: { 200: S.AuditPage },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await audit.list({
        action: q.action,
        actorType: q.actor_type,
        actorId: q.actor_id,
        targetType: q.target_type,
        targetId: q.target_id,
        outcome: q.outcome,
        from: q.from && new Date(q.from).toISOString(),
        to: q.to && new Date(q.to).toISOString(),
        beforeSeq: q.before_seq,
        limit: q.limit,
      });
      const last = items.at(-1);
      return { items, next_before_seq: items.length === q.limit && last ? last.seq : null };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain and stored checkpoints / 校验审计哈希链',
        response: { 200: S.VerifyReport },
      },
    },
    async (request) => withMessages(await audit.verify(), pickLang(request.headers['accept-language'])),
  );

  app.post(
    '/audit/verify',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Verify the chain against exported signed checkpoints / 按导出的签名检查点校验',
        body: S.VerifyBody,
        response: { 200: S.VerifyReport },
      },
    },
    async (request) => {
      const checkpoints = request.body.checkpoints.map((c) => audit.readSigned(JSON.stringify(c)));
      return withMessages(await audit.verify(checkpoints), pickLang(request.headers['accept-language']));
    },
  );

  app.get(
    '/audit/checkpoints',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'List checkpoints / 检查点列表',
        response: { 200: S.CheckpointList },
      },
    },
    async () => ({ items: await audit.checkpoints() }),
  );

  app.post(
    '/audit/checkpoints',
    {
      config: { permission: 'audit:checkpoint' },
      schema: {
        tags: ['audit'],
        summary: 'Checkpoint the chain now; signed when a key is configured / 立即创建检查点',
        response: { 201: S.CheckpointCreated },
      },
    },
    async (_request, reply) => {
      const checkpoint = await audit.checkpoint();
      const signed = audit.canSign ? audit.sign(checkpoint) : null;
      return reply.code(201).send({ checkpoint, signed });
    },
  );

  app.get(
    '/audit/:seq',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'One audit entry / 单条审计记录',
        params: S.SeqParams,
        response: { 200: S.AuditEntry },
      },
    },
    async (request) => {
      const entry = await audit.get(request.params.seq);
      if (!entry) throw NotFound(`audit entry ${request.params.seq} does not exist`);
      return entry;
    },
  );
};
