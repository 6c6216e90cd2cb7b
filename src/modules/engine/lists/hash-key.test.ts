import { hkdfSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../../identity/index.js';
import { identifierHashKey, installationHasher } from './hash-key.js';
import { keyedHash } from './identifiers.js';

describe('installationHasher', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fk-hash-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes under an HKDF key of the configured secret, apart from the TOTP sealing key', () => {
    const hasher = installationHasher({ kind: 'secret', secret: 'installation secret' });
    const key = identifierHashKey('installation secret');
    expect(hasher.hash('phone', '+86 138 0013 8000')).toEqual({
      ok: true,
      value: keyedHash('phone', '13800138000', key),
    });
    const sealing = Buffer.from(
      hkdfSync('sha256', 'installation secret', 'fengkong', 'fengkong/totp-secret/v1', 32),
    );
    expect(key.equals(sealing)).toBe(false);
    expect(key).toHaveLength(32);
  });

  it('creates the key file only when it first hashes, and shares it with the TOTP sealing', () => {
    const path = join(dir, 'fengkong-secret.key');
    const created: string[] = [];
    const hasher = installationHasher({ kind: 'file', path }, (p) => created.push(p));
    expect(existsSync(path)).toBe(false);
    const first = hasher.hash('bank_card', '4111 1111 1111 1111');
    expect(created).toEqual([path]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // Another process (or the SecretBox) reads the same file and so the same secret.
    const again = installationHasher({ kind: 'file', path }).hash('bank_card', '4111111111111111');
    expect(again).toEqual(first);
    const box = new SecretBox({ kind: 'file', path });
    expect(box.open(box.seal('seed', 'ctx'), 'ctx')).toBe('seed');
    expect(readFileSync(path, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers invalid identifiers as values, and a missing secret with FK_ERR_LIST_HASH_KEY_MISSING', () => {
    expect(installationHasher({ kind: 'secret', secret: 's' }).hash('phone', '123')).toMatchObject({
      ok: false,
    });
    expect(() => installationHasher({ kind: 'none' }).hash('phone', '13800138000')).toThrowError(
      expect.objectContaining({ code: 'FK_ERR_LIST_HASH_KEY_MISSING', status: 503 }),
    );
  });
});
