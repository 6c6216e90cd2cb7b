/**
 * A fast, allocation-free reader of one address for the hot path of `ip_in`. It accepts exactly
 * what `parseIpAddress` (ip-ranges.ts) accepts — RFC 791 dotted decimal without leading zeros,
 * RFC 4291 §2.2 text with one `::` and an optional dotted IPv4 tail, no zone id — and gives the
 * same value, but as 32-bit words instead of a BigInt: building a BigInt per lookup would cap
 * `ip_in` well below a million lookups a second. A property test holds the two readers equal.
 */

/** Result of {@link readIpWords}: the family read, or 0 for text that is not an address. */
export type IpWordsFamily = 0 | 4 | 6;

const MAX_TEXT = 64;

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/** Reads dotted decimal from `start` to the end of `text`; the value, or -1 when malformed. */
function readV4(text: string, start: number): number {
  let value = 0;
  let octets = 0;
  let i = start;
  const n = text.length;
  while (octets < 4) {
    let octet = 0;
    let digits = 0;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (code < 48 || code > 57) break;
      // A leading zero is refused ("010" is octal to some tools): "0" alone is the only form.
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (code - 48);
      digits++;
      i++;
    }
    if (digits === 0 || digits > 3 || octet > 255) return -1;
    value = value * 256 + octet;
    octets++;
    if (octets < 4) {
      if (i >= n || text.charCodeAt(i) !== 46) return -1; // '.'
      i++;
    }
  }
  return i === n ? value : -1;
}

/**
 * Reads `text` into `out`: family 4 puts the address in `out[0]`; family 6 puts its 128 bits in
 * `out[0..3]`, most significant word first. An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) comes
 * back as family 4, as `parseIpAddress` returns it. Returns 0, leaving `out` undefined, for text
 * that `parseIpAddress` refuses.
 */
export function readIpWords(text: string, out: Uint32Array, groups: Uint16Array): IpWordsFamily {
  const n = text.length;
  if (n === 0 || n > MAX_TEXT) return 0;
  if (text.indexOf(':') === -1) {
    const v4 = readV4(text, 0);
    if (v4 < 0) return 0;
    out[0] = v4;
    return 4;
  }
  let count = 0;
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (n < 2 || text.charCodeAt(1) !== 58) return 0;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let value = 0;
    let j = i;
    while (j < n) {
      const h = hexValue(text.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      j++;
    }
    if (j < n && text.charCodeAt(j) === 46) {
      // A dotted IPv4 tail: the last part, worth two groups.
      if (count > 6) return 0;
      const v4 = readV4(text, i);
      if (v4 < 0) return 0;
      groups[count++] = Math.floor(v4 / 65536);
      groups[count++] = v4 % 65536;
      i = n;
      break;
    }
    const digits = j - i;
    if (digits === 0 || digits > 4 || count === 8) return 0;
    groups[count++] = value;
    if (j === n) break;
    if (text.charCodeAt(j) !== 58) return 0;
    if (j + 1 < n && text.charCodeAt(j + 1) === 58) {
      if (gap !== -1) return 0;
      gap = count;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === n) return 0; // a single trailing ':'
    }
  }
  if (gap === -1 ? count !== 8 : count > 7) return 0;
  // Expand the gap in place: the groups after it move to the end, zeros fill the hole.
  if (gap !== -1) {
    const tail = count - gap;
    for (let k = 0; k < tail; k++) groups[7 - k] = groups[count - 1 - k]!;
    for (let k = gap; k < 8 - tail; k++) groups[k] = 0;
  }
  const g = groups;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    out[0] = g[6]! * 65536 + g[7]!;
    return 4;
  }
  out[0] = g[0]! * 65536 + g[1]!;
  out[1] = g[2]! * 65536 + g[3]!;
  out[2] = g[4]! * 65536 + g[5]!;
  out[3] = g[6]! * 65536 + g[7]!;
  return 6;
}
