import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FkError, NotFound, PayloadTooLarge, ValidationFailed } from '../kernel/errors.js';
import { answerClientError, toFkError } from './problem.js';

/** A Fastify-style error: an Error with a code and optionally a status. */
function fastifyError(code: string, statusCode?: number, message = code): Error {
  return Object.assign(new Error(message), { code, statusCode });
}

describe('toFkError', () => {
  it('passes catalogued errors through unchanged', () => {
    const error = NotFound('decision d_1 does not exist');
    expect(toFkError(error)).toBe(error);
  });

  it('turns a schema validation failure into FK_ERR_VALIDATION naming each field', () => {
    const error = Object.assign(new Error('body/amount must be number'), {
      statusCode: 400,
      validationContext: 'body',
      validation: [
        { instancePath: '/amount', message: 'must be number', params: {} },
        {
          instancePath: '/applicant',
          message: "must have required property 'id'",
          params: { missingProperty: 'id' },
        },
        {
          instancePath: '',
          message: 'must NOT have additional properties',
          params: { additionalProperty: 'x' },
        },
      ],
    });
    const fk = toFkError(error);
    expect(fk.code).toBe('FK_ERR_VALIDATION');
    expect(fk.status).toBe(400);
    expect(fk.message).toBe('body.amount must be number');
    expect(fk.fields).toEqual([
      { path: 'body.amount', message: 'must be number' },
      { path: 'body.applicant.id', message: "must have required property 'id'" },
      { path: 'body.x', message: 'must NOT have additional properties' },
    ]);
  });

  it('names query-string fields with their own prefix', () => {
    const fk = toFkError(
      Object.assign(new Error('x'), {
        validationContext: 'querystring',
        validation: [{ instancePath: '/limit', message: 'must be integer', params: {} }],
      }),
    );
    expect(fk.fields[0]?.path).toBe('querystring.limit');
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'FK_ERR_PAYLOAD_TOO_LARGE', 413],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'FK_ERR_UNSUPPORTED_MEDIA_TYPE', 415],
    ['FST_ERR_CTP_INVALID_TYPE', 415, 'FK_ERR_UNSUPPORTED_MEDIA_TYPE', 415],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'FK_ERR_MALFORMED_BODY', 400],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'FK_ERR_MALFORMED_BODY', 400],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'FK_ERR_BAD_REQUEST', 400],
    ['FST_ERR_NOT_FOUND', 404, 'FK_ERR_ROUTE_NOT_FOUND', 404],
    ['FST_ERR_BAD_URL', 400, 'FK_ERR_BAD_REQUEST', 400],
    ['FST_ERR_MAX_PARAM_LENGTH', 414, 'FK_ERR_URI_TOO_LONG', 414],
    ['SOME_PLUGIN_ERROR', 405, 'FK_ERR_METHOD_NOT_ALLOWED', 405],
    ['SOME_PLUGIN_ERROR', 400, 'FK_ERR_BAD_REQUEST', 400],
    ['SOME_PLUGIN_ERROR', 418, 'FK_ERR_BAD_REQUEST', 400],
  ])('maps %s (status %s) to %s', (code, statusCode, fkCode, status) => {
    const fk = toFkError(fastifyError(code, statusCode));
    expect(fk.code).toBe(fkCode);
    expect(fk.status).toBe(status);
  });

  it('does not call a plain 400 from a plugin a JSON problem', () => {
    // @fastify/static answers a NUL in a file path with a 400; that is not a body error.
    expect(toFkError(fastifyError('ERR_X', 400)).code).toBe('FK_ERR_BAD_REQUEST');
  });

  it('treats a SyntaxError thrown by a handler as a bug, not as a malformed request body', () => {
    expect(toFkError(new SyntaxError('Unexpected token } in JSON at position 3')).status).toBe(500);
  });

  it('makes an unknown error internal and drops its message', () => {
    for (const error of [
      new Error('select * from app_user where id = 1 — relation missing'),
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      'a thrown string',
      undefined,
      null,
      42,
      fastifyError('ECONNREFUSED', undefined),
      fastifyError('SOME_PLUGIN_ERROR', 502),
    ]) {
      const fk = toFkError(error);
      expect(fk.code).toBe('FK_ERR_INTERNAL');
      expect(fk.status).toBe(500);
      expect(fk.message).toBe('Internal error');
    }
  });

  it('answers a PostgreSQL data exception (SQLSTATE class 22) with a 400, without its SQL text', () => {
    // What pg raises for a string with U+0000 (22021) or an integer beyond bigint (22003).
    for (const code of ['22021', '22003', '22P02', '22008']) {
      const pgError = Object.assign(new Error(`invalid input in "select * from audit_log where seq = $1"`), {
        code,
        severity: 'ERROR',
      });
      const fk = toFkError(pgError);
      expect(fk.status).toBe(400);
      expect(fk.code).toBe('FK_ERR_VALIDATION');
      expect(fk.message).not.toMatch(/select|audit_log/);
    }
  });

  it('keeps other database errors internal (constraint violations, missing tables, lost connections)', () => {
    for (const code of ['23505', '42P01', '57P01', '08006', '40001']) {
      const pgError = Object.assign(new Error('db failure'), { code, severity: 'ERROR' });
      expect(toFkError(pgError).status).toBe(500);
    }
    // A class-22 code without the shape of a PostgreSQL error is not trusted.
    expect(toFkError(Object.assign(new Error('x'), { code: '22001' })).status).toBe(500);
  });

  it('keeps the status and both-language titles of catalogued errors', () => {
    const fk = toFkError(PayloadTooLarge());
    expect(fk).toBeInstanceOf(FkError);
    expect(fk.title).toEqual({ en: 'The request body is too large', zh: '请求体过大' });
    expect(toFkError(ValidationFailed('x')).status).toBe(400);
  });
});

/** A socket double recording what `answerClientError` writes. */
function fakeSocket(state: { destroyed?: boolean; writable?: boolean } = {}) {
  const written: string[] = [];
  let destroyedWith: unknown = 'not destroyed';
  const socket = {
    destroyed: state.destroyed ?? false,
    writable: state.writable ?? true,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
    destroy(error?: unknown) {
      destroyedWith = error;
    },
  };
  return {
    socket: socket as unknown as Socket,
    written,
    get destroyedWith() {
      return destroyedWith;
    },
  };
}

/** Splits a raw HTTP/1.1 response into status line, headers and body. */
function parseRaw(raw: string): { status: string; headers: Record<string, string>; body: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [status = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status, headers, body };
}

describe('answerClientError (requests Node’s HTTP parser refuses)', () => {
  it('answers a malformed request with a problem+json 400 and closes the connection', () => {
    const fake = fakeSocket();
    const error = Object.assign(new Error('Parse Error: Invalid header value char'), {
      code: 'HPE_INVALID_HEADER_TOKEN',
    });
    answerClientError(error, fake.socket);
    const response = parseRaw(fake.written.join(''));
    expect(response.status).toBe('HTTP/1.1 400 Bad Request');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['connection']).toBe('close');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ status: 400, code: 'FK_ERR_BAD_REQUEST', title: 'Bad request' });
    expect(body.request_id).toBe(response.headers['x-request-id']);
    expect(body.detail).not.toContain('Parse Error');
    expect(fake.destroyedWith).toBe(error);
  });

  it('answers headers over the size limit with 431 and a slow request with 408', () => {
    const overflow = fakeSocket();
    answerClientError(Object.assign(new Error('overflow'), { code: 'HPE_HEADER_OVERFLOW' }), overflow.socket);
    expect(parseRaw(overflow.written.join('')).status).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(parseRaw(overflow.written.join('')).body).code).toBe('FK_ERR_HEADERS_TOO_LARGE');

    const slow = fakeSocket();
    answerClientError(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), slow.socket);
    expect(JSON.parse(parseRaw(slow.written.join('')).body)).toMatchObject({
      status: 408,
      code: 'FK_ERR_REQUEST_TIMEOUT',
    });
  });

  it('writes nothing to a connection the client already reset or that cannot be written', () => {
    const reset = fakeSocket();
    answerClientError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), reset.socket);
    expect(reset.written).toEqual([]);
    expect(reset.destroyedWith).toBe('not destroyed');

    const closed = fakeSocket({ writable: false });
    answerClientError(Object.assign(new Error('bad'), { code: 'HPE_INVALID_METHOD' }), closed.socket);
    expect(closed.written).toEqual([]);
  });
});
