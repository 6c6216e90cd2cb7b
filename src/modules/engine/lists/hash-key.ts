/**
 * The installation's identifier hasher, keyed from the same secret that seals TOTP secrets
 * (`FENGKONG_SECRET_KEY`, else the key file beside an SQLite database) but through its own HKDF
 * label, so the hashing key and the sealing key are unrelated (RFC 5869 §3.2: distinct `info`
 * values give independent keys). The key is derived on first use: commands that never hash do not
 * create a key file, and a PostgreSQL installation without a secret is told what to set when it
 * first needs a hash rather than refusing to start.
 *
 * Changing the secret changes every hash: the entries of id_number, phone and bank_card lists would
 * no longer match events, so the secret must be kept (and backed up) like the database.
 */
import { hkdfSync } from 'node:crypto';
import { type KeySource, readInstallationSecret } from '../../identity/index.js';
import type { HashedIdentifierKind, IdentifierHasher } from '../contracts.js';
import { createIdentifierHasher } from '../events/hasher.js';
import { ListHashKeyMissing } from './errors.js';

/** The HKDF `info` of the identifier hashing key; a new version means new hashes everywhere. */
export const IDENTIFIER_HASH_INFO = 'fengkong/identifier-hash/v1';

/** Derives the 256-bit identifier hashing key from an installation secret (HKDF-SHA256, RFC 5869). */
export function identifierHashKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'fengkong', IDENTIFIER_HASH_INFO, 32));
}

/** The installation secret, created on first use like the identity module's key file. */
function readSecret(source: KeySource, onKeyFileCreated: (path: string) => void): string {
  if (source.kind === 'none') throw ListHashKeyMissing();
  return readInstallationSecret(source, true, onKeyFileCreated);
}

/**
 * The hasher of an installation, keyed lazily from `source`. Hashing without any secret configured
 * throws `FK_ERR_LIST_HASH_KEY_MISSING` (503): a configuration problem, not a bad value.
 */
export function installationHasher(
  source: KeySource,
  onKeyFileCreated: (path: string) => void = () => undefined,
): IdentifierHasher {
  let hasher: IdentifierHasher | undefined;
  return {
    hash(kind: HashedIdentifierKind, raw: string) {
      hasher ??= createIdentifierHasher(identifierHashKey(readSecret(source, onKeyFileCreated)));
      return hasher.hash(kind, raw);
    },
  };
}
