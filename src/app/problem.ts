import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  defineError,
  type ErrorField,
  FkError,
  Internal,
  MalformedBody,
  PayloadTooLarge,
  RouteNotFound,
  UnsupportedMediaType,
  ValidationFailed,
} from '../kernel/errors.js';
import { pickLang } from '../kernel/i18n.js';
import { newId } from '../kernel/ids.js';

/** The media type of every error response (RFC 9457). */
export const PROBLEM_TYPE = 'application/problem+json';

const MethodNotAllowed = defineError(
  'FK_ERR_METHOD_NOT_ALLOWED',
  405,
  'Method not allowed',
  '不支持该请求方法',
);
const BadRequest = defineError('FK_ERR_BAD_REQUEST', 400, 'Bad request', '请求错误');
const UriTooLong = defineError('FK_ERR_URI_TOO_LONG', 414, 'The URL is too long', '请求地址过长');
const RequestTimeout = defineError(
  'FK_ERR_REQUEST_TIMEOUT',
  408,
  'The request did not arrive in time',
  '请求超时',
);
const HeadersTooLarge = defineError(
  'FK_ERR_HEADERS_TOO_LARGE',
  431,
  'The request headers are too large',
  '请求头过大',
);

/**
 * A PostgreSQL "data exception" (SQLSTATE class 22): a value the database cannot take, such as an
 * integer beyond bigint or a string containing U+0000. Validation should stop such values first;
 * when one slips through it is still the request's value that is wrong, so it is a 400 (as
 * PostgREST answers class 22), never a 500 that would echo the SQL.
 */
function isDataException(error: { code?: unknown; severity?: unknown }): boolean {
  return typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code) && 'severity' in error;
}

/**
 * Turns whatever a handler, a hook or Fastify itself threw into a catalogued `FkError`. Fastify's own
 * errors (body too large, bad JSON, bad content type, schema validation) get the matching code; any
 * other error is internal and its message is not shown.
 */
export function toFkError(error: unknown): FkError {
  if (error instanceof FkError) return error;
  // A handler may throw anything, even undefined or a string: only objects carry codes.
  const e = (error !== null && typeof error === 'object' ? error : {}) as Partial<FastifyError> & {
    validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
    validationContext?: string;
  };
  if (Array.isArray(e.validation)) {
    const fields: ErrorField[] = e.validation.slice(0, 20).map((v) => {
      const missing = v.params?.['missingProperty'];
      const extra = v.params?.['additionalProperty'];
      const at = `${e.validationContext ?? 'body'}${(v.instancePath ?? '').replaceAll('/', '.')}`;
      const path =
        typeof missing === 'string' ? `${at}.${missing}` : typeof extra === 'string' ? `${at}.${extra}` : at;
      return { path, message: v.message ?? 'is invalid' };
    });
    const first = fields[0];
    return ValidationFailed(first ? `${first.path} ${first.message}` : undefined, fields);
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return PayloadTooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return UnsupportedMediaType('send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return MalformedBody('the body is empty but the content type is application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return MalformedBody();
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return BadRequest('the Content-Length header does not match the body');
    case 'FST_ERR_NOT_FOUND':
      return RouteNotFound();
    case 'FST_ERR_BAD_URL':
      return BadRequest('the URL is not correctly percent-encoded');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return UriTooLong('a path segment of the URL is too long');
    default:
      break;
  }
  if (isDataException(e)) {
    return ValidationFailed(
      'a value is out of range or contains a character that cannot be stored (such as U+0000)',
    );
  }
  if (e.statusCode === 405) return MethodNotAllowed();
  if (e.statusCode === 414) return UriTooLong();
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return BadRequest();
  return Internal();
}

/** The RFC 9457 body for an error, titled in the request's language. */
export function problemBody(error: FkError, request: FastifyRequest): Record<string, unknown> {
  const lang = pickLang(request.headers['accept-language']);
  // Catalogued messages are written to be shown (a 503 says what is unavailable); only an internal
  // error keeps its detail to the log.
  const internal = error.code === Internal.definition.code;
  return {
    ...error.extensions,
    type: problemType(error),
    title: error.title[lang],
    status: error.status,
    code: error.code,
    detail: internal ? error.title[lang] : error.message,
    instance: request.url.split('?')[0],
    request_id: request.id,
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
  };
}

/**
 * Sends `error` as problem+json. Sets `x-request-id` itself, because errors Fastify raises before
 * routing (a malformed URL) skip the hooks that normally set it.
 */
export function sendProblem(reply: FastifyReply, error: FkError): FastifyReply {
  return reply
    .code(error.status)
    .type(PROBLEM_TYPE)
    .header('x-request-id', reply.request.id)
    .send(problemBody(error, reply.request));
}

/**
 * Fastify's `frameworkErrors`: errors found while routing, before any hook runs (a URL that is not
 * valid percent-encoding, an over-long path parameter), answered as problem+json like the rest.
 */
export function sendFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, toFkError(error));
}

/**
 * Fastify's `clientErrorHandler`: requests that Node's HTTP parser refuses before Fastify sees them
 * (a malformed request line or header, headers over the size limit, a request that never finishes)
 * get a problem+json answer too, in English as no header could be read, then the connection closes.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const fk =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? HeadersTooLarge()
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? RequestTimeout()
        : BadRequest('the request is not valid HTTP/1.1');
  const id = newId();
  const body = JSON.stringify({
    type: problemType(fk),
    title: fk.title.en,
    status: fk.status,
    code: fk.code,
    detail: fk.message,
    request_id: id,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${fk.status} ${STATUS_CODES[fk.status]}\r\nContent-Type: ${PROBLEM_TYPE}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/**
 * Makes JSON the only body the API accepts, parsed strictly. Fastify's `text/plain` parser goes: a
 * JSON API has no use for it, and it is the content type a cross-site form can send without a CORS
 * preflight. RFC 8259 §8.1 requires JSON exchanged between systems to be UTF-8: another declared
 * charset is a 415, and bytes that are not UTF-8 are a 400 instead of being silently turned into
 * U+FFFD. Keys `__proto__` and `constructor.prototype` are refused (Fastify's secure-json-parse
 * finds them) with a message that says so, rather than calling valid JSON "not valid JSON".
 */
export function acceptOnlyJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      done(UnsupportedMediaType('send JSON encoded as UTF-8 (RFC 8259 §8.1)'), undefined);
      return;
    }
    let text: string;
    try {
      text = UTF8.decode(body as Buffer);
    } catch {
      done(MalformedBody('the body is not valid UTF-8'), undefined);
      return;
    }
    parse(request, text, (error, value) => {
      if (error && isJson(text)) {
        done(
          MalformedBody('the body contains a forbidden __proto__ or constructor.prototype key'),
          undefined,
        );
      } else done(error, value);
    });
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function problemType(error: FkError): string {
  return `urn:fengkong:problem:${error.code.toLowerCase().replaceAll('_', '-')}`;
}
