/**
 * Webhook signatures. Each request carries `X-Fengkong-Timestamp` (Unix seconds) and
 * `X-Fengkong-Signature: sha256=<hex>`, the HMAC-SHA256 (RFC 2104, FIPS 198-1) under the target's
 * secret of `<timestamp>.<raw body>`. Signing the timestamp with the body lets a receiver refuse
 * replays outside a tolerance window, the scheme Stripe and Slack document for their webhooks.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names, as sent. */
export const SIGNATURE_HEADER = 'X-Fengkong-Signature';
export const TIMESTAMP_HEADER = 'X-Fengkong-Timestamp';

/** The `sha256=<hex>` value for `body` sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

/** What a receiver checks. */
export interface VerifyInput {
  readonly secret: string;
  readonly body: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  /** The receiver's time, Unix milliseconds. */
  readonly nowMs: number;
  /** How far the timestamp may be from now (default 300 s). */
  readonly toleranceSeconds?: number;
}

/**
 * Whether a received webhook is authentic and fresh: the signature matches (compared in constant
 * time) and the timestamp is within the tolerance. For receivers and tests.
 */
export function verifyWebhook(input: VerifyInput): boolean {
  const { timestamp, signature } = input;
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  const tolerance = input.toleranceSeconds ?? 300;
  if (Math.abs(input.nowMs / 1000 - Number(timestamp)) > tolerance) return false;
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
