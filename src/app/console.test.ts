import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePlugin } from './console.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A bare app with the console plugin and a not-found handler standing in for the API's 404 problem. */
async function appWith(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ code: 'FK_ERR_ROUTE_NOT_FOUND' }));
  await app.register(consolePlugin, { root });
  app.get('/api/v1/thing', async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('consolePlugin', () => {
  let dir: string;
  let app: FastifyInstance;
  let unbuilt: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fk-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Fengkong</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-3f2a1b.js'), 'console.log(1)');
    app = await appWith(dir);
    unbuilt = await appWith(join(dir, 'missing'));
  });
  afterAll(async () => {
    await app.close();
    await unbuilt.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / without caching it', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="root">');
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-3f2a1b.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toBe('console.log(1)');
  });

  it('answers a missing asset with the 404 problem and refuses a path escaping the folder', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/old-000000.js' })).statusCode).toBe(404);
    const escaping = await app.inject({ method: 'GET', url: '/assets/..%2findex.html' });
    expect(escaping.statusCode).toBe(403);
    expect(escaping.body).not.toContain('<div id="root">');
  });

  it('loads the app for a browser navigating to a console page', async () => {
    const response = await app.inject({ method: 'GET', url: '/decisions/42?q=1', headers: { accept: HTML } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
  });

  it('keeps the 404 problem for API paths, file names and clients that do not want HTML', async () => {
    for (const [url, accept] of [
      ['/api/v1/nothing', HTML],
      ['/api', HTML],
      ['/favicon.ico', HTML],
      ['/decisions', 'application/json'],
    ] as const) {
      const response = await app.inject({ method: 'GET', url, headers: { accept } });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toEqual({ code: 'FK_ERR_ROUTE_NOT_FOUND' });
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/thing', headers: { accept: HTML } })).json(),
    ).toEqual({ ok: true });
  });

  it('says in English and Chinese how to build the console when it is missing', async () => {
    for (const url of ['/', '/overview']) {
      const response = await unbuilt.inject({ method: 'GET', url, headers: { accept: HTML } });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build');
      expect(response.body).toContain('控制台尚未构建');
    }
  });
});
