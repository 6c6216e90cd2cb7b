import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdentifierHasher } from '../events/hasher.js';
import { csvField, parseCsv } from './csv.js';
import { TEST_HASH_KEY } from './fixtures.js';
import { prepareImport } from './import.js';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and tells the line of each record', () => {
    const text = '\ufeffvalue,reason\r\n"a,b","say ""no"""\n\n"multi\nline",x\rlast,';
    expect(parseCsv(text)).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['value', 'reason'] },
        { line: 2, fields: ['a,b', 'say "no"'] },
        { line: 4, fields: ['multi\nline', 'x'] },
        { line: 6, fields: ['last', ''] },
      ],
    });
  });

  it.each([
    ['value\n"open', 2, 'a quoted field is never closed'],
    ['value\nab"c', 2, 'a quote inside an unquoted field'],
    ['value\n"ab"c', 2, 'a closing quote must end its field'],
  ])('refuses %j naming the line', (text, line, message) => {
    const result = parseCsv(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.line).toBe(line);
      expect(result.message).toContain(message);
    }
  });

  it('reads back any table it is given, written with csvField', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', '中'),
      maxLength: 8,
    });
    const table = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, (rows) => {
        const text = rows.map((r) => r.map(csvField).join(',')).join('\r\n');
        const parsed = parseCsv(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.records.map((r) => r.fields)).toEqual(rows);
      }),
    );
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '\ufeff') }), (text) => {
        parseCsv(text);
      }),
    );
  });
});

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
