import { Writable } from 'node:stream';
import Ajv from 'ajv';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import type { Authenticator, Principal } from './auth.js';
import { type App, buildApp } from './build-app.js';
import { compose, type Runtime } from './compose.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Signs that internals leaked into a response: stack frames, file paths, SQL. */
const LEAKS = [
  /\bat \S.*:\d+:\d+/,
  /node_modules/,
  /\/work\//,
  /\.ts\b/,
  /\bselect\b[\s\S]*\bfrom\b/i,
  /SQLITE_/,
];

/** A permission set that holds every permission: reaches handlers past access control. */
class EveryPermission extends Set<string> {
  override has(): boolean {
    return true;
  }
}

function principal(permissions: ReadonlySet<string>): Principal {
  return { actor: { type: 'user', id: 'tester' }, name: 'Tester', roles: ['test'], permissions };
}

const allowAll: Authenticator = { authenticate: async () => principal(new EveryPermission()) };
const allowNothing: Authenticator = { authenticate: async () => principal(new Set()) };

/** A runtime over a fresh SQLite database, with log lines collected in `logs`. */
async function openRuntime(env: NodeJS.ProcessEnv = {}) {
  const database: TestDatabase = await createTestDatabase('sqlite', false);
  await database.store.close();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const runtime = await compose(testConfig(database.url, env), { log: pino({ level: 'info' }, sink) });
  return {
    runtime,
    logs,
    async close() {
      await runtime.close();
      await database.drop();
    },
  };
}

/** The parsed problem body of a response, after checking the media type. */
function problemOf(response: { headers: Record<string, unknown>; body: string }): Record<string, unknown> {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return JSON.parse(response.body) as Record<string, unknown>;
}

describe('the HTTP app', () => {
  let opened: Awaited<ReturnType<typeof openRuntime>>;
  let runtime: Runtime;
  let app: App;
  let open: App;

  beforeAll(async () => {
    opened = await openRuntime({ FENGKONG_BODY_LIMIT: '4096' });
    runtime = opened.runtime;
    app = await buildApp(runtime);
    await app.ready();
    open = await buildApp({ ...runtime, authenticator: allowAll });
    await open.ready();
  });
  afterAll(async () => {
    await app.close();
    await open.close();
    await opened.close();
  });

  describe('errors as problem+json (RFC 9457)', () => {
    it('answers an unknown route with a complete problem document', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here?x=1' });
      expect(response.statusCode).toBe(404);
      const problem = problemOf(response);
      expect(problem).toEqual({
        type: 'urn:fengkong:problem:fk-err-route-not-found',
        title: 'No such route',
        status: 404,
        code: 'FK_ERR_ROUTE_NOT_FOUND',
        detail: 'GET /api/v1/nothing-here does not exist',
        instance: '/api/v1/nothing-here',
        request_id: response.headers['x-request-id'],
      });
      expect(problem['request_id']).toMatch(UUID_V7);
    });

    it('titles the problem in Chinese for Accept-Language: zh-CN', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/nope',
        headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' },
      });
      expect(problemOf(response)).toMatchObject({ title: '接口不存在', code: 'FK_ERR_ROUTE_NOT_FOUND' });
      const english = await app.inject({
        method: 'GET',
        url: '/nope',
        headers: { 'accept-language': 'en-GB' },
      });
      expect(problemOf(english)['title']).toBe('No such route');
    });

    it('answers a protected route without credentials with 401, and without the permission with 403', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/audit' });
      expect(response.statusCode).toBe(401);
      expect(problemOf(response)).toMatchObject({ status: 401, code: 'FK_ERR_UNAUTHENTICATED' });

      const denied = await buildApp({ ...runtime, authenticator: allowNothing });
      try {
        const forbidden = await denied.inject({ method: 'GET', url: '/api/v1/audit' });
        expect(forbidden.statusCode).toBe(403);
        expect(problemOf(forbidden)).toMatchObject({ code: 'FK_ERR_FORBIDDEN' });
        expect(problemOf(forbidden)['detail']).toContain('audit:read');
      } finally {
        await denied.close();
      }
    });

    it('names the invalid field of a query string', async () => {
      const response = await open.inject({ method: 'GET', url: '/api/v1/audit?limit=abc' });
      expect(response.statusCode).toBe(400);
      const problem = problemOf(response);
      expect(problem).toMatchObject({
        code: 'FK_ERR_VALIDATION',
        detail: 'querystring.limit must be integer',
      });
      expect(problem['errors']).toEqual([{ path: 'querystring.limit', message: 'must be integer' }]);
    });

    it('names the invalid or missing field of a body, without coercing types', async () => {
      const wrongType = await open.inject({
        method: 'POST',
        url: '/api/v1/audit/verify',
        payload: { checkpoints: '[]' },
      });
      expect(wrongType.statusCode).toBe(400);
      expect(problemOf(wrongType)['errors']).toEqual([
        { path: 'body.checkpoints', message: 'must be array' },
      ]);

      const missing = await open.inject({ method: 'POST', url: '/api/v1/audit/verify', payload: {} });
      expect(problemOf(missing)['errors']).toEqual([
        { path: 'body.checkpoints', message: "must have required property 'checkpoints'" },
      ]);
    });

    it('refuses integers beyond 2^53 − 1 and 1e400 as a 400 naming the field, not a database error', async () => {
      for (const url of [
        '/api/v1/audit/99999999999999999999',
        '/api/v1/audit/1e400',
        '/api/v1/audit?before_seq=1e400',
      ]) {
        const response = await open.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(400);
        expect(problemOf(response)['detail'], url).toMatch(
          /^(params\.seq|querystring\.before_seq) must be <= 9007199254740991$/,
        );
      }
    });

    it('refuses an RFC 3339 leap second that JavaScript dates cannot hold, instead of failing with 500', async () => {
      const response = await open.inject({ method: 'GET', url: '/api/v1/audit?from=2016-12-31T23:59:60Z' });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response)['detail']).toBe('querystring.from must match format "date-time"');
      const ok = await open.inject({
        method: 'GET',
        url: '/api/v1/audit?from=2016-12-31T23:59:59.999%2B08:00',
      });
      expect(ok.statusCode).toBe(200);
    });

    it('answers a body over the limit with 413', async () => {
      const response = await open.inject({
        method: 'POST',
        url: '/api/v1/audit/verify',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ checkpoints: [], padding: 'x'.repeat(5000) }),
      });
      expect(response.statusCode).toBe(413);
      expect(problemOf(response)).toMatchObject({ code: 'FK_ERR_PAYLOAD_TOO_LARGE', status: 413 });
    });

    it('answers 413 before authentication too, and 401 for a protected route with a small body', async () => {
      const big = await app.inject({
        method: 'POST',
        url: '/api/v1/audit/verify',
        headers: { 'content-type': 'application/json' },
        payload: 'x'.repeat(10_000),
      });
      expect([401, 413]).toContain(big.statusCode);
      expect(problemOf(big)['code']).toMatch(/^FK_ERR_(UNAUTHENTICATED|PAYLOAD_TOO_LARGE)$/);
    });

    it.each([
      ['text/plain', '{"checkpoints":[]}'],
      ['application/x-www-form-urlencoded', 'checkpoints='],
      ['multipart/form-data; boundary=x', '--x--'],
      ['application/xml', '<checkpoints/>'],
      ['application/json; charset=utf-16', '{"checkpoints":[]}'],
      ['application/json; charset=latin1', '{"checkpoints":[]}'],
      ['garbage', '{"checkpoints":[]}'],
    ])('answers content type %s with 415', async (contentType, payload) => {
      const response = await open.inject({
        method: 'POST',
        url: '/api/v1/audit/verify',
        headers: { 'content-type': contentType },
        payload,
      });
      expect(response.statusCode).toBe(415);
      expect(problemOf(response)).toMatchObject({ code: 'FK_ERR_UNSUPPORTED_MEDIA_TYPE' });
    });

    it('accepts JSON declared with an explicit UTF-8 charset or in upper case', async () => {
      for (const contentType of [
        'application/json; charset=utf-8',
        'application/json;charset="UTF-8"',
        'APPLICATION/JSON',
      ]) {
        const response = await open.inject({
          method: 'POST',
          url: '/api/v1/audit/verify',
          headers: { 'content-type': contentType },
          payload: '{"checkpoints":[]}',
        });
        expect(response.statusCode, contentType).toBe(200);
      }
    });

    it('refuses bytes that are not UTF-8 instead of replacing them with U+FFFD', async () => {
      for (const bytes of [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe4, 0xb8]]) {
        const payload = Buffer.concat([
          Buffer.from('{"checkpoints":[],"x":"'),
          Buffer.from(bytes),
          Buffer.from('"}'),
        ]);
        const response = await open.inject({
          method: 'POST',
          url: '/api/v1/audit/verify',
          headers: { 'content-type': 'application/json' },
          payload,
        });
        expect(response.statusCode).toBe(400);
        expect(problemOf(response)).toMatchObject({
          code: 'FK_ERR_MALFORMED_BODY',
          detail: 'the body is not valid UTF-8',
        });
      }
    });

    it('refuses __proto__ and constructor.prototype keys, saying so', async () => {
      for (const payload of [
        '{"checkpoints":[],"__proto__":{"admin":true}}',
        '{"checkpoints":[{"__proto__":{"seq":1}}]}',
        '{"checkpoints":[],"constructor":{"prototype":{"admin":true}}}',
      ]) {
        const response = await open.inject({
          method: 'POST',
          url: '/api/v1/audit/verify',
          headers: { 'content-type': 'application/json' },
          payload,
        });
        expect(response.statusCode).toBe(400);
        expect(problemOf(response)).toMatchObject({
          code: 'FK_ERR_MALFORMED_BODY',
          detail: 'the body contains a forbidden __proto__ or constructor.prototype key',
        });
      }
      expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
    });

    it('calls malformed JSON malformed', async () => {
      for (const payload of ['{"checkpoints":', '{checkpoints: []}', "{'checkpoints': []}", '', '\u00a0']) {
        const response = await open.inject({
          method: 'POST',
          url: '/api/v1/audit/verify',
          headers: { 'content-type': 'application/json' },
          payload,
        });
        expect(response.statusCode).toBe(400);
        expect(problemOf(response)['code']).toBe('FK_ERR_MALFORMED_BODY');
      }
    });

    it('answers deeply nested bodies (10,000 levels) with a 400, not a stack overflow', async () => {
      for (const payload of [
        `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
        `{"checkpoints":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
        `{"checkpoints":[${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}]}`,
        `{"checkpoints":[],"constructor":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
      ]) {
        const response = await open.inject({
          method: 'POST',
          url: '/api/v1/audit/verify',
          headers: { 'content-type': 'application/json' },
          payload,
        });
        expect(response.statusCode).toBeLessThan(500);
        expect([200, 400, 413]).toContain(response.statusCode);
      }
    });

    it('answers a URL that is not valid percent-encoding with a problem, carrying the request id', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/audit/%E0%A4%A',
        headers: { 'x-request-id': 'bad-url-1' },
      });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response)).toMatchObject({ code: 'FK_ERR_BAD_REQUEST', request_id: 'bad-url-1' });
      expect(response.headers['x-request-id']).toBe('bad-url-1');
    });

    it('answers an over-long path parameter with 414', async () => {
      const response = await app.inject({ method: 'GET', url: `/api/v1/audit/${'9'.repeat(500)}` });
      expect(response.statusCode).toBe(414);
      expect(problemOf(response)).toMatchObject({ code: 'FK_ERR_URI_TOO_LONG' });
    });
  });

  describe('request ids', () => {
    it('echoes a valid x-request-id in the header and in problems', async () => {
      const ok = await app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'lb-7f3a.2_x' },
      });
      expect(ok.headers['x-request-id']).toBe('lb-7f3a.2_x');
      const error = await app.inject({
        method: 'GET',
        url: '/nope',
        headers: { 'x-request-id': 'trace-42' },
      });
      expect(error.headers['x-request-id']).toBe('trace-42');
      expect(problemOf(error)['request_id']).toBe('trace-42');
    });

    it('generates a UUIDv7 when the id is absent or unsafe to echo', async () => {
      const ids = new Set<string>();
      for (const given of [
        undefined,
        '',
        'has space',
        'a'.repeat(65),
        '<script>',
        'line\u00e9',
        '../../etc',
      ]) {
        const response = await app.inject({
          method: 'GET',
          url: '/healthz',
          headers: given === undefined ? {} : { 'x-request-id': given },
        });
        const id = String(response.headers['x-request-id']);
        expect(id).toMatch(UUID_V7);
        ids.add(id);
      }
      expect(ids.size).toBe(7);
    });
  });

  describe('security headers', () => {
    it('sends CSP, nosniff and frame protection on pages, API answers and errors', async () => {
      for (const url of ['/healthz', '/api/openapi.json', '/api/docs', '/nope', '/api/v1/audit']) {
        const response = await app.inject({ method: 'GET', url });
        const csp = String(response.headers['content-security-policy']);
        expect(csp, url).toContain("default-src 'self'");
        // Swagger UI's page sets its own CSP, which allows framing by the same origin only.
        expect(csp, url).toMatch(/frame-ancestors '(none|self)'/);
        expect(csp, url).toContain("object-src 'none'");
        expect(response.headers['x-content-type-options'], url).toBe('nosniff');
        expect(response.headers['x-frame-options'], url).toMatch(/^(DENY|SAMEORIGIN)$/);
        expect(response.headers['referrer-policy'], url).toBe('no-referrer');
        expect(response.headers['x-powered-by'], url).toBeUndefined();
      }
    });
  });

  describe('health, readiness and metrics', () => {
    it('answers /healthz while the process is up', async () => {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
    });

    it('answers /readyz with the database and the number of migrations applied', async () => {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ready', database: 'sqlite', migrations: MIGRATIONS.length });
    });

    it('exposes request durations and error codes in Prometheus format', async () => {
      await app.inject({ method: 'GET', url: '/healthz' });
      await app.inject({ method: 'GET', url: '/definitely-missing' });
      const response = await app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.body).toContain('# TYPE fengkong_http_request_duration_seconds histogram');
      expect(response.body).toMatch(
        /fengkong_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/,
      );
      // Unknown URLs are one label value, so a scanner cannot blow up the metric's cardinality.
      expect(response.body).toContain('route="unmatched",status="404"');
      expect(response.body).not.toContain('definitely-missing');
      expect(response.body).toMatch(/fengkong_http_errors_total\{code="FK_ERR_ROUTE_NOT_FOUND"\} [1-9]/);
      expect(response.body).toContain('fengkong_process_');
    });
  });

  describe('API documentation', () => {
    it('serves a valid OpenAPI 3.1 document that lists the audit routes', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const document = response.json() as OpenApiDocument;
      expect(openApiProblems(document)).toEqual([]);
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/audit',
          '/api/v1/audit/verify',
          '/api/v1/audit/checkpoints',
          '/api/v1/audit/{seq}',
        ]),
      );
      expect(Object.keys(document.paths['/api/v1/audit/verify'] ?? {}).sort()).toEqual(['get', 'post']);
      // Operational endpoints and the document itself are not API operations.
      for (const hidden of ['/healthz', '/readyz', '/metrics', '/api/openapi.json']) {
        expect(document.paths[hidden]).toBeUndefined();
      }
      expect(document.components?.securitySchemes).toMatchObject({
        apiKey: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie' },
      });
    });

    it('serves Swagger UI as HTML at /api/docs, with its assets', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/docs' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<title>Swagger UI</title>');
      const asset = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui.css' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toMatch(/^text\/css/);
      const spec = await app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(spec.json().openapi).toBe('3.1.0');
    });
  });
});

describe('unexpected failures', () => {
  it('answers an error thrown by a handler with a 500 that shows the request id and nothing internal', async () => {
    const { runtime, logs, close } = await openRuntime();
    const app = await buildApp(runtime);
    try {
      app.get('/test/boom', { config: { public: true } }, async () => {
        throw new Error(
          'SQLITE_ERROR: no such column: secret in "select secret from app_user" at /work/main/src/x.ts:12:3',
        );
      });
      app.get('/test/throw-string', { config: { public: true } }, async () => {
        throw 'a string';
      });
      await app.ready();
      for (const url of ['/test/boom', '/test/throw-string']) {
        const response = await app.inject({
          method: 'GET',
          url,
          headers: { 'x-request-id': 'req-500', 'accept-language': 'zh-CN' },
        });
        expect(response.statusCode).toBe(500);
        const problem = problemOf(response);
        expect(problem).toEqual({
          type: 'urn:fengkong:problem:fk-err-internal',
          title: '内部错误',
          status: 500,
          code: 'FK_ERR_INTERNAL',
          detail: '内部错误',
          instance: url,
          request_id: 'req-500',
        });
        for (const leak of LEAKS) expect(response.body).not.toMatch(leak);
        expect(response.body).not.toContain('stack');
      }
      // Operators find the cause in the log, under the same request id.
      const logged = logs.map((line) => JSON.parse(line)).filter((l) => l.msg === 'request failed');
      expect(logged[0]).toMatchObject({ reqId: 'req-500', level: 50 });
      expect(logged[0].err.message).toContain('no such column');
    } finally {
      await app.close();
      await close();
    }
  });

  it('answers a failing dependency with a 500 that does not leak the database error', async () => {
    const { runtime, close } = await openRuntime();
    const failing = Object.create(runtime.audit) as typeof runtime.audit;
    failing.verify = async () => {
      throw Object.assign(
        new Error('relation "audit_log" does not exist: select * from audit_log order by seq'),
        {
          code: '42P01',
          severity: 'ERROR',
        },
      );
    };
    const app = await buildApp({ ...runtime, audit: failing, authenticator: allowAll });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/audit/verify' });
      expect(response.statusCode).toBe(500);
      expect(problemOf(response)).toMatchObject({ code: 'FK_ERR_INTERNAL', detail: 'Internal error' });
      for (const leak of LEAKS) expect(response.body).not.toMatch(leak);
      expect(response.body).not.toContain('audit_log');
    } finally {
      await app.close();
      await close();
    }
  });

  it('reports not ready (503 problem) when the database is closed, while /healthz stays up', async () => {
    const { runtime, close } = await openRuntime();
    const app = await buildApp(runtime);
    try {
      await app.ready();
      await runtime.store.close();
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(problemOf(response)).toMatchObject({
        code: 'FK_ERR_UNAVAILABLE',
        detail: 'the database does not answer',
      });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await close();
    }
  });

  it('reports not ready when a migration is missing from the database', async () => {
    const { runtime, close } = await openRuntime();
    const app = await buildApp(runtime);
    try {
      const last = MIGRATIONS.at(-1)?.name ?? '';
      await sql`delete from fengkong_migration where name = ${last}`.execute(runtime.store.db);
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(problemOf(response)['detail']).toBe(`migrations not applied: ${last}`);
    } finally {
      await app.close();
      await close();
    }
  });
});

describe('access control at registration', () => {
  it('refuses to start with a route that declares neither a permission nor public', async () => {
    const { runtime, close } = await openRuntime();
    const app = await buildApp(runtime);
    try {
      const register = async () => {
        app.post('/api/v1/forgotten', async () => ({ oops: true }));
        await app.ready();
      };
      await expect(register()).rejects.toThrow(
        'route POST /api/v1/forgotten declares no permission and is not public',
      );
    } finally {
      await app.close().catch(() => undefined);
      await close();
    }
  });

  it('accepts routes that declare a permission or public', async () => {
    const { runtime, close } = await openRuntime();
    const app = await buildApp(runtime);
    try {
      app.get('/test/open', { config: { public: true } }, async () => ({ ok: true }));
      app.get('/test/guarded', { config: { permission: 'test:read' } }, async () => ({ ok: true }));
      await app.ready();
      expect((await app.inject({ method: 'GET', url: '/test/open' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/test/guarded' })).statusCode).toBe(401);
    } finally {
      await app.close();
      await close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 structure (https://spec.openapis.org/oas/v3.1.0): the rules a client generator
// relies on, checked without a network fetch of the official schema.

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components?: { securitySchemes?: Record<string, unknown>; schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const OPENAPI_31 = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: { title: { type: 'string' }, version: { type: 'string' } },
    },
    servers: { type: 'array' },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        propertyNames: { enum: [...METHODS, 'summary', 'description', 'servers', 'parameters', '$ref'] },
        additionalProperties: {
          type: 'object',
          required: ['responses'],
          properties: {
            parameters: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'in'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  in: { enum: ['query', 'header', 'path', 'cookie'] },
                  required: { type: 'boolean' },
                },
                // A path parameter must say required: true.
                anyOf: [
                  { properties: { in: { enum: ['query', 'header', 'cookie'] } } },
                  { required: ['required'], properties: { required: { const: true } } },
                ],
              },
            },
            responses: {
              type: 'object',
              minProperties: 1,
              propertyNames: { pattern: '^([1-5](\\d\\d|XX)|default)$' },
              additionalProperties: { type: 'object', required: ['description'] },
            },
          },
        },
      },
    },
    components: {
      type: 'object',
      properties: {
        securitySchemes: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['type'],
            properties: { type: { enum: ['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'] } },
          },
        },
      },
    },
  },
} as const;

/** Every way `document` breaks the OpenAPI 3.1 rules above; empty when it is valid. */
function openApiProblems(document: OpenApiDocument): string[] {
  const validate = new Ajv.default({ allErrors: true, strict: false }).compile(OPENAPI_31);
  const problems = validate(document)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  // Every {name} in a path template is declared as a path parameter of each operation, and back.
  for (const [path, item] of Object.entries(document.paths)) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const parameters = ((operation as { parameters?: { in: string; name: string }[] }).parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      if (JSON.stringify(parameters) !== JSON.stringify(templated)) {
        problems.push(
          `${method.toUpperCase()} ${path}: path parameters ${parameters} do not match the template`,
        );
      }
    }
  }
  // Every local $ref resolves.
  const text = JSON.stringify(document);
  for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
    let node: unknown = document;
    for (const part of (ref ?? '').split('/')) {
      node = (node as Record<string, unknown> | undefined)?.[
        part.replaceAll('~1', '/').replaceAll('~0', '~')
      ];
    }
    if (node === undefined) problems.push(`$ref #/${ref} does not resolve`);
  }
  return problems;
}
