/**
 * The audit module: a hash-chained, append-only record of every state change, with Merkle
 * checkpoints that can be exported, signed, and verified later.
 */
import type { FastifyPluginAsync } from 'fastify';
import { type AuditRouteDeps, auditRoutes } from './routes.js';

export type { ChainBreak, ChainEntry, ChainPoint } from './chain.js';
export { ChainVerifier, canonicalRecord, chainHash, GENESIS_HASH } from './chain.js';
export { MerkleFrontier } from './merkle.js';
export { breakMessage, describeVerify } from './messages.js';
export { REDACTED, redactSecrets } from './redact.js';
export type {
  Actor,
  AuditAppender,
  AuditEntry,
  AuditInput,
  Checkpoint,
  SignedCheckpoint,
  VerifyReport,
} from './service.js';
export { AuditBatch, AuditLog, SYSTEM_ACTOR } from './service.js';

/** The module's HTTP surface. */
export const auditPlugin: FastifyPluginAsync<{ deps: AuditRouteDeps }> = async (app, opts) => {
  await app.register(auditRoutes, { deps: opts.deps });
};
