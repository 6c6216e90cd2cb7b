import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { Unavailable } from '../kernel/errors.js';
import { migrationStatus } from '../store/migrate.js';
import type { AppDeps } from './build-app.js';

/**
 * `/healthz`: the process is up. `/readyz`: the database answers and every migration is applied,
 * so a load balancer sends traffic only to instances that can serve it. `/metrics`: Prometheus.
 */
export const healthPlugin: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async () => {
    try {
      await sql`select 1`.execute(deps.store.db);
    } catch {
      throw Unavailable('the database does not answer');
    }
    const status = await migrationStatus(deps.store);
    if (status.pending.length > 0) throw Unavailable(`migrations not applied: ${status.pending.join(', ')}`);
    return { status: 'ready', database: deps.store.dialect, migrations: status.applied.length };
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
};
