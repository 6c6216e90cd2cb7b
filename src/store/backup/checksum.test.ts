import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { type BackupRow, canonicalRow, isBackupRow, normaliseRow, TableDigest } from './checksum.js';

const value = fc.oneof(fc.string({ unit: 'binary' }), fc.maxSafeInteger(), fc.constant(null));
const row = fc.dictionary(fc.string({ unit: 'binary' }), value) as fc.Arbitrary<BackupRow>;

describe('row checksums', () => {
  it('canonicalRow is exactly RFC 8785 canonical JSON for any portable row', () => {
    fc.assert(
      fc.property(row, (r) => {
        expect(canonicalRow(r)).toBe(canonicalJson(r));
        expect(isBackupRow(JSON.parse(canonicalRow(r)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a table checksum is SHA-256 of the canonical JSON array of its rows, whatever the column order', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const forward = new TableDigest();
        const shuffled = new TableDigest();
        for (const r of rows) {
          forward.add(r);
          shuffled.add(Object.fromEntries(Object.entries(r).reverse()));
        }
        const expected = new TableDigest();
        expected.addCanonical(canonicalJson(rows).slice(1, -1));
        const a = forward.finish();
        expect(a).toEqual(shuffled.finish());
        expect(a.rows).toBe(rows.length);
        if (rows.length > 0) expect(a.sha256).toBe(expected.finish().sha256);
      }),
    );
  });

  it('refuses values that would not read back the same on the other dialect, naming the column', () => {
    expect(normaliseRow('t', { a: 1n, b: 'x', c: null })).toEqual({ a: 1, b: 'x', c: null });
    expect(() => normaliseRow('loan', { rate: 0.05 })).toThrow(/loan\.rate holds number \(0\.05\)/);
    expect(() => normaliseRow('user', { active: true })).toThrow(/user\.active holds boolean/);
    expect(() => normaliseRow('event', { at: new Date(0) })).toThrow(/event\.at holds a date/);
    expect(() => normaliseRow('blob', { data: Buffer.from('x') })).toThrow(/blob\.data holds binary data/);
    expect(() => normaliseRow('big', { n: 2n ** 60n })).toThrow(/big\.n holds bigint/);
  });
});
