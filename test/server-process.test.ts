/**
 * The real `fengkong` bin as an operator runs it: a separate process started from `bin/fengkong.js`
 * (which runs the compiled `dist/`; `npm test` builds it first), listening on a port the system picks.
 * Checks what only a real process shows: start-up refusal on bad configuration, graceful shutdown on
 * SIGTERM with in-flight requests, a cleanly closed database, and the log stream.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'fengkong.js');

/** A started `fengkong` process and what it printed so far. */
class FengkongProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk) => {
      this.stdout += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      this.stderr += String(chunk);
    });
    this.exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The JSON log lines written to stdout. */
  logLines(): Record<string, unknown>[] {
    return this.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

let workDir: string;
const started: FengkongProcess[] = [];

/** Spawns `node bin/fengkong.js ...args` in the work folder with only `env` (and PATH) set. */
function fengkong(args: readonly string[], env: NodeJS.ProcessEnv = {}): FengkongProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: workDir,
    env: { PATH: process.env['PATH'], FENGKONG_LANG: 'en', FENGKONG_AUDIT_CHECKPOINT_INTERVAL: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = new FengkongProcess(child);
  started.push(running);
  return running;
}

/**
 * Polls `condition` until it holds. The bound only keeps a broken build from hanging the suite; no
 * test depends on how fast anything happens.
 */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Starts `fengkong serve` on a port the system picks; resolves once it prints its URL. */
async function serve(db: string, extraArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}) {
  const server = fengkong(['serve', '--db', db, '--port', '0', ...extraArgs], env);
  await until(
    () => /Fengkong is serving on http:\/\/\S+/.test(server.stderr) || !server.running,
    'the server to start',
  );
  const url = /Fengkong is serving on (http:\/\/\S+)/.exec(server.stderr)?.[1];
  if (!url) throw new Error(`fengkong serve did not start: ${server.stderr}`);
  return { server, url, port: Number(new URL(url).port) };
}

/** One HTTP request on a fresh connection; resolves with status, headers and the whole body. */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((done, fail) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

/** A raw TCP connection collecting everything the server sends. */
async function rawConnection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => {
    received += String(chunk);
  });
  socket.on('close', () => {
    closed = true;
  });
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  return {
    socket,
    get received() {
      return received;
    },
    get closed() {
      return closed;
    },
  };
}

/** Whether a new TCP connection to `port` is refused. */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = net.connect(port, '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      done(false);
    });
    probe.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

/** Splits a raw HTTP/1.1 response into status line, lower-cased headers and body. */
function parseRaw(raw: string) {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [status = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status, headers, body: rest.join('\r\n\r\n') };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it in pretest)');
  }
});

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'fk-proc-'));
});

afterEach(async () => {
  for (const p of started.splice(0)) {
    if (p.running) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
  rmSync(workDir, { recursive: true, force: true });
});

describe('fengkong serve as a process', () => {
  it('refuses to start with invalid configuration, naming every bad setting on one line', async () => {
    const run = fengkong(['serve'], { PORT: 'abc', FENGKONG_BODY_LIMIT: '1', FENGKONG_DB: 'mysql://x' });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr).toMatch(/^fengkong: invalid configuration \(3\): [^\n]+\n$/);
    for (const name of ['PORT', 'FENGKONG_BODY_LIMIT', 'FENGKONG_DB']) expect(run.stderr).toContain(name);
    expect(run.stdout).toBe('');
    // Nothing was created: the process stopped before touching any database.
    expect(existsSync(join(workDir, 'data'))).toBe(false);
  });

  it('serves /healthz, /readyz and the OpenAPI document, and loads the demo into a new database', async () => {
    const { server, url } = await serve(`sqlite:${join(workDir, 'fengkong.db')}`);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.stderr).toContain('Loaded the demo workspace');

    const health = await request(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    expect(health.headers['x-request-id']).toBeTruthy();

    const ready = await request(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ready', database: 'sqlite' });

    const openapi = await request(`${url}/api/openapi.json`);
    expect(openapi.status).toBe(200);
    const document = JSON.parse(openapi.body);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/audit');

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('answers requests that are not valid HTTP with problem+json too', async () => {
    const { port } = await serve(`sqlite:${join(workDir, 'fengkong.db')}`, ['--no-demo']);
    const malformed = await rawConnection(port);
    malformed.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nThis is not a header\r\n\r\n');
    await until(() => malformed.closed, 'the server to answer the malformed request');
    const bad = parseRaw(malformed.received);
    expect(bad.status).toBe('HTTP/1.1 400 Bad Request');
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(bad.body)).toMatchObject({ status: 400, code: 'FK_ERR_BAD_REQUEST' });

    const huge = await rawConnection(port);
    huge.socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(32 * 1024)}\r\n\r\n`);
    await until(() => huge.closed, 'the server to answer the oversized headers');
    const tooLarge = parseRaw(huge.received);
    expect(tooLarge.status).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(tooLarge.body)).toMatchObject({ status: 431, code: 'FK_ERR_HEADERS_TOO_LARGE' });
  });

  it('writes JSON log lines that never contain the credentials or cookies a client sent', async () => {
    const { server, url } = await serve(`sqlite:${join(workDir, 'fengkong.db')}`, ['--no-demo']);
    const secrets = {
      apiKey: 'fk_SuperSecretApiKey0123456789',
      session: 'SessionCookieSecret456',
      csrf: 'CsrfTokenSecret789',
      password: 'PasswordSecret000!',
    };
    const headers = {
      authorization: `Bearer ${secrets.apiKey}`,
      cookie: `fk_session=${secrets.session}; other=1`,
      'x-csrf-token': secrets.csrf,
      'content-type': 'application/json',
    };
    for (const path of ['/healthz', '/api/v1/audit', '/api/v1/audit/verify', '/no-such-route']) {
      await request(`${url}${path}`, { headers });
    }
    await request(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ username: 'admin', password: secrets.password }),
    });
    await request(`${url}/api/v1/audit/verify`, { method: 'POST', headers, body: '{"checkpoints":' });
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    const lines = server.logLines();
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(line).toMatchObject({
        level: expect.any(Number),
        time: expect.any(Number),
        msg: expect.any(String),
      });
    }
    // The requests were logged, under their request ids.
    expect(lines.some((l) => typeof l['reqId'] === 'string' && l['msg'] === 'request completed')).toBe(true);
    for (const secret of Object.values(secrets)) {
      expect(server.stdout).not.toContain(secret);
      expect(server.stderr).not.toContain(secret);
    }
  });

  it('on SIGTERM finishes in-flight requests, refuses new connections, closes the database and exits 0', async () => {
    const file = join(workDir, 'fengkong.db');
    const { server, url, port } = await serve(`sqlite:${file}`, ['--no-demo']);

    // A slow upload: headers and half of the body now, the rest after SIGTERM.
    const upload = await rawConnection(port);
    upload.socket.write(
      'POST /api/v1/slow-upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"a":',
    );
    // A slow download: Swagger UI's 1.5 MB bundle, read only after SIGTERM.
    let downloadStarted = false;
    let resumeDownload = () => {};
    const download = new Promise<{ length: number; expected: number; status: number }>((done, fail) => {
      http
        .get(`${url}/api/docs/static/swagger-ui-bundle.js`, { agent: false }, (res) => {
          res.pause();
          downloadStarted = true;
          let length = 0;
          res.on('data', (chunk: Buffer) => {
            length += chunk.length;
          });
          res.on('end', () =>
            done({ length, expected: Number(res.headers['content-length']), status: res.statusCode ?? 0 }),
          );
          resumeDownload = () => res.resume();
        })
        .on('error', fail);
    });
    await until(
      () => downloadStarted && server.stdout.includes('/api/v1/slow-upload'),
      'both requests to reach the server',
    );

    server.child.kill('SIGTERM');
    await until(() => refusesConnections(port), 'the server to stop accepting connections');
    expect(server.running).toBe(true); // still finishing the two requests

    upload.socket.write('12345}');
    resumeDownload();
    await until(() => upload.closed, 'the in-flight upload to be answered');
    const answer = parseRaw(upload.received);
    expect(answer.status).toBe('HTTP/1.1 404 Not Found');
    expect(answer.headers['connection']).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({
      code: 'FK_ERR_ROUTE_NOT_FOUND',
      instance: '/api/v1/slow-upload',
    });
    const downloaded = await download;
    expect(downloaded.status).toBe(200);
    expect(downloaded.expected).toBeGreaterThan(1_000_000);
    expect(downloaded.length).toBe(downloaded.expected);

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logLines().map((l) => l['msg'])).toEqual(
      expect.arrayContaining(['shutting down', 'fengkong stopped']),
    );

    // Closed cleanly: SQLite checkpointed and removed the write-ahead log, and the file is sound.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
    const verify = fengkong(['audit', 'verify', '--db', `sqlite:${file}`, '--json']);
    expect((await verify.exited).code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ intact: true });
  });

  it('answers a request that arrives on an open connection during shutdown with a 503 problem', async () => {
    const { server, port } = await serve(`sqlite:${join(workDir, 'fengkong.db')}`, ['--no-demo']);
    const upload = await rawConnection(port);
    upload.socket.write(
      'POST /api/v1/hold HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{',
    );
    const late = await rawConnection(port);
    late.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    await until(() => server.stdout.includes('/api/v1/hold'), 'the held request to reach the server');

    server.child.kill('SIGTERM');
    await until(() => refusesConnections(port), 'the server to stop accepting connections');
    late.socket.write('\r\n');
    await until(() => late.closed, 'the late request to be answered');
    const answer = parseRaw(late.received);
    expect(answer.status).toBe('HTTP/1.1 503 Service Unavailable');
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({
      code: 'FK_ERR_UNAVAILABLE',
      detail: 'the server is shutting down',
    });

    upload.socket.write('}');
    expect((await server.exited).code).toBe(0);
  });

  it('does not let a client that never finishes its request keep the process alive past the shutdown timeout', async () => {
    const file = join(workDir, 'fengkong.db');
    const { server, port } = await serve(`sqlite:${file}`, ['--no-demo'], {
      FENGKONG_SHUTDOWN_TIMEOUT_MS: '300',
    });
    const stuck = await rawConnection(port);
    stuck.socket.write(
      'POST /api/v1/never HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    await until(() => server.stdout.includes('/api/v1/never'), 'the stuck request to reach the server');

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(stuck.closed || stuck.socket.destroyed).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('exits 1 with a one-line reason when the port is already taken', async () => {
    const { port } = await serve(`sqlite:${join(workDir, 'a.db')}`, ['--no-demo']);
    const second = fengkong([
      'serve',
      '--db',
      `sqlite:${join(workDir, 'b.db')}`,
      '--port',
      String(port),
      '--no-demo',
    ]);
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.stderr).toMatch(/^fengkong: [^\n]*EADDRINUSE[^\n]*\n$/);
    expect(existsSync(join(workDir, 'b.db-wal'))).toBe(false);
  });
});
