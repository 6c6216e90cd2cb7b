/**
 * Synthetic personal identifiers that pass the same checks real ones must pass, so that simulated
 * events exercise normalisation, keyed hashing and list matching exactly as live traffic does:
 * resident identity numbers with a GB 11643-1999 check character, mainland mobile numbers in
 * allocated segments, Luhn-valid bank cards in the UnionPay range, and public IPv4 addresses.
 * They are random, not taken from any real person.
 */
import { residentIdCheckChar } from '../lists/identifiers.js';
import type { Random } from './random.js';

/**
 * County-level division codes (GB/T 2260) of large cities, the first six digits of a resident
 * identity number. An illustrative subset: the check character does not depend on which is used.
 */
// biome-ignore format: a table
const REGION_CODES = [
  '110101', '110105', '110108', '120101', '130102', '140105', '210102', '230102', '310101', '310115',
  '320102', '320106', '330106', '340104', '350102', '350203', '360102', '370102', '410105', '420102',
  '420106', '430102', '440103', '440106', '440304', '440305', '450103', '500103', '510104', '510107',
  '520102', '530102', '610113', '620102',
] as const;

/** Mobile segments of the three network operators (MIIT numbering plan). */
// biome-ignore format: a table
const OPERATOR_SEGMENTS = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187',
  '188', '189', '191', '198', '199',
] as const;

/** Segments of mobile virtual network operators, over-represented among fraud rings. */
const VIRTUAL_SEGMENTS = ['162', '165', '167', '170', '171'] as const;

/** Six-digit card prefixes in the UnionPay IIN range 62 (ISO/IEC 7812-1), as banks issue debit cards. */
const CARD_PREFIXES = [
  '621226',
  '621700',
  '622202',
  '622588',
  '622848',
  '621661',
  '623058',
  '622609',
] as const;

/** First octets of APNIC-administered /8 blocks where Chinese ISPs hold most of their space. */
// biome-ignore format: a table
const APNIC_OCTETS = [
  36, 39, 42, 49, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121,
  122, 123, 124, 125, 175, 180, 182, 183, 202, 210, 211, 218, 219, 220, 221, 222, 223,
] as const;

/** A resident identity number with the age of its holder at the reference time. */
export interface ResidentId {
  readonly value: string;
  readonly age: number;
}

/**
 * A resident identity number (GB 11643-1999 §4: 6-digit region, 8-digit birth date, 3-digit
 * sequence whose last digit is odd for men, check character) for someone aged `minAge`…`maxAge`
 * at `atMs`.
 */
export function residentId(rng: Random, atMs: number, minAge: number, maxAge: number): ResidentId {
  const at = new Date(atMs);
  const age = rng.int(minAge, maxAge);
  // Born between (age + 1) years and age years before the reference day: the age is exact.
  const latest = Date.UTC(at.getUTCFullYear() - age, at.getUTCMonth(), at.getUTCDate());
  const earliest = Date.UTC(at.getUTCFullYear() - age - 1, at.getUTCMonth(), at.getUTCDate()) + 86_400_000;
  const birth = new Date(
    earliest + Math.floor(rng.next() * ((latest - earliest) / 86_400_000 + 1)) * 86_400_000,
  );
  const date = `${birth.getUTCFullYear()}${pad2(birth.getUTCMonth() + 1)}${pad2(birth.getUTCDate())}`;
  const body = `${rng.pick(REGION_CODES)}${date}${String(rng.int(1, 999)).padStart(3, '0')}`;
  return { value: `${body}${residentIdCheckChar(body)}`, age };
}

/** A mainland mobile number; `virtualShare` is the chance it comes from a virtual operator. */
export function mobileNumber(rng: Random, virtualShare = 0.04): string {
  const segment = rng.chance(virtualShare) ? rng.pick(VIRTUAL_SEGMENTS) : rng.pick(OPERATOR_SEGMENTS);
  return `${segment}${rng.digits(8)}`;
}

/** The Luhn check digit (ISO/IEC 7812-1 Annex B) that completes `body`. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // The rightmost body digit sits next to the check digit, so it is the first one doubled.
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A Luhn-valid debit card number of 19 digits (most Chinese debit cards) or 16. */
export function bankCard(rng: Random): string {
  const length = rng.chance(0.8) ? 19 : 16;
  const body = `${rng.pick(CARD_PREFIXES)}${rng.digits(length - 7)}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** How a card appears in data fields: masked, never in clear. */
export function maskedCard(card: string): string {
  return `bank_card:****${card.slice(-4)}`;
}

/**
 * Whether a 32-bit address is special-purpose (IANA IPv4 Special-Purpose Address Registry, RFC 6890,
 * plus multicast 224/4 and reserved 240/4): private, shared CGNAT, loopback, link-local,
 * documentation, benchmarking, relay. Such addresses never reach a lender's edge as a client IP.
 */
export function isSpecialIpv4(n: number): boolean {
  const a = n >>> 24;
  const b = (n >>> 16) & 0xff;
  const c = (n >>> 8) & 0xff;
  if (a === 0 || a === 10 || a === 127 || a >= 224) return true;
  if (a === 100 && b >= 64 && b < 128) return true;
  if (a === 169 && b === 254) return true;
  if (a === 172 && b >= 16 && b < 32) return true;
  if (a === 192 && ((b === 0 && (c === 0 || c === 2)) || b === 168 || (b === 88 && c === 99))) return true;
  if (a === 198 && (b === 18 || b === 19 || (b === 51 && c === 100))) return true;
  return a === 203 && b === 0 && c === 113;
}

/** A random public /24 network (its first address) in the APNIC blocks Chinese ISPs use. */
export function publicNetwork24(rng: Random): number {
  for (;;) {
    const n = ((rng.pick(APNIC_OCTETS) << 24) | (rng.int(0, 0xffff) << 8)) >>> 0;
    if (!isSpecialIpv4(n)) return n;
  }
}

/** A host address 1…254 inside the /24 network `network` (never the network or broadcast address). */
export function hostIn24(rng: Random, network: number): number {
  return (network + rng.int(1, 254)) >>> 0;
}

/** Dotted-decimal text of a 32-bit address (RFC 791 form, no leading zeros). */
export function ipv4Text(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

/** A device: its id as the app reports it and its user agent. */
export interface Device {
  readonly id: string;
  readonly userAgent: string;
}

const ANDROID_MODELS = [
  'Xiaomi 23127PN0CC',
  'HUAWEI ALN-AL00',
  'OPPO PHZ110',
  'vivo V2309A',
  'HONOR PGT-AN10',
];
const IPHONE_MODELS = ['iPhone14,5', 'iPhone15,2', 'iPhone15,4', 'iPhone16,1'];
const APP_VERSIONS = ['6.1.0', '6.2.3', '6.3.1'];

/**
 * A new device: an Android id (16 hex digits) or an iOS identifier-for-vendor (upper-case UUID),
 * with the lending app's user agent naming the model.
 */
export function newDevice(rng: Random): Device {
  const version = rng.pick(APP_VERSIONS);
  if (rng.chance(0.6)) {
    return {
      id: rng.hex(16),
      userAgent: `LendApp/${version} (Android ${rng.int(11, 14)}; ${rng.pick(ANDROID_MODELS)})`,
    };
  }
  const h = rng.hex(32).toUpperCase();
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89AB'[rng.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
  return {
    id: uuid,
    userAgent: `LendApp/${version} (${rng.pick(IPHONE_MODELS)}; iOS ${rng.int(16, 17)}.${rng.int(0, 6)})`,
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
