import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postWebhook } from './webhook-sender.js';

describe('webhook POST', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });
  async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  it('connects to the checked address while naming the host of the URL', async () => {
    let host: string | undefined;
    const port = await listen((req, res) => {
      host = req.headers.host;
      res.writeHead(204).end();
    });
    const url = new URL(`http://hooks.example.com:${port}/x`);
    const outcome = await postWebhook(url, '127.0.0.1', {}, '{}', 2000);
    expect(outcome).toEqual({ ok: true, statusCode: 204, error: null });
    expect(host).toBe(`hooks.example.com:${port}`);
  });

  it('treats a redirect as a failure and does not follow it', async () => {
    let requests = 0;
    const port = await listen((_req, res) => {
      requests += 1;
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    });
    const outcome = await postWebhook(new URL(`http://127.0.0.1:${port}/`), '127.0.0.1', {}, '{}', 2000);
    expect(outcome).toMatchObject({ ok: false, statusCode: 302 });
    expect(requests).toBe(1);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const port = await listen(() => undefined);
    const outcome = await postWebhook(new URL(`http://127.0.0.1:${port}/`), '127.0.0.1', {}, '{}', 200);
    expect(outcome).toMatchObject({
      ok: false,
      statusCode: null,
      error: expect.stringContaining('no answer within 200 ms'),
    });
  });
});
