/**
 * Test support for notifications (kept out of the build): a local webhook receiver on 127.0.0.1 with
 * scripted answers, a minimal SMTP sink (a `net.Server` speaking just enough SMTP to take a message),
 * a decoder of the messages it receives, and a notifier over a fresh test database with a manual
 * clock. Nothing here reaches another host.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { ManualClock } from '../../../kernel/clock.js';
import type { Dialect } from '../../../store/database.js';
import { AuditLog } from '../../audit/index.js';
import type { NotifyConfig } from './config.js';
import type { Resolver } from './host-policy.js';
import { Notifier } from './service.js';

/** A request the webhook receiver got. */
export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running webhook receiver. */
export interface WebhookServer {
  readonly port: number;
  readonly url: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a receiver that answers the n-th request with `statuses[n]` (the last one repeats). */
export async function startWebhookServer(statuses: readonly number[] = [200]): Promise<WebhookServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
      res.end(status >= 300 ? 'receiver is down' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/hooks/fengkong`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A message the SMTP sink accepted. */
export interface SunkMail {
  readonly from: string;
  readonly to: string[];
  readonly data: string;
}

/** A running SMTP sink. */
export interface SmtpSink {
  readonly port: number;
  readonly messages: SunkMail[];
  /** Every command line received, in order (for protocol assertions). */
  readonly commands: string[];
  close(): Promise<void>;
}

/** Starts a sink on 127.0.0.1 that accepts every message; `rejectRcpt` answers RCPT with 550. */
export async function startSmtpSink(options: { rejectRcpt?: boolean } = {}): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let from = '';
    let to: string[] = [];
    let data: string[] = [];
    socket.write('220 sink.test ESMTP test sink\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push({ from, to, data: Buffer.from(data.join('\r\n'), 'latin1').toString('utf8') });
            socket.write('250 2.0.0 queued\r\n');
          } else data.push(line.startsWith('.') ? line.slice(1) : line);
          continue;
        }
        commands.push(line);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-sink.test\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n');
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          to = [];
          socket.write('250 2.1.0 ok\r\n');
        } else if (verb === 'RCPT') {
          if (options.rejectRcpt) socket.write('550 5.1.1 no such user\r\n');
          else {
            to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
            socket.write('250 2.1.5 ok\r\n');
          }
        } else if (verb === 'DATA') {
          inData = true;
          data = [];
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 2.0.0 bye\r\n');
        } else socket.write('502 5.5.2 not implemented\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    commands,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Decodes RFC 2047 "B" words (UTF-8) in a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\r?\n? +=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_m, b64: string) =>
      Buffer.from(b64, 'base64').toString('utf8'),
    );
}

/** A received message's headers (unfolded, by lowercase name) and its decoded text body. */
export function readMail(data: string): { headers: Record<string, string>; text: string } {
  const split = data.indexOf('\r\n\r\n');
  const head = data.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = data.slice(split + 4);
  const text =
    headers['content-transfer-encoding'] === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : body;
  return { headers, text };
}

/** A notifier over a fresh test database. */
export interface NotifyHarness {
  readonly database: TestDatabase;
  readonly clock: ManualClock;
  readonly audit: AuditLog;
  readonly notifier: Notifier;
  /** A second notifier over the same database, as a restarted process would build it. */
  restart(config?: Partial<NotifyConfig>): Notifier;
  drop(): Promise<void>;
}

/** Builds a notifier on `dialect` with `config`, no jitter, and (optionally) a fake resolver. */
export async function notifyHarness(
  dialect: Dialect,
  config: NotifyConfig,
  resolver?: Resolver,
): Promise<NotifyHarness> {
  const database = await createTestDatabase(dialect);
  const clock = new ManualClock('2026-03-01T08:00:00.000Z');
  const { db } = database.store;
  const audit = new AuditLog({ db, dialect: database.store.dialect, clock });
  const build = (c: NotifyConfig) => new Notifier({ db, clock, audit, config: c, resolver, random: () => 0 });
  return {
    database,
    clock,
    audit,
    notifier: build(config),
    restart: (more = {}) => build({ ...config, ...more }),
    drop: () => database.drop(),
  };
}

/** Resolves the names in `table` and nothing else (ENOTFOUND), like a DNS with a few records. */
export function fakeResolver(table: Readonly<Record<string, readonly string[]>>): Resolver {
  return async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}
