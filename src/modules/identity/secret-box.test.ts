import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FkError } from '../../kernel/errors.js';
import { KEY_FILE_NAME, keySourceFor, SecretBox } from './secret-box.js';

const KEY = 'a-secret-key-of-at-least-32-characters!!';

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof FkError ? error.code : 'thrown';
  }
};

describe('SecretBox', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('seals and opens any text, and the sealed form does not contain it', () => {
    const box = new SecretBox({ kind: 'secret', secret: KEY });
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 100 }),
        fc.string({ maxLength: 40 }),
        (text, context) => {
          const sealed = box.seal(text, context);
          expect(sealed.includes(text)).toBe(false);
          expect(box.open(sealed, context)).toBe(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a value moved to another record, altered, or opened with another key', () => {
    const box = new SecretBox({ kind: 'secret', secret: KEY });
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:user-1');
    expect(codeOf(() => box.open(sealed, 'totp:user-2'))).toBe('FK_ERR_SECRET_KEY_MISMATCH');
    const parts = sealed.split('.');
    const body = parts[3]!;
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    expect(codeOf(() => box.open(parts.join('.'), 'totp:user-1'))).toBe('FK_ERR_SECRET_KEY_MISMATCH');
    const other = new SecretBox({ kind: 'secret', secret: `${KEY}-other` });
    expect(codeOf(() => other.open(sealed, 'totp:user-1'))).toBe('FK_ERR_SECRET_KEY_MISMATCH');
    expect(codeOf(() => box.open('garbage', 'totp:user-1'))).toBe('FK_ERR_SECRET_KEY_MISMATCH');
  });

  it('without a key, refuses to seal with a clear error', () => {
    const box = new SecretBox({ kind: 'none' });
    expect(box.available).toBe(false);
    expect(codeOf(() => box.seal('x', 'c'))).toBe('FK_ERR_SECRET_KEY_MISSING');
  });

  it('chooses the configured key, else a key file beside an SQLite database, else none', () => {
    expect(keySourceFor('sqlite:/data/x/fengkong.db', KEY)).toEqual({ kind: 'secret', secret: KEY });
    expect(keySourceFor('sqlite:/data/x/fengkong.db', undefined)).toEqual({
      kind: 'file',
      path: join('/data/x', KEY_FILE_NAME),
    });
    expect(keySourceFor('sqlite::memory:', undefined)).toEqual({ kind: 'none' });
    expect(keySourceFor('postgres://u@h/db', undefined)).toEqual({ kind: 'none' });
  });

  it('generates the key file on first seal only, readable by its owner alone, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-key-'));
    dirs.push(dir);
    const path = join(dir, KEY_FILE_NAME);
    const created: string[] = [];
    const box = new SecretBox({ kind: 'file', path }, (p) => created.push(p));
    // Opening before any key exists does not create one.
    expect(codeOf(() => box.open('v1.x.y.z.w', 'c'))).toBe('FK_ERR_SECRET_KEY_MISSING');
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'c');
    expect(created).toEqual([path]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = new SecretBox({ kind: 'file', path }, (p) => created.push(p));
    expect(again.open(sealed, 'c')).toBe('JBSWY3DPEHPK3PXP');
    expect(created).toHaveLength(1);
  });
});
