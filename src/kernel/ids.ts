import { randomBytes, randomFillSync } from 'node:crypto';

/**
 * Identifiers: UUID version 7 (RFC 9562 §5.7), time-ordered so that primary-key indexes stay
 * append-friendly and ids sort by creation time, with 74 random bits.
 */
export function newId(nowMs: number = Date.now()): string {
  const bytes = Buffer.allocUnsafe(16);
  randomInto(bytes);
  let ms = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Random bytes for ids from a pool refilled 4 KiB at a time from the system's CSPRNG (crypto's
 * randomFillSync): a call into it per id cost a few microseconds of every decision. Each pooled
 * byte is handed out once.
 */
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;

function randomInto(target: Buffer): void {
  if (poolAt + target.length > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  POOL.copy(target, 0, poolAt, poolAt + target.length);
  // Spent bytes are zeroed, so that nothing random lingers for longer than needed.
  POOL.fill(0, poolAt, poolAt + target.length);
  poolAt += target.length;
}

/** A random opaque token of `bytes` bytes, base64url, for secrets handed to people or machines. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
