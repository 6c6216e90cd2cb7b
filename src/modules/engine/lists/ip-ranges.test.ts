import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyRange, rangeText } from './fixtures.js';
import { formatAddress, formatRange, IpParseError, parseIpAddress, parseIpRange } from './ip-ranges.js';

describe('parseIpAddress / parseIpRange', () => {
  it.each([
    ['10.0.0.0/8', 4, 0x0a000000n, 8],
    ['0.0.0.0/0', 4, 0n, 0],
    ['255.255.255.255', 4, 0xffffffffn, 32],
    ['2001:db8::/32', 6, 0x20010db8n << 96n, 32],
    ['::/0', 6, 0n, 0],
    ['::1', 6, 1n, 128],
    ['FE80::/10', 6, 0xfe80n << 112n, 10],
    ['::ffff:10.0.0.0/104', 4, 0x0a000000n, 8],
    ['::ffff:0a00:0/104', 4, 0x0a000000n, 8],
  ] as const)('accepts %s', (text, family, first, prefix) => {
    expect(parseIpRange(text)).toMatchObject({ family, first, prefix });
  });

  it.each([
    '',
    '010.0.0.1',
    '1.2.3.04',
    '256.0.0.0',
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.4/33',
    '1.2.3.4/08',
    '1.2.3.4/',
    '1.2.3.4/-1',
    '::/129',
    'fe80::1%eth0',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
    '12345::',
    ':1::',
    '1:',
    ' 1.2.3.4',
    '1.2.3.4 ',
    'g::1',
    '1.2.3.4::',
  ])('refuses %j with IpParseError naming the entry', (text) => {
    expect(() => parseIpRange(text)).toThrowError(IpParseError);
    try {
      parseIpRange(text);
    } catch (error) {
      expect((error as IpParseError).entry).toBe(text);
    }
  });

  it('refuses a range with host bits set and suggests the network', () => {
    expect(() => parseIpRange('10.1.2.3/8')).toThrowError(/host bits set; did you mean 10\.0\.0\.0\/8/);
    expect(() => parseIpRange('2001:db8::1/64')).toThrowError(/2001:db8::\/64/);
  });

  it('reads IPv4-mapped IPv6 addresses as IPv4', () => {
    expect(parseIpAddress('::ffff:1.2.3.4')).toEqual({ family: 4, value: 0x01020304n });
    expect(parseIpAddress('::FFFF:102:304')).toEqual({ family: 4, value: 0x01020304n });
    expect(parseIpAddress('::1.2.3.4')).toEqual({ family: 6, value: 0x01020304n });
  });

  it('throws nothing but IpParseError on random strings, and accepts only what node:net accepts', () => {
    const chars = fc.constantFrom(...'0123456789abcdefABCDEFxg.:/% '.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: chars, maxLength: 45 })), (text) => {
        for (const parse of [parseIpAddress, parseIpRange]) {
          try {
            parse(text);
          } catch (error) {
            if (!(error instanceof IpParseError)) throw error;
          }
        }
        try {
          parseIpAddress(text);
          expect(isIP(text)).not.toBe(0);
        } catch (error) {
          if (!(error instanceof IpParseError)) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips formatted addresses, which node:net also accepts', () => {
    fc.assert(
      fc.property(anyRange, (r) => {
        const text = formatAddress(r.family, r.network);
        expect(isIP(text)).toBe(r.family);
        const parsed = parseIpAddress(text);
        const mapped = r.family === 6 && r.network >> 32n === 0xffffn;
        expect(parsed).toEqual(
          mapped ? { family: 4, value: r.network & 0xffffffffn } : { family: r.family, value: r.network },
        );
      }),
    );
  });
});

describe('formatRange', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['1.2.3.4/32', '1.2.3.4'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::ffff:1.2.3.4/128', '1.2.3.4'],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'],
    ['2001:DB8:0:0::/32', '2001:db8::/32'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8::1/128', '2001:db8::1'],
    ['::/0', '::/0'],
  ])('writes %s as %s', (text, canonical) => {
    expect(formatRange(parseIpRange(text))).toBe(canonical);
  });

  it('is a fixed point: the canonical text parses back to the same range', () => {
    fc.assert(
      fc.property(anyRange, (r) => {
        const parsed = parseIpRange(rangeText(r));
        const canonical = formatRange(parsed);
        expect(parseIpRange(canonical)).toEqual(parsed);
        expect(formatRange(parseIpRange(canonical))).toBe(canonical);
      }),
    );
  });
});
