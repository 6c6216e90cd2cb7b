import pino, { type Logger } from 'pino';

/** Commands other than `serve` log only errors, to stderr, so their stdout stays their result. */
export function quietLogger(): Logger {
  return pino({ level: 'error' }, pino.destination(2));
}
