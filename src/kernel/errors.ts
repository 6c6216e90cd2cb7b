/**
 * The error catalogue shared by every module. Each module declares its `FK_ERR_*` codes through
 * `defineError`, which fixes the HTTP status and the message in Simplified Chinese and English; the
 * HTTP error handler renders any `FkError` as RFC 9457 `application/problem+json` and the CLI prints
 * its message on one line. Unknown errors never reach a client: they become `FK_ERR_INTERNAL`.
 */

/** A message people read, in both languages the product speaks. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** One entry of the catalogue. */
export interface ErrorDefinition {
  readonly code: `FK_ERR_${string}`;
  readonly status: number;
  readonly title: Bilingual;
}

/** Where in the input the problem is: a field path (`body.amount`, `--db`, `row 12 column id`). */
export interface ErrorField {
  readonly path: string;
  readonly message: string;
}

/** An expected failure with a stable code; safe to show to the caller. */
export class FkError extends Error {
  readonly code: ErrorDefinition['code'];
  readonly status: number;
  readonly title: Bilingual;
  readonly fields: readonly ErrorField[];
  /** RFC 9457 extension members added to the problem body (e.g. the fallback outcome of a decision). */
  extensions: Readonly<Record<string, unknown>> = {};

  constructor(definition: ErrorDefinition, detail?: string, fields: readonly ErrorField[] = []) {
    super(detail ?? definition.title.en);
    this.name = 'FkError';
    this.code = definition.code;
    this.status = definition.status;
    this.title = definition.title;
    this.fields = fields;
  }

  /** Adds extension members to the problem body; the standard members cannot be overridden. */
  withExtensions(extensions: Readonly<Record<string, unknown>>): this {
    this.extensions = { ...this.extensions, ...extensions };
    return this;
  }
}

/** A factory for one catalogued error: `throw NotFound('decision d_1 does not exist')`. */
export type ErrorFactory = ((detail?: string, fields?: readonly ErrorField[]) => FkError) & {
  readonly definition: ErrorDefinition;
  /** True when `error` was made by this factory. */
  is(error: unknown): error is FkError;
};

const catalogue = new Map<string, ErrorDefinition>();

/**
 * Declares a catalogued error. Codes are unique across the product; declaring one twice with a
 * different status or title is a programming error caught at import time.
 */
export function defineError(
  code: ErrorDefinition['code'],
  status: number,
  en: string,
  zh: string,
): ErrorFactory {
  const definition: ErrorDefinition = Object.freeze({ code, status, title: Object.freeze({ en, zh }) });
  const existing = catalogue.get(code);
  if (existing && (existing.status !== status || existing.title.en !== en)) {
    throw new Error(`error code ${code} is declared twice with different meanings`);
  }
  catalogue.set(code, definition);
  const factory = (detail?: string, fields?: readonly ErrorField[]) =>
    new FkError(definition, detail, fields);
  return Object.assign(factory, {
    definition,
    is: (error: unknown): error is FkError => error instanceof FkError && error.code === code,
  });
}

/** Every error declared so far, for the API documentation and tests. */
export function errorCatalogue(): readonly ErrorDefinition[] {
  return [...catalogue.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export const ValidationFailed = defineError('FK_ERR_VALIDATION', 400, 'The request is invalid', '请求无效');
export const MalformedBody = defineError(
  'FK_ERR_MALFORMED_BODY',
  400,
  'The request body is not valid JSON',
  '请求体不是有效的 JSON',
);
export const Unauthenticated = defineError(
  'FK_ERR_UNAUTHENTICATED',
  401,
  'Authentication required',
  '需要登录认证',
);
export const Forbidden = defineError('FK_ERR_FORBIDDEN', 403, 'Permission denied', '没有权限');
export const NotFound = defineError('FK_ERR_NOT_FOUND', 404, 'Not found', '未找到');
export const RouteNotFound = defineError('FK_ERR_ROUTE_NOT_FOUND', 404, 'No such route', '接口不存在');
export const Conflict = defineError(
  'FK_ERR_CONFLICT',
  409,
  'Conflict with the current state',
  '与当前状态冲突',
);
export const PayloadTooLarge = defineError(
  'FK_ERR_PAYLOAD_TOO_LARGE',
  413,
  'The request body is too large',
  '请求体过大',
);
export const UnsupportedMediaType = defineError(
  'FK_ERR_UNSUPPORTED_MEDIA_TYPE',
  415,
  'Unsupported content type',
  '不支持的内容类型',
);
export const Unprocessable = defineError(
  'FK_ERR_UNPROCESSABLE',
  422,
  'The request cannot be processed',
  '请求无法处理',
);
export const TooManyRequests = defineError('FK_ERR_RATE_LIMITED', 429, 'Too many requests', '请求过于频繁');
export const Internal = defineError('FK_ERR_INTERNAL', 500, 'Internal error', '内部错误');
export const Unavailable = defineError(
  'FK_ERR_UNAVAILABLE',
  503,
  'The service is temporarily unavailable',
  '服务暂时不可用',
);
