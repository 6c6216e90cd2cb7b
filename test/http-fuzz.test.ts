/**
 * Fuzzes the whole HTTP surface with generated malformed requests through `app.inject`: every route
 * in the OpenAPI document plus the operational ones and unknown routes, every HTTP method, wrong
 * types, missing fields, huge and deeply nested bodies, `__proto__` keys, invalid UTF-8, wrong content
 * types, bad query strings and path parameters, long URLs and odd headers. A user must never see a
 * 500, an error that is not problem+json, or anything internal (stack frames, paths, SQL).
 *
 * Two apps share one runtime: the real one, where protected routes answer 401 before validation,
 * and one whose authenticator grants every permission, so bodies and queries reach validation and
 * handlers. The seed is fixed (override with FENGKONG_FUZZ_SEED) so a failure reproduces.
 */
import { METHODS } from 'node:http';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Authenticator } from '../src/app/auth.js';
import { type App, buildApp } from '../src/app/build-app.js';
import { compose, type Runtime } from '../src/app/compose.js';
import { initWorkspace } from '../src/app/workspace.js';
import { SYSTEM_ACTOR } from '../src/modules/audit/index.js';
import type { Dialect } from '../src/store/database.js';
import { transact } from '../src/store/transaction.js';
import { testConfig } from './support/app.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from './support/databases.js';

const SEED = Number(process.env['FENGKONG_FUZZ_SEED'] ?? 20_260_101);
const BODY_LIMIT = 64 * 1024;
/** A guard against a hung run, not a speed assertion: the runs take well under a minute each. */
const FUZZ_TIMEOUT_MS = 240_000;
/**
 * Requests per dialect run: SQLite carries the 20,000+; PostgreSQL repeats a sample of them. The run
 * past access control must reach every route beyond its gates, so it grows with the number of routes
 * (at least `openPerRoute` requests aimed at each, on average) rather than thinning out as modules add
 * routes.
 */
const RUNS: Record<Dialect, { guarded: number; open: number; openPerRoute: number }> = {
  sqlite: { guarded: 8_000, open: 12_500, openPerRoute: 150 },
  postgres: { guarded: 500, open: 2_500, openPerRoute: 64 },
};

/**
 * Routes that answer only a person's real session cookie: the fuzzing principal has none, so they can
 * only refuse (403) and have nothing past the gate to reach. Their refusals are still checked for 500s
 * and leaks like every other answer.
 */
const SESSION_ONLY = new Set(['GET /api/v1/auth/session']);

/** The size of the run past access control over `routes` routes. */
function openRuns(dialect: Dialect, routes: number): number {
  return Math.max(RUNS[dialect].open, RUNS[dialect].openPerRoute * routes);
}

// ---------------------------------------------------------------------------------------------
// What a response must never be

/** Signs of internals in a response body. Generated requests never contain these strings. */
const LEAKS: readonly [string, RegExp][] = [
  ['stack frame', /\n\s*at \S/],
  ['stack frame', /\bat (?:async )?\S+ \([^)]*:\d+:\d+\)/],
  ['stack property', /"stack"\s*:/],
  ['node_modules', /node_modules/],
  ['source path', /\/(?:work|home|usr|tmp|src)\/\S*\.(?:ts|js|mjs|cjs)\b/],
  ['SQL', /\bselect\b[^"]{0,80}\bfrom\b|\binsert into\b|\bdelete from\b|\bupdate \w+ set\b/i],
  ['database error', /SQLITE_|sqlite3|syntax error at or near|violates .* constraint|relation "[^"]+"/i],
  ['raw Fastify error', /FST_ERR_/],
];

interface FuzzRequest {
  readonly label: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
}

interface InjectedResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: string;
}

/** A short, readable description of a request for failure messages (bodies can be megabytes). */
function describeRequest(request: FuzzRequest): string {
  const size = request.payload === undefined ? 'no body' : `${request.payload.length}-byte body`;
  const url = request.url.length > 200 ? `${request.url.slice(0, 200)}…(${request.url.length})` : request.url;
  return `[${request.label}] ${request.method} ${url} ${JSON.stringify(request.headers).slice(0, 300)} ${size}`;
}

/** Throws with a precise message when `response` breaks a rule; returns nothing otherwise. */
function checkResponse(request: FuzzRequest, response: InjectedResponse): void {
  const where = () => `${describeRequest(request)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
  if (response.statusCode >= 500) throw new Error(`server error: ${where()}`);
  const requestId = response.headers['x-request-id'];
  if (typeof requestId !== 'string' || requestId === '') throw new Error(`no x-request-id: ${where()}`);
  const type = String(response.headers['content-type'] ?? '');
  if (response.statusCode >= 400) {
    if (!type.startsWith('application/problem+json'))
      throw new Error(`error is not problem+json: ${where()}`);
    if (request.method !== 'HEAD') {
      let problem: Record<string, unknown>;
      try {
        problem = JSON.parse(response.body) as Record<string, unknown>;
      } catch {
        throw new Error(`problem body is not JSON: ${where()}`);
      }
      if (typeof problem['code'] !== 'string' || !/^FK_ERR_[A-Z0-9_]+$/.test(problem['code'])) {
        throw new Error(`problem without an FK_ERR_ code: ${where()}`);
      }
      if (problem['request_id'] !== requestId) throw new Error(`problem request_id differs: ${where()}`);
      if (problem['status'] !== response.statusCode) throw new Error(`problem status differs: ${where()}`);
      if (typeof problem['title'] !== 'string' || problem['title'] === '')
        throw new Error(`untitled: ${where()}`);
      if (!String(problem['type']).startsWith('urn:fengkong:problem:'))
        throw new Error(`bad type: ${where()}`);
    }
  }
  // Swagger UI's own HTML, JS and CSS are third-party text; everything else is ours.
  const ours = response.statusCode >= 400 || type.includes('json') || type.startsWith('text/plain');
  if (ours) {
    // A 404 names the path it was asked for; a generated path is not a leak.
    const scanned = response.body.split(request.url.split('?')[0] ?? '').join('');
    for (const [what, pattern] of LEAKS) {
      if (pattern.test(scanned)) throw new Error(`response leaks ${what}: ${where()}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The routes under test, read from the OpenAPI document

type JsonSchema = Record<string, unknown>;

interface RouteModel {
  readonly method: string;
  /** OpenAPI path template, e.g. /api/v1/audit/{seq}. */
  readonly template: string;
  readonly query: readonly { name: string; schema: JsonSchema }[];
  readonly pathParams: readonly { name: string; schema: JsonSchema }[];
  readonly body?: JsonSchema;
}

const HTTP_OPERATIONS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** Every operation of the OpenAPI document, plus the operational routes it does not list. */
async function routesOf(app: App): Promise<RouteModel[]> {
  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: JsonSchema[]; requestBody?: JsonSchema }>>;
  };
  const routes: RouteModel[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_OPERATIONS.includes(method)) continue;
      const parameters = (operation.parameters ?? []) as { name: string; in: string; schema: JsonSchema }[];
      const content = (
        operation.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined
      )?.content;
      routes.push({
        method: method.toUpperCase(),
        template,
        query: parameters.filter((p) => p.in === 'query'),
        pathParams: parameters.filter((p) => p.in === 'path'),
        body: content?.['application/json']?.schema,
      });
    }
  }
  for (const url of ['/healthz', '/readyz', '/metrics', '/api/openapi.json', '/api/docs', '/api/docs/json']) {
    routes.push({ method: 'GET', template: url, query: [], pathParams: [] });
  }
  routes.push({
    method: 'GET',
    template: '/api/docs/static/{file}',
    query: [],
    pathParams: [{ name: 'file', schema: {} }],
  });
  return routes;
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Values that conform to `schema` (the part of JSON Schema TypeBox emits). */
function conforming(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return fc.constantFrom(...schema['enum']);
  const alternatives = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s) => conforming(s, depth + 1)));
  const num = (key: string, fallback: number) =>
    typeof schema[key] === 'number' ? (schema[key] as number) : fallback;
  switch (schema['type']) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      const required = ((schema['required'] ?? []) as string[]).filter((k) => k in properties);
      const model = Object.fromEntries(
        Object.entries(properties).map(([k, s]) => [k, conforming(s, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: required });
    }
    case 'array':
      return fc.array(conforming(schema['items'] as JsonSchema, depth + 1), {
        minLength: Math.min(num('minItems', 0), 3),
        maxLength: Math.min(num('maxItems', 3), 3),
      });
    case 'integer':
      return fc.integer({
        min: Math.max(num('minimum', -1e6), -1e9),
        max: Math.min(num('maximum', 1e6), 1e9),
      });
    case 'number':
      return fc.double({
        min: num('minimum', -1e9),
        max: num('maximum', 1e9),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string': {
      if (typeof schema['pattern'] === 'string') {
        // Hashes, keys and signatures (^[0-9a-f]{64}$): bytes as hex, much faster than stringMatching.
        const hex = /^\^\[0-9a-f\]\{(\d+)\}\$$/.exec(schema['pattern']);
        const length = Number(hex?.[1] ?? Number.NaN);
        if (length % 2 === 0) {
          return fc
            .uint8Array({ minLength: length / 2, maxLength: length / 2 })
            .map((b) => Buffer.from(b).toString('hex'));
        }
        return fc.stringMatching(new RegExp(schema['pattern']));
      }
      if (schema['format'] === 'date-time') {
        return fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms).toISOString());
      }
      if (schema['format'] === 'email') return fc.emailAddress();
      if (schema['format'] === 'uuid') return fc.uuid();
      const min = num('minLength', 0);
      return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(num('maxLength', 24), 40)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of the wrong type, or at the edge of what JSON and JavaScript represent. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 2, '', '0', 'null', 'true'),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\uffff',
    'x'.repeat(5000),
    '2016-12-31T23:59:60Z',
    '1e400',
  ),
  fc.constantFrom([], {}, [[]], [null], { '': null }, { length: 1 }),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Applies one structural mutation to a copy of `value`: delete a key, retype a member, add junk. */
function mutate(value: unknown, kind: number, pick: number, replacement: unknown, key: string): unknown {
  const root = { v: structuredClone(value) } as Record<string, unknown>;
  const containers: Record<string, unknown>[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node !== null && typeof node === 'object') {
      containers.push(node as Record<string, unknown>);
      stack.push(...Object.values(node));
    }
  }
  const target = containers[pick % containers.length] ?? root;
  const keys = Object.keys(target);
  const existing = keys[pick % Math.max(keys.length, 1)];
  switch (kind % 4) {
    case 0:
      if (existing !== undefined) delete target[existing];
      break;
    case 1:
      if (existing !== undefined) target[existing] = replacement;
      break;
    case 2:
      target[key] = replacement;
      break;
    default:
      root['v'] = [root['v']];
  }
  return root['v'];
}

/** JSON text `depth` levels deep, optionally inside a member of an otherwise valid-looking body. */
const deeplyNested: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 500, max: 10_000 }),
    fc.constantFrom('[', '{"a":'),
    fc.boolean(),
    fc.string({ maxLength: 12 }),
  )
  .map(([depth, open, wrapped, member]) => {
    const close = open === '[' ? ']' : '}';
    const nested = `${open.repeat(depth)}${open === '[' ? '' : '1'}${close.repeat(depth)}`;
    return wrapped ? `{${JSON.stringify(member)}:${nested}}` : nested;
  });

/** `__proto__` and `constructor.prototype` keys at any depth of a body. */
function poisoned(base: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc
    .tuple(
      base,
      fc.constantFrom(
        '"__proto__":{"isAdmin":true}',
        '"__proto__":[]',
        '"__proto__":null',
        '"constructor":{"prototype":{"isAdmin":true}}',
        '"__pro\\u0074o__":{"x":1}',
        '"constructor":{"prototype":null}',
      ),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([value, member, depth]) => {
      const inner = `{${member}}`;
      const wrapped = '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
      const text = JSON.stringify(value ?? {});
      return text.startsWith('{') && text.length > 2 ? `{${wrapped.slice(1, -1)},${text.slice(1)}` : wrapped;
    });
}

/** Valid-looking JSON with bytes that are not UTF-8 spliced in. */
function invalidUtf8(base: fc.Arbitrary<unknown>): fc.Arbitrary<Buffer> {
  const bad = fc.constantFrom(
    [0xff],
    [0xfe, 0xff],
    [0xc0, 0x80],
    [0xc3],
    [0xe2, 0x82],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0x80],
  );
  return fc.tuple(base, bad, fc.nat()).map(([value, bytes, at]) => {
    const text = Buffer.from(JSON.stringify(value ?? { x: 'y' }));
    const i = at % (text.length + 1);
    return Buffer.concat([text.subarray(0, i), Buffer.from(bytes), text.subarray(i)]);
  });
}

const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '[',
    '{"a":}',
    '{"a" 1}',
    "{'a':1}",
    '{a:1}',
    'NaN',
    'undefined',
    '{"a":1,}',
    '[1,]',
  ),
  fc.constantFrom(
    '{"a":1}{"b":2}',
    '\u0000',
    '\ufeff\ufeff{}',
    '{"a":"\\x41"}',
    '{"a":"\\u12"}',
    '"\\ud800"',
    '01',
  ),
  fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
  fc.string({ maxLength: 200 }),
);

const hugeBody: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 2 }), fc.boolean())
  .map(([size, asJson]) => (asJson ? `{"items":[${'1,'.repeat(size / 2)}1]}` : 'x'.repeat(size)));

const binaryGarbage: fc.Arbitrary<Buffer> = fc
  .uint8Array({ minLength: 1, maxLength: 2048 })
  .map((bytes) => Buffer.from(bytes));

/** A body for `route`: mostly wrong, sometimes right, sometimes absent. */
function bodyFor(route: RouteModel): fc.Arbitrary<string | Buffer | undefined> {
  const base = route.body ? conforming(route.body) : fc.jsonValue({ maxDepth: 3 });
  const json = (v: unknown) => JSON.stringify(v) ?? 'null';
  return fc.oneof(
    {
      weight: route.body ? 6 : 1,
      arbitrary: fc
        .tuple(base, fc.nat(), fc.nat(), wrongValue, fc.string({ maxLength: 10 }))
        .map(([v, k, p, r, key]) => json(mutate(v, k, p, r, key))),
    },
    { weight: route.body ? 2 : 0, arbitrary: base.map(json) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    { weight: 2, arbitrary: deeplyNested },
    { weight: 2, arbitrary: poisoned(base) },
    { weight: 2, arbitrary: invalidUtf8(base) },
    { weight: 2, arbitrary: malformedJson },
    { weight: 1, arbitrary: hugeBody },
    { weight: 1, arbitrary: binaryGarbage },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: route.body ? 1 : 4, arbitrary: fc.constant(undefined) },
  );
}

/** Printable ASCII: what a header value can carry through inject. */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'application/json;charset=latin1',
      'application/json; charset="',
      'application/json; boundary',
      'APPLICATION/JSON',
      ' application/json ',
      'text/plain',
      'text/plain; charset=utf-8',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----fuzz',
      'application/xml',
      'application/problem+json',
      'application/json-patch+json',
      'application/octet-stream',
      '*/*',
      'application/*',
      ';;;',
      '',
      `application/${'x'.repeat(2000)}`,
    ),
  },
  { weight: 1, arbitrary: headerText(60) },
  { weight: 2, arbitrary: fc.constant(undefined) },
);

const oddHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'x-request-id': fc.oneof(
      fc.constantFrom(
        'req-1',
        'a'.repeat(64),
        'a'.repeat(65),
        '',
        'has space',
        '<script>',
        '../../etc/passwd',
        '%00',
      ),
      headerText(100),
    ),
    'accept-language': fc.oneof(
      fc.constantFrom(
        'zh-CN',
        'zh-CN,zh;q=0.9',
        'en',
        'zh;q=0',
        'en;q=abc, zh;q=NaN',
        '*',
        ';;;,,,',
        'x'.repeat(5000),
      ),
      headerText(200),
    ),
    accept: fc.constantFrom('application/json', 'text/html', 'application/xml', '*/*', '', 'image/png;q=0'),
    authorization: fc.oneof(
      headerText(80).map((t) => `Bearer ${t}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic YWRtaW46YWRtaW4=',
        'fk_',
        'Bearer fk_AAAA.BBBB',
        'x'.repeat(9000),
      ),
    ),
    cookie: fc.oneof(
      headerText(80).map((t) => `fk_session=${t}`),
      fc.constantFrom(
        'fk_session=',
        'fk_session',
        '=;=;',
        `fk_session=${'a'.repeat(5000)}`,
        'a=1; fk_session=x; fk_session=y',
      ),
    ),
    'x-csrf-token': headerText(60),
    'x-forwarded-for': fc.constantFrom('127.0.0.1', '::1, 10.0.0.1', 'not-an-ip', ''),
    'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x'),
  },
  { requiredKeys: [] },
);

/** A URL fragment for a path parameter: right, wrong, or hostile. */
const pathValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '1',
    '2',
    '0',
    '-1',
    '1.5',
    '1e3',
    '1e400',
    '99999999999999999999',
    '9007199254740993',
    '0x10',
  ),
  fc.constantFrom(
    'NaN',
    'Infinity',
    'true',
    'null',
    '%00',
    '%E0%A4%A',
    '%ff',
    '%2F',
    '%2e%2e',
    '..',
    '%20',
    '~',
  ),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'index.html',
    'swagger-ui.css',
    'swagger-initializer.js',
  ),
  fc.integer().map(String),
  fc.uuid(),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.integer({ min: 150, max: 400 }).map((n) => 'x'.repeat(n)),
);

/** A query-string value: text as a client would encode it, or raw hostile fragments. */
const queryValue: fc.Arbitrary<string> = fc.oneof(
  pathValue,
  fc.constantFrom(
    '',
    '%',
    '%%',
    '%zz',
    '=',
    '&',
    'a&b',
    '%E0%A4%A',
    '%00',
    '%C0%80',
    '%ED%A0%80',
    '1,2',
    '[]',
    '{}',
  ),
  fc.constantFrom(
    '2026-01-01T00:00:00Z',
    '2016-12-31T23:59:60Z',
    '2026-02-30T00:00:00Z',
    '0000-01-01T00:00:00Z',
  ),
  fc.constantFrom('9999-12-31T23:59:59.999999999+23:59', '2026-01-01T00:00:00+08', 'yesterday', '2026-01-01'),
  fc.integer({ min: 1000, max: 8_000 }).map((n) => 'q'.repeat(n)),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);

const hostileQueryKeys = [
  '__proto__',
  'constructor',
  'constructor[prototype]',
  '__proto__[x]',
  'a[b][c]',
  '',
  '%00',
  '%zz',
];

function queryFor(route: RouteModel): fc.Arbitrary<string> {
  const keys = [...route.query.map((q) => q.name), ...hostileQueryKeys];
  const pair = fc.tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...keys) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map(encodeURIComponent) },
    ),
    fc.oneof(
      { weight: 3, arbitrary: queryValue },
      {
        weight: 1,
        arbitrary:
          route.query.length > 0
            ? fc
                .constantFrom(...route.query)
                .chain((q) => conforming(q.schema).map(String).map(encodeURIComponent))
            : queryValue,
      },
    ),
    fc.constantFrom('=', '[]=', '', '=='),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 6,
      arbitrary: fc
        .array(pair, { maxLength: 6 })
        .map((pairs) => `?${pairs.map(([k, v, eq]) => `${k}${eq}${v}`).join('&')}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('?', '??', '?&&&', '?=', '?a=1?b=2', '?a=1#frag', `?${'a=1&'.repeat(1000)}`),
    },
  );
}

/** Paths that no route serves: close misses of real ones and random ones. */
const unknownPath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '/',
    '//',
    '/api',
    '/api/v1',
    '/api/v2/audit',
    '/API/V1/AUDIT',
    '/api/v1/audit/',
    '/healthz/',
    '//healthz',
  ),
  fc.constantFrom(
    '/api/v1/audit/1/2',
    '/api/v1/audit/verify/x',
    '/api/docs/nope',
    '/api/docs/static/../../package.json',
  ),
  fc.constantFrom(
    '/%2e%2e/%2e%2e/etc/passwd',
    '/.env',
    '/wp-admin',
    '/%00',
    '/%E0%A4%A',
    '/a%2Fb',
    '/a;b',
    '/*',
  ),
  fc
    .array(fc.stringMatching(/^[a-z0-9._~-]{1,12}$/), { minLength: 1, maxLength: 6 })
    .map((s) => `/${s.join('/')}`),
  fc.integer({ min: 1000, max: 16_000 }).map((n) => `/${'a'.repeat(n)}`),
  fc.integer({ min: 50, max: 3000 }).map((n) => '/x'.repeat(n)),
);

const ALL_METHODS = [...METHODS];

function routeRequest(route: RouteModel): fc.Arbitrary<FuzzRequest> {
  const params = fc.tuple(
    ...route.pathParams.map((p) =>
      fc.oneof(
        { weight: 2, arbitrary: conforming(p.schema).map((v) => encodeURIComponent(String(v))) },
        { weight: 3, arbitrary: pathValue },
      ),
    ),
  );
  const method = fc.oneof(
    { weight: 8, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constant(route.method === 'GET' ? 'HEAD' : route.method) },
    { weight: 2, arbitrary: fc.constantFrom(...ALL_METHODS) },
  );
  return fc
    .record({
      method,
      params,
      query: queryFor(route),
      body: bodyFor(route),
      type: contentType,
      headers: oddHeaders,
      lengthSkew: fc.oneof(
        { weight: 20, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: -5, max: 5 }) },
      ),
    })
    .map(({ method, params, query, body, type, headers, lengthSkew }) => {
      let path = route.template;
      route.pathParams.forEach((p, i) => {
        path = path.replace(`{${p.name}}`, params[i] ?? '');
      });
      const all: Record<string, string> = { ...headers };
      if (type !== undefined) all['content-type'] = type;
      if (body !== undefined && lengthSkew !== 0)
        all['content-length'] = String(Math.max(0, Buffer.byteLength(body) + lengthSkew));
      return {
        label: `${route.method} ${route.template}`,
        method,
        url: `${path}${query}`,
        headers: all,
        payload: body,
      };
    });
}

const unknownRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.constantFrom(...ALL_METHODS),
    path: unknownPath,
    query: queryFor({ method: 'GET', template: '/', query: [], pathParams: [] }),
    body: bodyFor({ method: 'POST', template: '/', query: [], pathParams: [] }),
    type: contentType,
    headers: oddHeaders,
  })
  .map(({ method, path, query, body, type, headers }) => ({
    label: 'unknown route',
    method,
    url: `${path}${query}`,
    headers: type === undefined ? headers : { ...headers, 'content-type': type },
    payload: body,
  }));

function requests(routes: readonly RouteModel[]): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...routes.map(routeRequest)) },
    { weight: 1, arbitrary: unknownRequest },
  );
}

// ---------------------------------------------------------------------------------------------
// The runs

/** Grants every permission, so requests get past access control into validation and handlers. */
const allowAll: Authenticator = {
  authenticate: async () => ({
    actor: { type: 'user', id: 'fuzzer' },
    name: 'Fuzzer',
    roles: ['fuzz'],
    permissions: new (class extends Set<string> {
      override has(): boolean {
        return true;
      }
    })(),
  }),
};

/** Answers given before a request reaches validation or its handler. */
const GATE_STATUSES = [401, 403, 404, 413, 414, 415];

/** A 404 from a handler that looked the resource up, as opposed to the router finding no route. */
function handlerNotFound(response: InjectedResponse): boolean {
  if (response.statusCode !== 404) return false;
  try {
    const code = (JSON.parse(response.body) as { code?: unknown }).code;
    return typeof code === 'string' && code !== 'FK_ERR_ROUTE_NOT_FOUND';
  } catch {
    return false;
  }
}

/** What the fuzzer saw, to prove it reached what it meant to reach. */
class Coverage {
  total = 0;
  readonly statuses = new Map<number, number>();
  /** Per route label: statuses seen. */
  readonly byRoute = new Map<string, Set<number>>();
  /**
   * Route labels with a request that got past the gates (authentication, routing, media type, size)
   * into validation or the handler: any status but the gates', or a 404 the handler gave for a
   * resource it looked up (its own problem code, not the router's `FK_ERR_ROUTE_NOT_FOUND`).
   */
  readonly reached = new Set<string>();

  add(request: FuzzRequest, response: InjectedResponse): void {
    this.total++;
    this.statuses.set(response.statusCode, (this.statuses.get(response.statusCode) ?? 0) + 1);
    const seen = this.byRoute.get(request.label) ?? new Set<number>();
    seen.add(response.statusCode);
    this.byRoute.set(request.label, seen);
    if (!GATE_STATUSES.includes(response.statusCode) || handlerNotFound(response))
      this.reached.add(request.label);
  }
}

async function fuzz(
  app: App,
  arbitrary: fc.Arbitrary<FuzzRequest>,
  numRuns: number,
  seed: number,
  coverage: Coverage,
) {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (request) => {
      const response = await app.inject({
        method: request.method as 'GET',
        url: request.url,
        headers: request.headers,
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      });
      coverage.add(request, response);
      checkResponse(request, response);
    }),
    // endOnFailure: the message names the failing request; shrinking megabyte bodies takes long.
    { numRuns, seed, endOnFailure: true },
  );
}

describeEachDialect('HTTP fuzz: generated malformed requests', (dialect) => {
  let database: TestDatabase;
  let runtime: Runtime;
  let guarded: App;
  let open: App;
  let routes: RouteModel[];
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const coverage = { guarded: new Coverage(), open: new Coverage() };

  beforeAll(async () => {
    database = await createTestDatabase(dialect, false);
    await database.store.close();
    runtime = await compose(
      testConfig(database.url, {
        FENGKONG_BODY_LIMIT: String(BODY_LIMIT),
        FENGKONG_AUDIT_KEY: 'fuzz-audit-checkpoint-key-0123456789abcdef',
      }),
      { log: pino({ level: 'silent' }) },
    );
    // Something to page through, verify and checkpoint.
    await initWorkspace(runtime, true);
    for (let i = 0; i < 5; i++) {
      await transact(runtime.store.db, (trx) =>
        runtime.audit.append(trx, {
          actor: SYSTEM_ACTOR,
          action: 'fuzz.seed',
          target: { type: 'fuzz', id: `f${i}` },
        }),
      );
    }
    await runtime.audit.checkpoint();
    guarded = await buildApp(runtime);
    open = await buildApp({ ...runtime, authenticator: allowAll });
    await Promise.all([guarded.ready(), open.ready()]);
    routes = await routesOf(open);
  });

  afterAll(async () => {
    await guarded?.close();
    await open?.close();
    await runtime?.close();
    await database?.drop();
  });

  it('covers every route of the OpenAPI document, including the audit routes', () => {
    const labels = routes.map((r) => `${r.method} ${r.template}`);
    expect(labels).toEqual(
      expect.arrayContaining([
        'GET /api/v1/audit',
        'GET /api/v1/audit/verify',
        'POST /api/v1/audit/verify',
        'GET /api/v1/audit/checkpoints',
        'POST /api/v1/audit/checkpoints',
        'GET /api/v1/audit/{seq}',
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
      ]),
    );
  });

  it(
    'never answers 500, always answers errors as problem+json, never leaks internals (real access control)',
    async () => {
      await fuzz(guarded, requests(routes), RUNS[dialect].guarded, SEED, coverage.guarded);
      // Protected routes stop at 401 here; public ones and unknown routes answer for themselves.
      expect(coverage.guarded.statuses.get(401)).toBeGreaterThan(0);
      expect(coverage.guarded.statuses.get(404)).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never answers 500 when every request gets past access control to validation and handlers',
    async () => {
      await fuzz(open, requests(routes), openRuns(dialect, routes.length), SEED + 1, coverage.open);
      for (const status of [200, 400, 404, 413, 415]) {
        expect(coverage.open.statuses.get(status) ?? 0, `responses with status ${status}`).toBeGreaterThan(0);
      }
      // Every route was reached beyond the gates (auth, routing, media type, size): validation or handler.
      for (const route of routes) {
        if (SESSION_ONLY.has(`${route.method} ${route.template}`)) continue;
        const label = `${route.method} ${route.template}`;
        const seen = [...(coverage.open.byRoute.get(label) ?? [])];
        expect(coverage.open.reached.has(label), `${label} saw ${seen.join(',')}`).toBe(true);
      }
    },
    FUZZ_TIMEOUT_MS,
  );

  it('sent at least 20,000 requests in all on SQLite', () => {
    const total = coverage.guarded.total + coverage.open.total;
    expect(total).toBe(RUNS[dialect].guarded + openRuns(dialect, routes.length));
    if (dialect === 'sqlite') expect(total).toBeGreaterThanOrEqual(20_000);
  });

  it('is still healthy and ready afterwards, with an intact audit chain and an unpolluted Object.prototype', async () => {
    for (const app of [guarded, open]) {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    }
    expect((await runtime.audit.verify()).intact).toBe(true);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });
});
