/**
 * A minimal SMTP client (RFC 5321) over `node:net` / `node:tls`: greeting, EHLO, STARTTLS when
 * configured (RFC 3207; EHLO again afterwards, §4.2), AUTH PLAIN (RFC 4954, RFC 4616) only over TLS,
 * MAIL FROM, RCPT TO for each recipient, DATA with dot-stuffing (RFC 5321 §4.5.2), QUIT. One message
 * per connection: notices are few, and a fresh connection has no state to go stale.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { composeMessage, type MailMessage } from './mime.js';
import type { SmtpConfig } from './smtp-config.js';

/** What the server said to the whole transaction. */
export interface MailOutcome {
  readonly ok: boolean;
  /** The last reply code (250 when accepted), null when no reply came. */
  readonly code: number | null;
  readonly error: string | null;
}

interface Reply {
  readonly code: number;
  readonly lines: readonly string[];
}

/** The default deadline of the connection and of each reply. */
export const DEFAULT_SMTP_TIMEOUT_MS = 30_000;

class SmtpFailure extends Error {
  constructor(
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** Reads replies (possibly multi-line, `250-…` then `250 …`) and sends commands on one socket. */
class Session {
  private buffer = '';
  private readonly ready: string[] = [];
  private waiting: ((line: string | Error) => void) | undefined;
  private failure: Error | undefined;

  constructor(
    public socket: Socket | TLSSocket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  private readonly onData = (chunk: Buffer) => this.receive(chunk.toString('latin1'));
  private readonly onError = (error: Error) => this.fail(error);
  private readonly onClose = () => this.fail(new SmtpFailure(null, 'the server closed the connection'));

  attach(socket: Socket | TLSSocket): void {
    this.socket = socket;
    socket.on('data', this.onData).on('error', this.onError).on('close', this.onClose);
  }

  /** Hands the socket over (to wrap it in TLS); replies are no longer read from it. */
  detach(): Socket | TLSSocket {
    this.socket.off('data', this.onData).off('error', this.onError).off('close', this.onClose);
    return this.socket;
  }

  private receive(text: string): void {
    this.buffer += text;
    let end = this.buffer.indexOf('\r\n');
    while (end >= 0) {
      this.push(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 2);
      end = this.buffer.indexOf('\r\n');
    }
    if (this.buffer.length > 4096) this.fail(new SmtpFailure(null, 'reply line too long'));
  }

  private push(line: string | Error): void {
    const waiter = this.waiting;
    if (waiter) {
      this.waiting = undefined;
      waiter(line);
    } else if (typeof line === 'string') this.ready.push(line);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.push(error);
  }

  private line(): Promise<string> {
    const next = this.ready.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new SmtpFailure(null, `no reply within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiting = (value) => {
        clearTimeout(timer);
        if (typeof value === 'string') resolve(value);
        else reject(value);
      };
    });
  }

  async reply(): Promise<Reply> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.line();
      if (!/^\d{3}([ -]|$)/.test(line))
        throw new SmtpFailure(null, `unreadable reply ${JSON.stringify(line)}`);
      lines.push(line.slice(4));
      if (line[3] !== '-') return { code: Number(line.slice(0, 3)), lines };
    }
  }

  async expect(what: string, expected: readonly number[]): Promise<Reply> {
    const reply = await this.reply();
    if (!expected.includes(reply.code)) {
      throw new SmtpFailure(reply.code, `${what}: ${reply.code} ${reply.lines.join(' ')}`.trim());
    }
    return reply;
  }

  async command(line: string, expected: readonly number[], shown = line): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    return this.expect(shown, expected);
  }
}

function open(config: SmtpConfig, timeoutMs: number): Promise<Socket | TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket =
      config.security === 'tls'
        ? tlsConnect({
            host: config.host,
            port: config.port,
            servername: config.host,
            rejectUnauthorized: config.rejectUnauthorized ?? true,
          })
        : netConnect({ host: config.host, port: config.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmtpFailure(null, `no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once('error', fail);
    socket.once(config.security === 'tls' ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', fail);
      resolve(socket);
    });
  });
}

function upgrade(socket: Socket, config: SmtpConfig): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tlsConnect({
      socket,
      servername: config.host,
      rejectUnauthorized: config.rejectUnauthorized ?? true,
    });
    secure.once('secureConnect', () => {
      secure.removeListener('error', reject);
      resolve(secure);
    });
    secure.once('error', reject);
  });
}

/** Lines beginning with `.` get a second one, so none ends DATA early (RFC 5321 §4.5.2). */
function dotStuff(message: string): string {
  return message.replace(/(^|\r\n)\./g, '$1..');
}

/** Sends one message; never throws. */
export async function sendMail(config: SmtpConfig, message: MailMessage): Promise<MailOutcome> {
  let session: Session | undefined;
  try {
    const timeoutMs = config.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
    session = new Session(await open(config, timeoutMs), timeoutMs);
    const name = config.clientName ?? 'localhost';
    await session.expect('greeting', [220]);
    const ehlo = await session.command(`EHLO ${name}`, [250]);
    let secure = config.security === 'tls';
    const offersTls = ehlo.lines.some((l) => /^STARTTLS\b/i.test(l));
    if (!secure && (config.security === 'starttls' || (config.security === 'opportunistic' && offersTls))) {
      await session.command('STARTTLS', [220]);
      session.attach(await upgrade(session.detach() as Socket, config));
      secure = true;
      await session.command(`EHLO ${name}`, [250]);
    }
    if (config.user !== undefined) {
      if (!secure) throw new SmtpFailure(null, 'refusing to send SMTP credentials without TLS');
      const token = Buffer.from(`\0${config.user}\0${config.password ?? ''}`, 'utf8').toString('base64');
      await session.command(`AUTH PLAIN ${token}`, [235], 'AUTH PLAIN');
    }
    await session.command(`MAIL FROM:<${message.from}>`, [250]);
    for (const rcpt of message.to) await session.command(`RCPT TO:<${rcpt}>`, [250, 251]);
    await session.command('DATA', [354]);
    session.socket.write(`${dotStuff(composeMessage(message))}.\r\n`);
    const accepted = await session.expect('message', [250]);
    await session.command('QUIT', [221]).catch(() => undefined);
    return { ok: true, code: accepted.code, error: null };
  } catch (error) {
    const code = error instanceof SmtpFailure ? error.code : null;
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, code, error: text };
  } finally {
    session?.socket.destroy();
  }
}
