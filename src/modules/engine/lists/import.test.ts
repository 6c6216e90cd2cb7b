import { describe, expect, it } from 'vitest';
import { createIdentifierHasher } from '../events/hasher.js';
import { TEST_HASH_KEY } from './fixtures.js';
import { prepareImport } from './import.js';

describe('prepareImport', () => {
  const hasher = createIdentifierHasher(TEST_HASH_KEY);
  const now = Date.parse('2026-03-01T00:00:00Z');

  it('accepts the columns in any order, with reason and expiry optional', () => {
    const prepared = prepareImport('string', 'reason,value\nr1,a\n,b\n', 'default', hasher, now);
    expect(prepared.entries.map((e) => [e.row, e.value, e.reason, e.expires_at])).toEqual([
      [1, 'a', 'r1', null],
      [2, 'b', 'default', null],
    ]);
  });

  it('refuses rows with a blank value, a control character or an unreadable expiry, naming no value', () => {
    const prepared = prepareImport(
      'id_number',
      'value,expires_at\n,\n11010519491231002X,tomorrow\n11010519491231002X,2026-03-02\n110105194912310021,\n',
      'r',
      hasher,
      now,
    );
    expect(prepared.refused.map((r) => r.message)).toEqual([
      'value must be 17 digits followed by a digit or X',
      'expires_at must be an RFC 3339 time with an offset, e.g. 2027-01-01T00:00:00+08:00',
      'expires_at must be an RFC 3339 time with an offset, e.g. 2027-01-01T00:00:00+08:00',
      'value check character mismatch',
    ]);
    expect(JSON.stringify(prepared.refused)).not.toContain('1949');
    expect(prepareImport('string', 'value\n"a\u0007b"\n', 'r', hasher, now).refused[0]?.message).toBe(
      'value must not contain control characters',
    );
  });

  it('reports progress up to the number of rows', () => {
    const seen: [number, number][] = [];
    prepareImport(
      'string',
      `value\n${Array.from({ length: 2500 }, (_, i) => `v${i}`).join('\n')}`,
      'r',
      hasher,
      now,
      (d, t) => seen.push([d, t]),
    );
    expect(seen.at(-1)).toEqual([2500, 2500]);
    expect(seen.length).toBeGreaterThan(2);
  });
});
