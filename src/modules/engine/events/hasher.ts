import type { HashedIdentifierKind, IdentifierHasher } from '../contracts.js';
import { hashIdentifier } from '../lists/identifiers.js';

/**
 * The {@link IdentifierHasher} of an installation: GB 11643 / mobile / Luhn normalisation, then
 * HMAC-SHA256 under `key` (derived from the installation secret, never the secret itself).
 */
export function createIdentifierHasher(key: Uint8Array): IdentifierHasher {
  if (key.length < 16) throw new Error('the identifier hashing key must be at least 128 bits');
  return {
    hash(kind: HashedIdentifierKind, raw: string) {
      const result = hashIdentifier(kind, raw, key);
      return result.ok ? result : { ok: false, message: result.problem.reason };
    },
  };
}
