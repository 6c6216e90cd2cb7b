import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './signature.js';

const NOW = Date.parse('2026-03-01T08:00:00.000Z');
const TS = String(NOW / 1000);

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of timestamp.body under the secret', () => {
    const body = '{"event":"alert.raised"}';
    const expected = createHmac('sha256', 'whsec-0123456789abcdef').update(`${TS}.${body}`).digest('hex');
    expect(signWebhook('whsec-0123456789abcdef', TS, body)).toBe(`sha256=${expected}`);
  });

  it('verifies with the secret and fails for another body, secret or an old timestamp', () => {
    const secret = 'whsec-0123456789abcdef';
    const body = '{"a":1}';
    const signature = signWebhook(secret, TS, body);
    expect(verifyWebhook({ secret, body, timestamp: TS, signature, nowMs: NOW })).toBe(true);
    expect(verifyWebhook({ secret, body: '{"a":2}', timestamp: TS, signature, nowMs: NOW })).toBe(false);
    expect(verifyWebhook({ secret: `${secret}x`, body, timestamp: TS, signature, nowMs: NOW })).toBe(false);
    expect(verifyWebhook({ secret, body, timestamp: TS, signature, nowMs: NOW + 301_000 })).toBe(false);
    expect(verifyWebhook({ secret, body, timestamp: undefined, signature, nowMs: NOW })).toBe(false);
  });

  it('refuses any change of one character of the body', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.nat(), (body, at) => {
        const secret = 'property-secret-0123456789';
        const signature = signWebhook(secret, TS, body);
        const i = at % body.length;
        const changed = body.slice(0, i) + String.fromCharCode(body.charCodeAt(i) ^ 1) + body.slice(i + 1);
        return !verifyWebhook({ secret, body: changed, timestamp: TS, signature, nowMs: NOW });
      }),
    );
  });
});
