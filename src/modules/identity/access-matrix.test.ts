import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { apiKeyFor, seedUser, sessionFor } from '../../../test/support/identity.js';
import { ManualClock } from '../../kernel/clock.js';
import { ROLE_NAMES, ROLES, type Role } from './permissions.js';

/**
 * The authorisation matrix: every operation of the OpenAPI document, called without credentials and
 * as every role. Operations document their rule (`x-fengkong-permission` or `x-fengkong-public`);
 * a role may call an operation exactly when `ROLES` gives it that permission.
 */

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly url: string;
  readonly permission?: string;
  readonly public: boolean;
}

/** The only operations anyone may call without credentials (plus the undocumented ones below). */
const PUBLIC_OPERATIONS = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/mfa',
  'POST /api/v1/auth/mfa/enrol',
  'POST /api/v1/auth/mfa/enrol/confirm',
];

/** Public endpoints kept out of the API document: health, readiness, metrics, the document, the docs. */
const PUBLIC_UNDOCUMENTED = ['/healthz', '/readyz', '/metrics', '/api/openapi.json', '/api/docs/'];

/** What the identity module's own operations must declare: a change here is a security decision. */
const IDENTITY_PERMISSIONS: Record<string, string> = {
  'POST /api/v1/auth/logout': 'session:self',
  'POST /api/v1/auth/logout-all': 'session:self',
  'GET /api/v1/auth/session': 'session:self',
  'POST /api/v1/auth/password': 'session:self',
  'GET /api/v1/people': 'session:self',
  'GET /api/v1/roles': 'user:read',
  'GET /api/v1/users': 'user:read',
  'POST /api/v1/users': 'user:admin',
  'GET /api/v1/users/{id}': 'user:read',
  'PATCH /api/v1/users/{id}': 'user:admin',
  'PUT /api/v1/users/{id}/roles': 'user:admin',
  'POST /api/v1/users/{id}/disable': 'user:admin',
  'POST /api/v1/users/{id}/enable': 'user:admin',
  'POST /api/v1/users/{id}/mfa-reset': 'user:admin',
  'POST /api/v1/users/{id}/password-reset': 'user:admin',
  'GET /api/v1/api-keys': 'apikey:admin',
  'POST /api/v1/api-keys': 'apikey:admin',
  'DELETE /api/v1/api-keys/{id}': 'apikey:admin',
};

const SAMPLE_ID = '01900000-0000-7000-8000-000000000000';

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      Record<string, unknown> & { parameters?: { in: string; name: string; schema?: { type?: string } }[] }
    >
  >;
};

function operationsOf(doc: OpenApi): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      let url = path;
      for (const p of op.parameters ?? []) {
        if (p.in !== 'path') continue;
        url = url.replace(`{${p.name}}`, p.schema?.type === 'integer' ? '1' : SAMPLE_ID);
      }
      out.push({
        method: method.toUpperCase(),
        path,
        url,
        permission: typeof op['x-fengkong-permission'] === 'string' ? op['x-fengkong-permission'] : undefined,
        public: op['x-fengkong-public'] === true,
      });
    }
  }
  return out;
}

describe('authorisation matrix', () => {
  let t: TestApp;
  let operations: Operation[];
  const credentials = new Map<Role, () => Promise<Record<string, string>>>();

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new ManualClock('2026-03-02T09:00:00.000Z') });
    for (const role of ROLE_NAMES) {
      if (role === 'integration') {
        const key = await apiKeyFor(t.runtime, ['integration']);
        credentials.set(role, async () => ({ authorization: key.authorization }));
      } else {
        const user = await seedUser(t.runtime, {
          username: `matrix-${role.replace('_', '-')}`,
          roles: [role],
          mfa: false,
        });
        // A fresh session for every call: some operations (logout) end the one they are called with.
        credentials.set(role, async () => ({ ...(await sessionFor(t.runtime, user.id)) }));
      }
    }
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
    operations = operationsOf(doc);
  });
  afterAll(() => t.close());

  const call = (op: Operation, headers: Record<string, string>) =>
    t.app.inject({
      method: op.method as 'GET',
      url: op.url,
      headers,
      ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { payload: {} } : {}),
    });

  it('documents an access rule for every operation, and the public ones are exactly the login steps', () => {
    expect(operations.length).toBeGreaterThan(20);
    const undeclared = operations
      .filter((op) => !op.public && !op.permission)
      .map((op) => `${op.method} ${op.path}`);
    expect(undeclared).toEqual([]);
    const open = operations.filter((op) => op.public).map((op) => `${op.method} ${op.path}`);
    expect(open.sort()).toEqual([...PUBLIC_OPERATIONS].sort());
    for (const [key, permission] of Object.entries(IDENTITY_PERMISSIONS)) {
      const op = operations.find((o) => `${o.method} ${o.path}` === key);
      expect(op?.permission, key).toBe(permission);
    }
  });

  it('answers 401 to every non-public operation called without credentials', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => !o.public)) {
      const res = await call(op, {});
      if (res.statusCode !== 401) wrong.push(`${op.method} ${op.path} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    for (const url of PUBLIC_UNDOCUMENTED) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
  });

  it('lets each role call exactly the operations its permissions allow (0 unexpected allows)', async () => {
    const unexpectedAllows: string[] = [];
    const unexpectedDenials: string[] = [];
    let pairs = 0;
    for (const role of ROLE_NAMES) {
      const granted = new Set<string>(ROLES[role].permissions);
      // API keys never carry session:self, whatever their roles.
      if (role === 'integration') granted.delete('session:self');
      for (const op of operations.filter((o) => !o.public)) {
        pairs++;
        const res = await call(op, await credentials.get(role)!());
        const denied =
          res.statusCode === 403 && (res.json() as { code?: string }).code === 'FK_ERR_FORBIDDEN';
        const label = `${role} × ${op.method} ${op.path} → ${res.statusCode}`;
        if (res.statusCode === 401) unexpectedDenials.push(label);
        else if (granted.has(op.permission!) && denied) unexpectedDenials.push(label);
        else if (!granted.has(op.permission!) && !denied) unexpectedAllows.push(label);
      }
    }
    expect(pairs).toBeGreaterThan(100);
    expect(unexpectedAllows).toEqual([]);
    expect(unexpectedDenials).toEqual([]);
  });
});
