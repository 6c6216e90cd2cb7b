import type { FastifyRequest } from 'fastify';
import { Unauthenticated } from '../../kernel/errors.js';

/**
 * The authenticated caller of an engine route. Access control authenticates every non-public route
 * before its handler runs, so a missing principal is a wiring bug; it is still refused, never assumed.
 */
export function principalOf(request: FastifyRequest): NonNullable<FastifyRequest['principal']> {
  if (!request.principal) throw Unauthenticated();
  return request.principal;
}
