import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
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

/** The media type of every error response (RFC 9457). */
export const PROBLEM_TYPE = 'application/problem+json';

const MethodNotAllowed = defineError(
  'FK_ERR_METHOD_NOT_ALLOWED',
  405,
  'Method not allowed',
  '不支持该请求方法',
);
const BadRequest = defineError('FK_ERR_BAD_REQUEST', 400, 'Bad request', '请求错误');

/**
 * Turns whatever a handler, a hook or Fastify itself threw into a catalogued `FkError`. Fastify's own
 * errors (body too large, bad JSON, bad content type, schema validation) get the matching code; any
 * other error is internal and its message is not shown.
 */
export function toFkError(error: unknown): FkError {
  if (error instanceof FkError) return error;
  const e = error as Partial<FastifyError> & {
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
    default:
      break;
  }
  if (error instanceof SyntaxError || e.statusCode === 400) {
    // Raised by the JSON parser: malformed text, forbidden __proto__ / constructor keys.
    return MalformedBody(
      /prototype|constructor/i.test(e.message ?? '')
        ? 'the body contains a forbidden __proto__ or constructor key'
        : undefined,
    );
  }
  if (e.statusCode === 405) return MethodNotAllowed();
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return BadRequest();
  return Internal();
}

/** The RFC 9457 body for an error, titled in the request's language. */
export function problemBody(error: FkError, request: FastifyRequest): Record<string, unknown> {
  const lang = pickLang(request.headers['accept-language']);
  const internal = error.status >= 500;
  return {
    type: `urn:fengkong:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.title[lang],
    status: error.status,
    code: error.code,
    detail: internal ? error.title[lang] : error.message,
    instance: request.url.split('?')[0],
    request_id: request.id,
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
  };
}

/** Sends `error` as problem+json. */
export function sendProblem(reply: FastifyReply, error: FkError): FastifyReply {
  return reply.code(error.status).type(PROBLEM_TYPE).send(problemBody(error, reply.request));
}
