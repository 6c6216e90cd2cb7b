import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  luhnValid,
  normaliseBankCard,
  normaliseMobilePhone,
  normaliseResidentId,
} from '../lists/identifiers.js';
import { parseIpAddress, parseIpRange } from '../lists/ip-ranges.js';
import {
  bankCard,
  hostIn24,
  ipv4Text,
  isSpecialIpv4,
  luhnCheckDigit,
  mobileNumber,
  newDevice,
  publicNetwork24,
  residentId,
} from './identities.js';
import { Random } from './random.js';

/**
 * GB 11643-1999 check character written out the way the standard tabulates it: weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and the map of S mod 11 = 0…10 to 1 0 X 9 8 7 6 5 4 3 2.
 */
function gbCheckChar(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return '10X98765432'[sum % 11]!;
}

/** IANA IPv4 special-purpose registry (RFC 6890) plus multicast and reserved space, as CIDR text. */
const SPECIAL = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15',
  '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
].map(parseIpRange); // biome-ignore format: a table

const inSpecial = (n: number) => SPECIAL.some((r) => BigInt(n) >= r.first && BigInt(n) <= r.last);
const seed = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('synthetic identifiers', () => {
  it('makes resident identity numbers with a correct GB 11643 check character, birth date and age', () => {
    const at = Date.UTC(2025, 0, 1);
    fc.assert(
      fc.property(seed, (s) => {
        const rng = new Random(s);
        const { value, age } = residentId(rng, at, 18, 60);
        expect(normaliseResidentId(value)).toEqual({ ok: true, value });
        expect(value[17]).toBe(gbCheckChar(value));
        const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number) as [
          number,
          number,
          number,
        ];
        const birth = new Date(Date.UTC(y, m - 1, d));
        expect(birth.getUTCMonth() + 1).toBe(m); // a real calendar date
        const hadBirthday = m < 1 || (m === 1 && d <= 1);
        expect(2025 - y - (hadBirthday ? 0 : 1)).toBe(age);
        expect(age).toBeGreaterThanOrEqual(18);
        expect(age).toBeLessThanOrEqual(60);
      }),
    );
  });

  it('makes mainland mobile numbers and Luhn-valid UnionPay cards', () => {
    fc.assert(
      fc.property(seed, fc.double({ min: 0, max: 1, noNaN: true }), (s, virtual) => {
        const rng = new Random(s);
        const phone = mobileNumber(rng, virtual);
        expect(normaliseMobilePhone(phone)).toEqual({ ok: true, value: phone });
        const card = bankCard(rng);
        expect(normaliseBankCard(card)).toEqual({ ok: true, value: card });
        expect(card.startsWith('62')).toBe(true);
        expect([16, 19]).toContain(card.length);
      }),
    );
  });

  it('computes the Luhn check digit that luhnValid accepts, and only that one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{11,18}$/), (body) => {
        const check = luhnCheckDigit(body);
        for (let d = 0; d <= 9; d++) expect(luhnValid(`${body}${d}`)).toBe(String(d) === check);
      }),
    );
  });

  it('classifies special-purpose IPv4 space like the registry', () => {
    const edges = SPECIAL.flatMap((r) => [r.first - 1n, r.first, r.last, r.last + 1n])
      .filter((v) => v >= 0n && v <= 0xffffffffn)
      .map(Number);
    for (const n of edges) expect(isSpecialIpv4(n), ipv4Text(n)).toBe(inSpecial(n));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        expect(isSpecialIpv4(n)).toBe(inSpecial(n));
      }),
    );
  });

  it('gives public host addresses that parse as IPv4', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const rng = new Random(s);
        const host = hostIn24(rng, publicNetwork24(rng));
        const text = ipv4Text(host);
        expect(parseIpAddress(text)).toEqual({ family: 4, value: BigInt(host) });
        expect(inSpecial(host)).toBe(false);
        expect([0, 255]).not.toContain(host & 0xff);
      }),
    );
  });

  it('gives Android ids and iOS vendor ids with the app user agent', () => {
    const rng = new Random(1);
    const devices = Array.from({ length: 200 }, () => newDevice(rng));
    for (const d of devices) {
      expect(d.id).toMatch(
        /^([0-9a-f]{16}|[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12})$/,
      );
      expect(d.userAgent).toMatch(/^LendApp\/\d+\.\d+\.\d+ \((Android|iPhone)/);
    }
    expect(new Set(devices.map((d) => d.id)).size).toBe(200);
  });
});
