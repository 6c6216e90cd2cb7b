import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where the console is and how it is served. */
export interface ConsoleOptions {
  /** The built console (`vite build` output); defaults to `web/dist` of this installation. */
  readonly root?: string;
}

/**
 * The folder `npm run build` writes the console to. This file runs as `src/app/console.ts` (tests)
 * and as `dist/app/console.js` (the server): both are two levels below the repository root.
 */
export const DEFAULT_CONSOLE_ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'web',
  'dist',
);

/** Vite names every built asset after its content hash, so a year of caching never serves stale code. */
const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';

/** Shown at `/` while the console is not built: an operator started the server without `npm run build`. */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fengkong console not built / 风控控制台尚未构建</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.6">
<h1>The console is not built</h1>
<p>Run <code>npm run build</code> in the Fengkong folder, then restart the server. The API works without it: see <a href="/api/docs">/api/docs</a>.</p>
<h1 lang="zh-CN">控制台尚未构建</h1>
<p lang="zh-CN">请在 Fengkong 目录中运行 <code>npm run build</code>，然后重启服务。API 不依赖控制台，文档见 <a href="/api/docs">/api/docs</a>。</p>
</body></html>
`;

/**
 * Serves the web console from the same server as the API: hashed assets under `/assets/` with a long
 * cache, `index.html` at `/`, and `index.html` for any other unknown GET that a browser navigates to
 * (the console routes on the client, so `/decisions/…` must load the app). Paths under `/api`, and
 * requests that do not accept HTML, keep the API's 404 problem. Without a build, `/` and navigations
 * answer a bilingual 503 page saying how to build it.
 *
 * The plugin is not encapsulated (Fastify's `skip-override`, what fastify-plugin sets) because the
 * navigation fallback is an `onRequest` hook that must see requests no route matched.
 */
export async function consolePlugin(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const root = options.root ?? DEFAULT_CONSOLE_ROOT;
  const indexFile = join(root, 'index.html');
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false, index: false });

  const sendIndex = (reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache');
    if (!existsSync(indexFile)) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    // Read on each request (it is a few hundred bytes) so a rebuild is served without a restart.
    return reply.type('text/html; charset=utf-8').send(readFileSync(indexFile));
  };

  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    sendIndex(reply),
  );
  app.get<{ Params: { '*': string } }>(
    '/assets/*',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      reply.header('cache-control', HASHED_ASSET_CACHE);
      // @fastify/send refuses paths leaving the folder and answers a missing file with the 404 problem.
      return reply.sendFile(request.params['*'], join(root, 'assets'));
    },
  );
  app.addHook('onRequest', async (request, reply) => {
    if (!isConsoleNavigation(request)) return;
    await sendIndex(reply);
    return reply;
  });
}
// Registered without encapsulation: see the doc comment above.
Object.assign(consolePlugin, { [Symbol.for('skip-override')]: true });

/**
 * A browser loading a console page: a GET or HEAD no route matched, outside `/api`, that accepts HTML
 * and names no file (a missing `/favicon.ico` stays a 404 rather than becoming the app's HTML).
 */
export function isConsoleNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (request.routeOptions.url !== undefined) return false;
  const path = request.url.split('?')[0] ?? '';
  if (path === '/api' || path.startsWith('/api/')) return false;
  if (/\.[A-Za-z0-9]+$/.test(path)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}
