import { afterEach, describe, expect, it } from 'vitest';
import { decodeWords, readMail, type SmtpSink, startSmtpSink } from './fixtures.js';
import { sendMail } from './smtp-client.js';
import { parseSmtpUrl, type SmtpConfig } from './smtp-config.js';

const MESSAGE = {
  from: 'fengkong@bank.test',
  to: ['risk@bank.test'],
  subject: '[Fengkong 风控] New alert (high) / 新预警（高）',
  text: 'NPL ratio entered red\r\n.a line that starts with a dot\r\n不良率进入红色区间\r\n',
  date: Date.parse('2026-03-01T08:00:00.000Z'),
  messageId: 'delivery-1@fengkong',
};

describe('SMTP client', () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });
  const config = (port: number, more: Partial<SmtpConfig> = {}): SmtpConfig => ({
    host: '127.0.0.1',
    port,
    security: 'opportunistic',
    from: 'fengkong@bank.test',
    timeoutMs: 5000,
    ...more,
  });

  it('delivers a message the sink can read in both languages', async () => {
    sink = await startSmtpSink();
    const outcome = await sendMail(config(sink.port), MESSAGE);
    expect(outcome).toEqual({ ok: true, code: 250, error: null });
    expect(sink.commands.slice(0, 3)).toEqual([
      'EHLO localhost',
      'MAIL FROM:<fengkong@bank.test>',
      'RCPT TO:<risk@bank.test>',
    ]);
    const [mail] = sink.messages;
    expect(mail?.to).toEqual(['risk@bank.test']);
    const read = readMail(mail?.data ?? '');
    expect(decodeWords(read.headers['subject'] ?? '')).toBe(MESSAGE.subject);
    expect(read.text).toBe(MESSAGE.text);
  });

  it('reports a refused recipient with its reply code', async () => {
    sink = await startSmtpSink({ rejectRcpt: true });
    const outcome = await sendMail(config(sink.port), MESSAGE);
    expect(outcome.ok).toBe(false);
    expect(outcome.code).toBe(550);
    expect(outcome.error).toContain('RCPT TO:<risk@bank.test>: 550');
    expect(sink.messages).toHaveLength(0);
  });

  it('never sends credentials over a connection without TLS', async () => {
    sink = await startSmtpSink();
    const outcome = await sendMail(config(sink.port, { user: 'u', password: 'p' }), MESSAGE);
    expect(outcome).toMatchObject({ ok: false, error: 'refusing to send SMTP credentials without TLS' });
    expect(sink.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
  });

  it('fails STARTTLS-required against a server that does not offer it', async () => {
    sink = await startSmtpSink();
    const outcome = await sendMail(config(sink.port, { security: 'starttls' }), MESSAGE);
    expect(outcome).toMatchObject({ ok: false, code: 502 });
  });

  it('reports a closed port as an error, not a throw', async () => {
    sink = await startSmtpSink();
    const port = sink.port;
    await sink.close();
    sink = undefined;
    const outcome = await sendMail(config(port), MESSAGE);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/ECONNREFUSED|closed/);
  });

  it('reads the SMTP URL settings', () => {
    expect(parseSmtpUrl('smtp://mail.bank.test', 'fk@bank.test')).toEqual({
      smtp: { host: 'mail.bank.test', port: 587, security: 'opportunistic', from: 'fk@bank.test' },
    });
    expect(parseSmtpUrl('smtps://u%40x:p%2Fw@mail.bank.test:2465', 'fk@bank.test')).toEqual({
      smtp: {
        host: 'mail.bank.test',
        port: 2465,
        security: 'tls',
        user: 'u@x',
        password: 'p/w',
        from: 'fk@bank.test',
      },
    });
    expect(parseSmtpUrl('smtp://m?starttls=required', 'fk@bank.test')).toMatchObject({
      smtp: { security: 'starttls' },
    });
    expect(parseSmtpUrl('http://m', 'fk@bank.test')).toHaveProperty('error');
    expect(parseSmtpUrl('smtp://m', 'not an address')).toHaveProperty('error');
  });
});
