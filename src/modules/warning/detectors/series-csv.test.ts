import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSeriesCsv } from './series-csv.js';

describe('reading a series from CSV', () => {
  it('reads back any series of numbers written one per line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 40 }),
        (xs) => {
          const read = readSeriesCsv(`\uFEFFwhen,value\r\n${xs.map((x, i) => `"t${i}",${x}`).join('\r\n')}`);
          expect(read).toEqual({ ok: true, column: 'value', values: xs.map((x) => x + 0) });
        },
      ),
    );
  });

  it('names the line of the first cell that is not a plain number', () => {
    expect(readSeriesCsv('v\n1\n\n2\n5%\n')).toEqual({
      ok: false,
      line: 5,
      message: { en: '"5%" in column "v" is not a number', zh: '"v" 列中的"5%"不是数字' },
    });
    expect(readSeriesCsv('a,b\n1,2\n3\n', 'b')).toMatchObject({
      ok: false,
      line: 3,
      message: { en: 'an empty cell in column "b" is not a number' },
    });
    expect(readSeriesCsv('v\n"1\n')).toMatchObject({ ok: false, line: 2 });
    expect(readSeriesCsv('')).toMatchObject({ ok: false, line: 0, message: { en: 'the file is empty' } });
  });
});
