import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Value } from 'typebox/value';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFengkong } from '../../test/support/cli.js';
import { EventEnvelope } from '../modules/engine/events/envelope.js';

/** Runs `fengkong ...args` in-process with captured streams. */
const fengkong = (args: readonly string[]) => runFengkong(args);

/** What the stand-in decision server received. */
interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** A local HTTP server standing in for a Fengkong server's decision endpoint; `answer` picks the reply. */
async function decisionServer(
  answer: (n: number) => { status: number; body: unknown },
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += String(chunk);
    });
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(text),
      });
      const { status, body } = answer(received.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, server };
}

describe('fengkong simulate', () => {
  let dir: string;
  let server: Server | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fk-sim-'));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
      server = undefined;
    }
  });

  it('writes the NDJSON file, the same bytes for the same seed, and prints the summary', async () => {
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    const run = await fengkong(['simulate', '--events', '5000', '--seed', '3', '--out', a]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('events / 事件: 5000');
    expect(run.stdout).toContain('by fraud pattern / 按欺诈模式:');
    expect(run.stdout).toMatch(/device_ring\s+\d+\s+[\d.]+%\s+Device ring \/ 设备团伙/);
    expect(run.stdout).toMatch(/loan_application\s+\d+\s+Loan application \/ 借款申请/);
    await fengkong(['simulate', '--events', '5000', '--seed', '3', '--out', b]);
    const text = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(text);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5000);
    for (const line of lines) expect(JSON.parse(line).label).toHaveProperty('fraud');
  });

  it('prints the summary as JSON with --json, counting what the file holds', async () => {
    const file = join(dir, 'e.ndjson');
    const run = await fengkong([
      'simulate',
      ...['--events', '20000', '--seed', '4', '--out', file, '--json'],
      ...[
        '--fraud-rates',
        'device_ring=0.02,bust_out=0',
        '--late',
        '0.01',
        '--start',
        '2024-06-01T00:00:00+08:00',
      ],
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const events = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(report.summary.events).toBe(20_000);
    expect(report.summary.by_pattern.bust_out).toBe(0);
    expect(report.summary.by_pattern.device_ring).toBe(
      events.filter((e) => e.label.pattern === 'device_ring').length,
    );
    expect(report.summary.by_pattern.device_ring / 20_000).toBeGreaterThan(0.017);
    expect(report.summary.by_type.registration).toBe(events.filter((e) => e.type === 'registration').length);
    expect(report.summary.first_at >= '2024-05-31T16:00:00.000Z').toBe(true);
    expect(report.seed).toBe(4);
  });

  it('writes the events to standard output without --out, and the summary to standard error', async () => {
    const run = await fengkong(['simulate', '--events', '300', '--seed', '9']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(300);
    expect(JSON.parse(lines[0]!).id).toBe('sim-9-1');
    expect(run.stderr).toContain('events / 事件: 300');
    const json = await fengkong(['simulate', '--events', '300', '--seed', '9', '--json']);
    expect(json.stdout).toBe(run.stdout);
    expect(JSON.parse(json.stderr).summary.events).toBe(300);
  });

  it.each([
    [['--events', '0'], '--events'],
    [['--events', 'many'], '--events'],
    [['--events', '10', '--seed', '-1'], '--seed'],
    [['--events', '10', '--start', 'yesterday'], '--start'],
    [['--events', '10', '--start', '2025-01-01'], '--start'],
    [['--events', '10', '--fraud-rates', 'phishing=0.1'], '--fraud-rates'],
    [['--events', '10', '--fraud-rates', 'bust_out=0.9'], '--fraud-rates'],
    [['--events', '10', '--fraud-rates', 'bust_out'], '--fraud-rates'],
    [['--events', '10', '--late', '0.5'], '--late'],
    [['--events', '10', '--rate', '5'], '--rate'],
    [['--events', '10', '--target', 'http://127.0.0.1:1', '--rate', '5'], '--api-key'],
    [['--events', '10', '--target', 'ftp://x', '--api-key', 'k', '--rate', '5'], '--target'],
    [['--events', '10', '--target', 'http://x', '--api-key', 'k', '--rate', '0'], '--rate'],
    [
      ['--events', '10', '--target', 'http://x', '--api-key', 'k', '--rate', '5', '--concurrency', '0'],
      '--concurrency',
    ],
    [['--events', '10', '--out', '/nonexistent-dir/x.ndjson'], '/nonexistent-dir/x.ndjson'],
    [[], '--events'],
  ])('refuses %j with one line naming %s and exit 1', async (args, flag) => {
    const run = await fengkong(['simulate', ...args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^fengkong: [^\n]+\n$/);
    expect(run.stderr).toContain(flag);
    expect(run.stdout).toBe('');
  });

  it('sends every event without its label to the decision API, with the API key, and reports the answers', async () => {
    const outcomes = ['approve', 'approve', 'review', 'reject'];
    const stub = await decisionServer((n) =>
      n % 10 === 0
        ? { status: 422, body: { code: 'FK_ERR_EVENT_INVALID' } }
        : { status: 200, body: { outcome: outcomes[n % 4] } },
    );
    server = stub.server;
    const file = join(dir, 'sent.ndjson');
    const run = await fengkong([
      'simulate',
      ...['--events', '200', '--seed', '5', '--target', `${stub.url}/`, '--api-key', 'fk_test_key'],
      ...['--rate', '2000', '--concurrency', '8', '--out', file, '--json'],
    ]);
    expect(run.code).toBe(0);
    expect(stub.received).toHaveLength(200);
    const written = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const byId = new Map(written.map((e) => [e.id, e]));
    for (const r of stub.received) {
      expect(r.method).toBe('POST');
      expect(r.url).toBe('/api/v1/decisions');
      expect(r.headers.authorization).toBe('Bearer fk_test_key');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body).not.toHaveProperty('label');
      expect(Value.Check(EventEnvelope, r.body)).toBe(true);
      const { label: _label, ...sent } = byId.get(r.body['id'])!;
      expect(r.body).toEqual(sent);
    }
    const { live, summary } = JSON.parse(run.stdout);
    expect(summary.events).toBe(200);
    expect(live).toMatchObject({ sent: 200, ok: 180, errors: 20, error_counts: { '422': 20 } });
    expect(live.outcomes.approve + live.outcomes.review + live.outcomes.reject).toBe(180);
    expect(live.outcomes.review).toBe(40); // n ≡ 2 (mod 4) in 1…200, less the ten that are also multiples of 10
    expect(live.latency_ms.p50).toBeGreaterThan(0);
    expect(live.latency_ms.p99).toBeGreaterThanOrEqual(live.latency_ms.p50);
  });

  it('paces the requests at the given rate', async () => {
    const stub = await decisionServer(() => ({ status: 200, body: { outcome: 'approve' } }));
    server = stub.server;
    const run = await fengkong([
      'simulate',
      ...['--events', '40', '--target', stub.url, '--api-key', 'k', '--rate', '100', '--json'],
    ]);
    expect(run.code).toBe(0);
    // 40 events at 100/s: the last one is due 390 ms after the first.
    expect(JSON.parse(run.stdout).live.elapsed_s).toBeGreaterThanOrEqual(0.38);
  });

  it('prints the report and fails with one line when the server accepts nothing', async () => {
    const stub = await decisionServer(() => ({ status: 401, body: { code: 'FK_ERR_UNAUTHENTICATED' } }));
    server = stub.server;
    const run = await fengkong([
      'simulate',
      '--events',
      '20',
      '--target',
      stub.url,
      '--api-key',
      'bad',
      '--rate',
      '1000',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('accepted / 成功: 0, errors / 失败: 20 (401 ×20)');
    expect(run.stderr).toBe(`fengkong: no event was accepted by ${stub.url}/api/v1/decisions (401 ×20)\n`);
  });

  it('counts a server that cannot be reached as network errors', async () => {
    const stub = await decisionServer(() => ({ status: 200, body: {} }));
    await new Promise((resolve) => stub.server.close(resolve));
    const run = await fengkong([
      'simulate',
      '--events',
      '5',
      '--target',
      stub.url,
      '--api-key',
      'k',
      '--rate',
      '1000',
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).live.error_counts).toEqual({ network: 5 });
  });
});
