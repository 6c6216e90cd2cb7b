/**
 * Strict IPv4 / IPv6 address and CIDR parsing and canonical formatting, for the entries of `ip`
 * lists (the set that answers `ip_in('datacenter_ranges', subject.ip)` is in `ip-range-set.ts`).
 *
 * Decisions:
 * - Textual forms follow RFC 4291 §2.2 (IPv6, including `::` compression and a trailing dotted
 *   IPv4 part) and the dotted-decimal form of RFC 791 with no leading zeros (a leading zero is
 *   read as octal by some tools, so `010.0.0.1` is ambiguous and refused). Zone ids (`%eth0`),
 *   whitespace and empty groups are refused.
 * - A range whose host bits are set (`10.1.2.3/8`) is REFUSED rather than silently widened: in
 *   a block list it is most likely a typo, and the error names the network it probably meant.
 * - An address without `/len` is a single-host range (/32 or /128).
 * - IPv4-mapped IPv6 (`::ffff:1.2.3.4`, RFC 4291 §2.5.5.2) is the IPv4 address: as an address it
 *   matches IPv4 ranges, and a mapped range with prefix ≥ 96 becomes an IPv4 range. An IPv4
 *   address also matches IPv6 ranges that cover its mapped form (so `::/0` contains it).
 */

/** Address family. */
export type IpFamily = 4 | 6;

/** A parsed address: the family and the address as an unsigned integer (32 or 128 bits). */
export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

/** A parsed CIDR range: network address (host bits zero), prefix length, and last address. */
export interface IpRange {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
  readonly prefix: number;
}

/** Thrown for malformed address or range text; `entry` is the offending text verbatim. */
export class IpParseError extends Error {
  override readonly name = 'IpParseError';
  constructor(
    readonly entry: string,
    readonly reason: string,
    readonly index?: number,
  ) {
    super(
      `${index === undefined ? '' : `entry ${index}: `}invalid IP or range ${JSON.stringify(entry)}: ${reason}`,
    );
  }
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };
const V4_MASK = 0xffffffffn;
const DECIMAL = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function fail(entry: string, reason: string): never {
  throw new IpParseError(entry, reason);
}

function parseV4(text: string, entry: string): bigint {
  const parts = text.split('.');
  if (parts.length !== 4) fail(entry, 'IPv4 needs four dotted octets');
  let value = 0n;
  for (const part of parts) {
    if (!DECIMAL.test(part)) fail(entry, `bad IPv4 octet ${JSON.stringify(part)}`);
    const n = Number(part);
    if (n > 255) fail(entry, `IPv4 octet ${n} above 255`);
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseGroups(text: string, entry: string, allowV4Tail: boolean): bigint[] {
  if (text === '') return [];
  const groups: bigint[] = [];
  const parts = text.split(':');
  parts.forEach((part, i) => {
    if (allowV4Tail && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part, entry);
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      fail(entry, `bad IPv6 group ${JSON.stringify(part)}`);
    }
  });
  return groups;
}

function parseV6(text: string, entry: string): bigint {
  if (text.includes('%')) fail(entry, 'zone ids are not accepted');
  const halves = text.split('::');
  if (halves.length > 2) fail(entry, '"::" may appear only once');
  let groups: bigint[];
  if (halves.length === 2) {
    const head = parseGroups(halves[0]!, entry, false);
    const tail = parseGroups(halves[1]!, entry, true);
    const missing = 8 - head.length - tail.length;
    if (missing < 1) fail(entry, '"::" must stand for at least one group');
    groups = [...head, ...new Array<bigint>(missing).fill(0n), ...tail];
  } else {
    groups = parseGroups(text, entry, true);
    if (groups.length !== 8) fail(entry, 'IPv6 needs eight groups or "::"');
  }
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Whether a 128-bit value is an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, RFC 4291 §2.5.5.2). */
export function isMapped(value: bigint): boolean {
  return value >> 32n === 0xffffn;
}

/**
 * Parses one address strictly. IPv4-mapped IPv6 addresses come back as family 4.
 * Throws {@link IpParseError} (and nothing else) for any malformed text.
 */
export function parseIpAddress(text: string): IpAddress {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64)
    fail(String(text), 'empty or too long');
  if (text.includes(':')) {
    const value = parseV6(text, text);
    return isMapped(value) ? { family: 4, value: value & V4_MASK } : { family: 6, value };
  }
  return { family: 4, value: parseV4(text, text) };
}

/**
 * Parses `address/prefix` (or a bare address, meaning a single host) strictly. Host bits must be
 * zero; an IPv4-mapped range with prefix ≥ 96 is returned as the equivalent IPv4 range.
 * Throws {@link IpParseError} for any malformed text.
 */
export function parseIpRange(text: string): IpRange {
  if (typeof text !== 'string' || text.length === 0 || text.length > 68)
    fail(String(text), 'empty or too long');
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const isV6 = addressText.includes(':');
  const family: IpFamily = isV6 ? 6 : 4;
  let value = isV6 ? parseV6(addressText, text) : parseV4(addressText, text);
  let prefix = BITS[family];
  if (slash !== -1) {
    const prefixText = text.slice(slash + 1);
    if (!DECIMAL.test(prefixText)) fail(text, `bad prefix length ${JSON.stringify(prefixText)}`);
    prefix = Number(prefixText);
    if (prefix > BITS[family]) fail(text, `prefix length ${prefix} above ${BITS[family]}`);
  }
  const hostBits = BigInt(BITS[family] - prefix);
  const hostMask = (1n << hostBits) - 1n;
  if ((value & hostMask) !== 0n) {
    const network = formatAddress(family, value & ~hostMask);
    fail(text, `host bits set; did you mean ${network}/${prefix}?`);
  }
  if (family === 6 && prefix >= 96 && isMapped(value)) {
    value &= V4_MASK;
    return { family: 4, first: value, last: value | hostMask, prefix: prefix - 96 };
  }
  return { family, first: value, last: value | hostMask, prefix };
}

/** Formats an address canonically (dotted decimal, or RFC 5952 lower-case compressed IPv6). */
export function formatAddress(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * The canonical text of a range, used as the stored value and display of an `ip` list entry: a
 * single host as its bare address (`1.2.3.4`, `2001:db8::1`), any other range as `network/prefix`.
 * Every spelling of one range (`::ffff:1.2.3.4/128`, `1.2.3.4/32`, `1.2.3.4`) gives the same text,
 * so the list holds it once.
 */
export function formatRange(range: IpRange): string {
  const address = formatAddress(range.family, range.first);
  return range.prefix === BITS[range.family] ? address : `${address}/${range.prefix}`;
}
