import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, parseCsv } from './csv.js';

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
