/**
 * Which IP addresses a webhook may reach without being named explicitly: only globally routable ones.
 * The blocked ranges are the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its
 * updates: loopback, RFC 1918 private, shared CGN space RFC 6598, link-local RFC 3927 / RFC 4291,
 * unique-local RFC 4193, documentation, benchmarking, multicast, reserved), plus the translation
 * prefixes that embed an IPv4 address (NAT64 RFC 6052 / RFC 8215, 6to4 RFC 3056, Teredo RFC 4380),
 * so that `64:ff9b::7f00:1` cannot smuggle 127.0.0.1 past the check. IPv4-mapped IPv6 addresses
 * (`::ffff:a.b.c.d`) are judged by their IPv4 address (Node's `BlockList` does this).
 */
import { BlockList, isIP } from 'node:net';

const V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const V6: readonly (readonly [string, number])[] = [
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

function nonPublicRanges(): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of V4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of V6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

const NON_PUBLIC = nonPublicRanges();

/** The address without IPv6 brackets or a zone (`fe80::1%eth0`), lowercased. */
export function bareAddress(text: string): string {
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = unbracketed.indexOf('%');
  return (zone >= 0 ? unbracketed.slice(0, zone) : unbracketed).toLowerCase();
}

/**
 * Whether `address` (an IPv4 or IPv6 literal) is globally routable, i.e. outside every special-purpose
 * range above. Anything that is not an IP literal is not public.
 */
export function isPublicAddress(address: string): boolean {
  const bare = bareAddress(address);
  const family = isIP(bare);
  if (family === 0) return false;
  return !NON_PUBLIC.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
