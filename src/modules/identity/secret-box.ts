import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SecretKeyMismatch, SecretKeyMissing } from './errors.js';

/** Where the key that seals TOTP secrets comes from. */
export type KeySource =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'none' };

/** The key file of an SQLite installation without `FENGKONG_SECRET_KEY`: beside the database file. */
export const KEY_FILE_NAME = 'fengkong-secret.key';

/**
 * Chooses the key source for a database: the configured secret when there is one; else, for an
 * SQLite file, a key file in the database's folder (generated on first use, mode 0600); else none,
 * and MFA refuses with `FK_ERR_SECRET_KEY_MISSING`. A PostgreSQL installation gets no key file:
 * several servers share its database, and a key generated on one host would not open secrets sealed
 * on another, so the operator must give every server the same `FENGKONG_SECRET_KEY`.
 */
export function keySourceFor(db: string, secret: string | undefined): KeySource {
  if (secret) return { kind: 'secret', secret };
  if (db.startsWith('sqlite:') && db !== 'sqlite::memory:') {
    return { kind: 'file', path: join(dirname(resolve(db.slice('sqlite:'.length))), KEY_FILE_NAME) };
  }
  return { kind: 'none' };
}

const VERSION = 'v1';

/**
 * Seals small secrets (TOTP seeds) with AES-256-GCM (NIST SP 800-38D) under a key derived by HKDF-SHA256
 * (RFC 5869) from the configured secret, so the database, its backups and anyone who can read them
 * hold only ciphertext. Each value is bound to its context (the user it belongs to) as associated
 * data, so a sealed value copied onto another row does not open. The sealed form names the key by a
 * short fingerprint, so a wrong key is reported as such rather than as corruption.
 */
export class SecretBox {
  private key: Buffer | undefined;

  constructor(
    private readonly source: KeySource,
    /** Called once when a key file is generated, to tell the operator. */
    private readonly onKeyFileCreated: (path: string) => void = () => undefined,
  ) {}

  /** Whether sealing can work: a key is configured or can be generated. */
  get available(): boolean {
    return this.source.kind !== 'none';
  }

  /** Seals `plaintext` for `context`; generates the key file if this is its first use. */
  seal(plaintext: string, context: string): string {
    const key = this.requireKey(true);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, keyId(key), b64(iv), b64(body), b64(cipher.getAuthTag())].join('.');
  }

  /** Opens a value sealed for `context`; throws `FK_ERR_SECRET_KEY_MISMATCH` when it does not open. */
  open(sealed: string, context: string): string {
    const key = this.requireKey(false);
    const [version, kid, iv, body, tag] = sealed.split('.');
    if (version !== VERSION || !iv || !body || !tag) throw SecretKeyMismatch('the sealed value is malformed');
    if (kid !== keyId(key)) throw SecretKeyMismatch('the value was sealed with another key');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw SecretKeyMismatch('the sealed value was altered or belongs to another record');
    }
  }

  private requireKey(create: boolean): Buffer {
    if (this.key) return this.key;
    const source = this.source;
    if (source.kind === 'none') throw SecretKeyMissing();
    const secret =
      source.kind === 'secret' ? source.secret : readKeyFile(source.path, create, this.onKeyFileCreated);
    this.key = Buffer.from(hkdfSync('sha256', secret, 'fengkong', 'fengkong/totp-secret/v1', 32));
    return this.key;
  }
}

/**
 * The installation secret of a key source: the configured secret, or the key file's content (created
 * on first use when `create`, 32 random bytes, mode 0600). Other modules derive their own keys from
 * it with HKDF and a label of their own (identifier hashing), never use it directly.
 */
export function readInstallationSecret(
  source: KeySource,
  create: boolean,
  onCreated: (path: string) => void = () => undefined,
): string {
  if (source.kind === 'none') throw SecretKeyMissing();
  return source.kind === 'secret' ? source.secret : readKeyFile(source.path, create, onCreated);
}

function readKeyFile(path: string, create: boolean, onCreated: (path: string) => void): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!create) {
      throw SecretKeyMissing(`the key file ${path} is missing: restore it or set FENGKONG_SECRET_KEY`);
    }
  }
  try {
    // `wx` never overwrites: two processes racing to create the file keep the first one's key.
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    onCreated(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
