import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressNear, anyRange, oracle, type RawRange, rangeText } from './fixtures.js';
import { IpRangeSet } from './ip-range-set.js';
import { formatAddress, IpParseError, parseIpAddress, parseIpRange } from './ip-ranges.js';
import { readIpWords } from './ip-text.js';

/** The words `readIpWords` gives, as the BigInt `parseIpAddress` gives, or undefined when refused. */
function readAsBigInt(text: string): { family: 4 | 6; value: bigint } | undefined {
  const out = new Uint32Array(4);
  const family = readIpWords(text, out, new Uint16Array(8));
  if (family === 0) return undefined;
  if (family === 4) return { family, value: BigInt(out[0]!) };
  return { family, value: [...out].reduce((acc, w) => (acc << 32n) | BigInt(w), 0n) };
}

function parsedOrUndefined(text: string) {
  try {
    return parseIpAddress(text);
  } catch (error) {
    if (error instanceof IpParseError) return undefined;
    throw error;
  }
}

describe('readIpWords (the hot-path reader)', () => {
  it.each([
    '1.2.3.4',
    '0.0.0.0',
    '255.255.255.255',
    '::',
    '::1',
    '1::',
    '2001:db8::8a2e:370:7334',
    '2001:DB8:0:0:8:800:200C:417A',
    '::ffff:1.2.3.4',
    '::FFFF:102:304',
    '::1.2.3.4',
    '1:2:3:4:5:6:1.2.3.4',
    '1:2:3:4:5:6:7::',
    '::2:3:4:5:6:7:8',
  ])('reads %s as parseIpAddress does', (text) => {
    expect(readAsBigInt(text)).toEqual(parseIpAddress(text));
  });

  it.each([
    '',
    '010.0.0.1',
    '1.2.3.256',
    '1.2.3',
    '1.2.3.4.',
    '.1.2.3.4',
    '1..2.3',
    ':::',
    ':1::',
    '1:',
    '1:::2',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
    '12345::',
    'fe80::1%eth0',
    '1.2.3.4::',
    '::1.2.3.4:5',
    '1:2:3:4:5:6:7:1.2.3.4',
    '::12345.1.1.1',
    ' ::1',
    '::1 ',
  ])('refuses %j as parseIpAddress does', (text) => {
    expect(readAsBigInt(text)).toBeUndefined();
    expect(parsedOrUndefined(text)).toBeUndefined();
  });

  it('agrees with parseIpAddress on random text, accepted or refused', () => {
    const chars = fc.constantFrom(...'0123456789abcdefABCDEF.:'.split(''));
    const text = fc.oneof(
      fc.string({ unit: chars, maxLength: 45 }),
      fc.string({ unit: fc.constantFrom(...'0123456789abf.:%x '.split('')), maxLength: 20 }),
      anyRange.map((r) => formatAddress(r.family, r.network)),
      fc.string(),
    );
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parsedOrUndefined(t);
        expect(readAsBigInt(t)).toEqual(parsed);
        if (parsed) expect(isIP(t)).not.toBe(0);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('IpRangeSet', () => {
  it('answers membership for IPv4, IPv6 and IPv4-mapped addresses', () => {
    const set = IpRangeSet.from(['10.0.0.0/8', '192.168.1.0/24', '2001:db8::/32', '::ffff:172.16.0.0/108']);
    expect(set.contains('10.255.0.1')).toBe(true);
    expect(set.contains('::ffff:10.1.2.3')).toBe(true);
    expect(set.contains('11.0.0.0')).toBe(false);
    expect(set.contains('172.16.3.4')).toBe(true);
    expect(set.contains('172.32.0.0')).toBe(false);
    expect(set.contains('2001:db8:ffff::1')).toBe(true);
    expect(set.contains('2001:db9::')).toBe(false);
    expect(set.contains('::a00:1')).toBe(false);
    expect(IpRangeSet.from(['::/0']).contains('1.2.3.4')).toBe(true);
    expect(IpRangeSet.from(['0.0.0.0/0']).contains('2001:db8::1')).toBe(false);
  });

  it('matches IPv6 CIDR ranges at their exact edges', () => {
    const set = IpRangeSet.from(['2001:db8:abcd:12::/64', 'fe80::/10', '2400:cb00::/32']);
    expect(set.contains('2001:db8:abcd:12::')).toBe(true);
    expect(set.contains('2001:db8:abcd:12:ffff:ffff:ffff:ffff')).toBe(true);
    expect(set.contains('2001:db8:abcd:11:ffff:ffff:ffff:ffff')).toBe(false);
    expect(set.contains('2001:db8:abcd:13::')).toBe(false);
    expect(set.contains('febf:ffff::1')).toBe(true);
    expect(set.contains('fec0::')).toBe(false);
    expect(set.contains('2400:CB00:2048:1::6814:155')).toBe(true);
  });

  it('merges overlapping and adjacent ranges and reports the merged size', () => {
    expect(IpRangeSet.from(['10.0.0.0/9', '10.128.0.0/9', '10.1.0.0/16', '::/0']).size).toBe(2);
    expect(IpRangeSet.from([]).size).toBe(0);
  });

  it('names the bad entry and its index', () => {
    expect(() => IpRangeSet.from(['10.0.0.0/8', '300.1.1.1'])).toThrowError(
      /entry 1: invalid IP or range "300\.1\.1\.1"/,
    );
  });

  it('throws IpParseError from contains and answers false from has for malformed text', () => {
    const set = IpRangeSet.from(['::/0', '0.0.0.0/0']);
    expect(() => set.contains('1.2.3.04')).toThrowError(IpParseError);
    expect(set.has('1.2.3.04', 0)).toBe(false);
    expect(set.has('not an ip', 0)).toBe(false);
    expect(set.has('1.2.3.4', 0)).toBe(true);
  });

  it('stops matching a range at its expiry, while a longer-lived covering range still matches', () => {
    const set = IpRangeSet.fromTimedRanges([
      { range: parseIpRange('10.0.0.0/8'), expiresMs: 1000 },
      { range: parseIpRange('10.1.0.0/16'), expiresMs: 5000 },
      { range: parseIpRange('2001:db8::/48'), expiresMs: 2000 },
      { range: parseIpRange('2001:db8::/32'), expiresMs: Number.POSITIVE_INFINITY },
    ]);
    expect(set.has('10.2.0.1', 999)).toBe(true);
    expect(set.has('10.2.0.1', 1000)).toBe(false);
    expect(set.has('10.1.0.1', 4999)).toBe(true);
    expect(set.has('10.1.0.1', 5000)).toBe(false);
    expect(set.has('2001:db8::1', 1e15)).toBe(true);
    expect(set.contains('10.2.0.1')).toBe(true);
  });

  it('agrees with the brute-force prefix oracle on random ranges and addresses', () => {
    fc.assert(
      fc.property(
        fc
          .array(anyRange, { maxLength: 20 })
          .chain((ranges) =>
            fc.tuple(fc.constant(ranges), fc.array(addressNear(ranges), { minLength: 1, maxLength: 20 })),
          ),
        ([ranges, addresses]) => {
          const set = IpRangeSet.from(ranges.map(rangeText));
          expect(set.size).toBeLessThanOrEqual(ranges.length);
          for (const a of addresses) {
            const expected = ranges.some((r) => oracle(r, a.family, a.value));
            expect(set.contains(formatAddress(a.family, a.value))).toBe(expected);
            expect(set.contains(parseIpAddress(formatAddress(a.family, a.value)))).toBe(expected);
            expect(set.contains(a)).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the oracle at random times when ranges expire', () => {
    const timed = fc.record({
      r: anyRange,
      expiresMs: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(Infinity)),
    });
    fc.assert(
      fc.property(
        fc
          .array(timed, { maxLength: 20 })
          .chain((items) =>
            fc.tuple(
              fc.constant(items),
              fc.array(addressNear(items.map((i) => i.r)), { minLength: 1, maxLength: 20 }),
              fc.integer({ min: -1, max: 101 }),
            ),
          ),
        ([items, addresses, atMs]) => {
          const set = IpRangeSet.fromTimedRanges(
            items.map(({ r, expiresMs }) => ({ range: parseIpRange(rangeText(r)), expiresMs })),
          );
          for (const a of addresses) {
            const expected = items.some(
              ({ r, expiresMs }) => expiresMs > atMs && oracle(r, a.family, a.value),
            );
            expect(set.has(formatAddress(a.family, a.value), atMs)).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same answer merged as checking each range separately', () => {
    fc.assert(
      fc.property(
        fc
          .array(anyRange, { minLength: 1, maxLength: 15 })
          .chain((ranges) =>
            fc.tuple(fc.constant(ranges), fc.array(addressNear(ranges), { minLength: 1, maxLength: 10 })),
          ),
        ([ranges, addresses]) => {
          const merged = IpRangeSet.from(ranges.map(rangeText));
          const singles = ranges.map((r: RawRange) => IpRangeSet.from([rangeText(r)]));
          for (const a of addresses) {
            expect(merged.contains(a)).toBe(singles.some((s) => s.contains(a)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
