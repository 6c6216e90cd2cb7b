import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Forbidden, Unauthenticated } from '../kernel/errors.js';
import type { Actor } from '../modules/audit/index.js';

/** Who is calling, once authenticated, and what they may do. */
export interface Principal {
  readonly actor: Actor;
  /** Display name for people, key name for machines. */
  readonly name: string;
  readonly roles: readonly string[];
  readonly permissions: ReadonlySet<string>;
  /** Session id when the caller is a person with a session (for logout, CSRF). */
  readonly sessionId?: string;
}

/**
 * The port through which the HTTP layer learns who is calling; the identity module provides it.
 * Returns undefined when the request carries no valid credentials.
 */
export interface Authenticator {
  authenticate(request: FastifyRequest): Promise<Principal | undefined>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller needs; every route declares one or `public: true`. */
    permission?: string;
    /** Reachable without credentials (health, readiness, docs, login). */
    public?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Installs access control on `app`: a route that declares neither a permission nor `public` fails to
 * register (so a forgotten check is a start-up error, not an open door), and every request to a
 * protected route is authenticated (401) and authorised (403) before its handler runs.
 */
export function installAccessControl(app: FastifyInstance, authenticator: Authenticator): void {
  app.addHook('onRoute', (route) => {
    const config = route.config as { permission?: string; public?: boolean } | undefined;
    if (route.method === 'HEAD' || route.url.startsWith('/api/docs')) return;
    if (!config?.public && !config?.permission) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission and is not public`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config as { permission?: string; public?: boolean } | undefined;
    if (config?.public || request.routeOptions.url === undefined || request.url.startsWith('/api/docs')) {
      // Public routes, docs, and unknown routes (answered 404 by the not-found handler).
      const principal = config?.public
        ? await authenticator.authenticate(request).catch(() => undefined)
        : undefined;
      if (principal) request.principal = principal;
      return;
    }
    const principal = await authenticator.authenticate(request);
    if (!principal) throw Unauthenticated('send a session cookie or Authorization: Bearer <api key>');
    request.principal = principal;
    const needed = config?.permission;
    if (needed && !principal.permissions.has(needed)) {
      throw Forbidden(`this action needs the permission ${needed}`);
    }
  });
}
