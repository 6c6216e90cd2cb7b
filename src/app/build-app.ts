import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../kernel/clock.js';
import { RouteNotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { type AuditLog, auditPlugin } from '../modules/audit/index.js';
import type { Store } from '../store/database.js';
import { type Authenticator, installAccessControl } from './auth.js';
import { healthPlugin } from './health.js';
import type { Metrics } from './metrics.js';
import { sendProblem, toFkError } from './problem.js';

/** Everything the HTTP app needs, wired by `compose`. */
export interface AppDeps {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly audit: AuditLog;
  readonly authenticator: Authenticator;
}

/** The Fastify instance type of this app. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Builds the HTTP app without listening: tests call `inject`, the server entry calls `listen`.
 * Request bodies are validated strictly (no type coercion); query strings and path parameters are
 * coerced from text, as they can only be text.
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, metrics } = deps;
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast only narrows the generic parameter.
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ajvOptions = { allErrors: false, removeAdditional: true, useDefaults: true, strict: false } as const;
  const bodyAjv = addFormats.default(new Ajv.default({ ...ajvOptions, coerceTypes: false }));
  const textAjv = addFormats.default(new Ajv.default({ ...ajvOptions, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object),
  );

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.setErrorHandler((error, request, reply) => {
    const fk = toFkError(error);
    metrics.httpErrors.inc({ code: fk.code });
    if (fk.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: fk.code }, fk.message);
    return sendProblem(reply, fk);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, RouteNotFound(`${request.method} ${request.url.split('?')[0]} does not exist`)),
  );

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: false,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fengkong API',
        version: '1',
        description: 'Risk control for internet finance. 互联网金融风险控制平台。',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer fk_…' },
          session: { type: 'apiKey', in: 'cookie', name: 'fk_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  installAccessControl(app, deps.authenticator);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(healthPlugin, { deps });
  await app.register(auditPlugin, { prefix: '/api/v1', deps });
  return app;
}
