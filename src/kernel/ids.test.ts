import { describe, expect, it } from 'vitest';
import { newId, randomToken } from './ids.js';

// RFC 9562 §5.7: 48-bit big-endian Unix milliseconds, version 7, variant 10, 74 random bits.
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The Unix milliseconds in a UUIDv7 (its first 48 bits). */
function timestampOf(id: string): number {
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}

describe('newId (UUIDv7, RFC 9562 §5.7)', () => {
  it('is a version-7, variant-10 UUID in canonical lowercase form', () => {
    for (let i = 0; i < 1000; i++) expect(newId()).toMatch(UUID_V7);
  });

  it('carries the given time in its first 48 bits', () => {
    for (const ms of [0, 1, 255, 256, 1_767_225_600_000, 2 ** 48 - 1]) {
      const id = newId(ms);
      expect(id).toMatch(UUID_V7);
      expect(timestampOf(id)).toBe(ms);
    }
    // The example timestamp of RFC 9562 Appendix A.6: 0x017F22E279B0 = Tuesday, February 22, 2022 2:22:22 PM GMT-05:00.
    expect(newId(0x017f22e279b0).slice(0, 13)).toBe('017f22e2-79b0');
  });

  it('sorts by creation time as text', () => {
    const times = Array.from({ length: 500 }, (_, i) => 1_700_000_000_000 + i * 997);
    const ids = times.map((t) => newId(t));
    const shuffled = [...ids].sort(() => Math.random() - 0.5);
    expect(shuffled.sort()).toEqual(ids);
  });

  it('differs between calls in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId(1_767_225_600_000)));
    expect(ids.size).toBe(10_000);
  });

  it('clamps a negative or fractional time instead of producing a malformed id', () => {
    expect(timestampOf(newId(-5))).toBe(0);
    expect(timestampOf(newId(1234.9))).toBe(1234);
  });
});

describe('randomToken', () => {
  it('is base64url of the requested number of random bytes', () => {
    const token = randomToken(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(randomToken()).not.toBe(randomToken());
  });
});
