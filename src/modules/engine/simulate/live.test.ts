import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { decisionsUrl, sendLive } from './live.js';
import { simulateEvents } from './simulator.js';

describe('sendLive', () => {
  it('never has more than `concurrency` requests in flight, and reuses connections', async () => {
    let inFlight = 0;
    let most = 0;
    const sockets = new Set<unknown>();
    const server = createServer((req, res) => {
      sockets.add(req.socket);
      inFlight++;
      most = Math.max(most, inFlight);
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          inFlight--;
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"outcome":"approve"}');
        }, 20),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const report = await sendLive(simulateEvents({ events: 60, seed: 1 }), {
        target: `http://127.0.0.1:${port}`,
        apiKey: 'k',
        rate: 100_000,
        concurrency: 4,
      });
      expect(report).toMatchObject({ sent: 60, ok: 60, errors: 0, outcomes: { approve: 60 } });
      expect(most).toBeLessThanOrEqual(4);
      expect(most).toBeGreaterThan(1);
      // Keep-alive: connections are reused (without it, 60 requests would open 60 of them).
      expect(sockets.size).toBeLessThanOrEqual(12);
      // Each request waits 20 ms and at most four run at once: at least 15 rounds.
      expect(report.elapsed_s).toBeGreaterThanOrEqual(0.29);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('posts to /api/v1/decisions under the base URL, with or without a trailing slash or a path', () => {
    expect(decisionsUrl('http://h:8080')).toBe('http://h:8080/api/v1/decisions');
    expect(decisionsUrl('http://h:8080//')).toBe('http://h:8080/api/v1/decisions');
    expect(decisionsUrl('https://h/risk/')).toBe('https://h/risk/api/v1/decisions');
  });
});
