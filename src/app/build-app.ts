import type { IncomingMessage, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifySchema,
  type RawServerDefault,
} from 'fastify';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../kernel/clock.js';
import { RouteNotFound, Unavailable } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { type AuditLog, auditPlugin } from '../modules/audit/index.js';
import { type Cases, casesPlugin } from '../modules/cases/index.js';
import { type Credit, creditPlugin } from '../modules/credit/index.js';
import { type Loans, loansPlugin } from '../modules/credit/loans/index.js';
import { type Engine, enginePlugin, eventDataSchemas } from '../modules/engine/index.js';
import { type Lists, listsPlugin } from '../modules/engine/lists/index.js';
import { type ChangeService, changesPlugin } from '../modules/identity/changes/index.js';
import { type Identity, identityPlugin } from '../modules/identity/index.js';
import { type Alerts, alertsPlugin } from '../modules/warning/alerts/index.js';
import { type Kris, krisPlugin } from '../modules/warning/kri/index.js';
import { type Register, registerPlugin } from '../modules/warning/register/index.js';
import type { Store } from '../store/database.js';
import { type Authenticator, installAccessControl } from './auth.js';
import { consolePlugin } from './console.js';
import { healthPlugin } from './health.js';
import type { Metrics } from './metrics.js';
import {
  acceptOnlyJsonBodies,
  answerClientError,
  sendFrameworkError,
  sendProblem,
  toFkError,
} from './problem.js';

/** Everything the HTTP app needs, wired by `compose`. */
export interface AppDeps {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly audit: AuditLog;
  readonly authenticator: Authenticator;
  /** People, sessions, MFA and API keys; provides the authenticator. */
  readonly identity: Identity;
  /** Four-eyes change requests; other modules submit through it. */
  readonly changes: ChangeService;
  /** Block, allow and watch lists: service, identifier hasher and the engine's in-memory lookup. */
  readonly lists: Lists;
  /** Loan applications, approval authority, booked loans and their servicing. */
  readonly loans: Loans;
  /** The decision engine: event types, policies, decisions, reviews. */
  readonly engine: Engine;
  /** Credit risk: scorecards, loans, portfolio. */
  readonly credit: Credit;
  /** Alerts, escalation and notifications. */
  readonly alerts: Alerts;
  /** Cases, incidents, emergency plans and drills. */
  readonly cases: Cases;
  /** Key risk indicators and their evaluations. */
  readonly kris: Kris;
  /** The risk register and its heat map. */
  readonly register: Register;
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
    // Answered as problem+json by the shutdown hooks below; Fastify's own 503 is plain JSON.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const bodyAjv = requestAjv(false);
  const textAjv = requestAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object),
  );
  acceptOnlyJsonBodies(app);

  // Graceful shutdown: once closing has begun, a request arriving on an open keep-alive connection
  // gets a 503 problem; answers still in flight close their connection, so `close()` finishes as soon
  // as they are sent; connections still open when the grace period ends (a client that never
  // finishes its upload) are cut, so a stuck client cannot keep the process from exiting.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    setTimeout(() => app.server.closeAllConnections(), config.shutdownTimeoutMs).unref();
  });
  app.addHook('onRequest', async () => {
    if (closing) throw Unavailable('the server is shutting down');
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
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
  app.setNotFoundHandler((request, reply) => {
    metrics.httpErrors.inc({ code: RouteNotFound.definition.code });
    return sendProblem(reply, RouteNotFound(`${request.method} ${request.url.split('?')[0]} does not exist`));
  });

  // Security headers (helmet's defaults with this CSP), computed once: @fastify/helmet built helmet's
  // middleware again on every request, a twentieth of a decision's time.
  const security = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(security);
    done();
  });
  await app.register(swagger, {
    transform: documentAccess,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fengkong API',
        version: '1',
        description: 'Risk control for internet finance. 互联网金融风险控制平台。',
      },
      components: {
        // The data schema of each built-in event type, published for integrators.
        schemas: eventDataSchemas(),
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
  await app.register(identityPlugin, { prefix: '/api/v1', identity: deps.identity });
  await app.register(changesPlugin, { prefix: '/api/v1', deps });
  await app.register(listsPlugin, { prefix: '/api/v1', deps });
  await app.register(loansPlugin, { prefix: '/api/v1', deps });
  await app.register(enginePlugin, { prefix: '/api/v1', engine: deps.engine });
  await app.register(creditPlugin, { prefix: '/api/v1', credit: deps.credit });
  await app.register(alertsPlugin, { prefix: '/api/v1', alerts: deps.alerts });
  await app.register(casesPlugin, { prefix: '/api/v1', deps: { cases: deps.cases } });
  await app.register(registerPlugin, { prefix: '/api/v1', deps: { register: deps.register.register } });
  await app.register(krisPlugin, { prefix: '/api/v1', deps: { kris: deps.kris.service } });
  await app.register(consolePlugin, {});
  return app;
}

const rfc3339DateTime = fullFormats['date-time'] as { validate: (text: string) => boolean };

/**
 * The validator of one request part. Numbers are finite and integers safe (see `boundNumbers`). A
 * `date-time` is RFC 3339 and also a time JavaScript can represent: RFC 3339 allows a leap second
 * (`23:59:60Z`) that `new Date()` cannot parse, so a handler converting it would fail with a 500.
 */
function requestAjv(coerceTypes: false | 'array'): {
  compile(schema: object): ReturnType<Ajv.default['compile']>;
} {
  const ajv = addFormats.default(
    new Ajv.default({
      allErrors: false,
      removeAdditional: true,
      useDefaults: true,
      strict: false,
      // For bodies (JSON.parse turns 1e400 into Infinity). Not with coercion: ajv then skips the
      // bounds of a non-finite coerced value, so bounds alone must catch `?n=1e400`.
      strictNumbers: coerceTypes === false,
      coerceTypes,
    }),
  );
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (text: string) => rfc3339DateTime.validate(text) && Number.isFinite(Date.parse(text)),
  });
  // One bounded copy per schema object, so a schema shared by several routes (or carrying an $id)
  // reaches ajv as the same object every time, as it would without the copy.
  const bounded = new WeakMap<object, object>();
  return {
    compile: (schema) => {
      const copy = bounded.get(schema) ?? (boundNumbers(schema) as object);
      bounded.set(schema, copy);
      return ajv.compile(copy);
    },
  };
}

/**
 * A copy of `schema` where every integer without a bound is limited to ±(2^53 − 1) and every number
 * to ±Number.MAX_VALUE. Larger integers are not exact in JavaScript and overflow PostgreSQL's bigint;
 * ajv's coercion turns `?n=1e400` into Infinity and accepts it as an integer. The bounds make both a
 * 400 that names the field.
 */
function boundNumbers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundNumbers);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = boundNumbers(value);
  const limit =
    out['type'] === 'integer' ? Number.MAX_SAFE_INTEGER : out['type'] === 'number' ? Number.MAX_VALUE : 0;
  if (limit > 0) {
    out['maximum'] ??= limit;
    out['minimum'] ??= -limit;
  }
  return out;
}

/**
 * Writes each route's access rule into its OpenAPI operation: `x-fengkong-permission` names the
 * permission it needs, `x-fengkong-public` marks routes open to anyone (which also list no security
 * requirement). API clients see what a key needs; the authorisation-matrix test reads the same field.
 */
function documentAccess({
  schema,
  url,
  route,
}: {
  schema: unknown;
  url: string;
  route: { config?: unknown };
}): {
  schema: FastifySchema;
  url: string;
} {
  const config = (route.config ?? {}) as { permission?: string; public?: boolean };
  const base = (schema ?? {}) as Record<string, unknown>;
  const access = config.public
    ? { 'x-fengkong-public': true, security: base['security'] ?? [] }
    : config.permission
      ? { 'x-fengkong-permission': config.permission }
      : {};
  return { schema: { ...base, ...access } as FastifySchema, url };
}

/** The headers helmet sets with Fengkong's content security policy, captured from one run of it. */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  const middleware = helmet({
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
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
