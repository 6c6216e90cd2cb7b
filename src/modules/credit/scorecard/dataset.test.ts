import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CategoricalColumn,
  type Column,
  columnFromValues,
  type Dataset,
  type DatasetOptions,
  MISSING_TOKENS,
  type NumericColumn,
  parseNumericCell,
  readDataset,
} from './dataset.js';

function read(text: string, options: DatasetOptions): Dataset {
  const result = readDataset(text, options);
  if (!result.ok) throw new Error(result.message.en);
  return result.dataset;
}

function failure(text: string, options: DatasetOptions) {
  const result = readDataset(text, options);
  if (result.ok) throw new Error('expected a failure');
  return result;
}

function column(dataset: Dataset, name: string): Column {
  const found = dataset.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

const SAMPLE = [
  'id,age,city,income,bad',
  '1,30,beijing,5000,0',
  '2,45,shanghai,NA,1',
  '3,,beijing,-999,0',
  '4,52, beijing,7000.5,0',
  '5,28,N/A,1e4,1',
].join('\n');

describe('reading a scorecard sample', () => {
  it('reads numeric and categorical columns, ids and a 0/1 target', () => {
    const d = read(SAMPLE, { target: 'bad', specialAll: ['-999'] });
    expect(d.rows).toBe(5);
    expect(d.names).toEqual(['age', 'city', 'income']);
    expect([...d.target]).toEqual([0, 1, 0, 0, 1]);
    expect(d.ids).toEqual(['1', '2', '3', '4', '5']);
    const age = column(d, 'age') as NumericColumn;
    expect(age.type).toBe('numeric');
    expect([...age.values]).toEqual([30, 45, Number.NaN, 52, 28]);
    expect([...age.special]).toEqual([]);
    const income = column(d, 'income') as NumericColumn;
    expect([...income.values]).toEqual([5000, Number.NaN, -999, 7000.5, 10000]);
    expect([...income.special]).toEqual([-999]);
    const city = column(d, 'city') as CategoricalColumn;
    expect(city.type).toBe('categorical');
    // Levels keep their exact text: " beijing" is not "beijing".
    expect(city.levels).toEqual(['beijing', 'shanghai', ' beijing']);
    expect([...city.codes]).toEqual([0, 1, 0, 2, -1]);
  });

  it('reads a declared bad value against one other value', () => {
    const d = read('x,status\n1,default\n2,paid\n3,paid\n', { target: 'status', bad: 'default' });
    expect([...d.target]).toEqual([1, 0, 0]);
  });

  it('honours exclude, type overrides, an explicit id column and per-column specials', () => {
    const text = 'key,zip,score,grade,y\na,100,1,A,0\nb,200,-1,B,1\nc,100,7,Z,0\n';
    const d = read(text, {
      target: 'y',
      idColumn: 'key',
      exclude: ['score'],
      types: { zip: 'categorical' },
      special: { grade: ['Z', 'Q'] },
    });
    expect(d.ids).toEqual(['a', 'b', 'c']);
    expect(d.names).toEqual(['zip', 'grade']);
    expect((column(d, 'zip') as CategoricalColumn).levels).toEqual(['100', '200']);
    expect((column(d, 'grade') as CategoricalColumn).specialLevels).toEqual(['Z']);
  });

  it('keeps numeric specials as values, matched by value and listed in declared order', () => {
    const d = read('x,y\n-999.0,0\n5,1\n-1,0\n-999,1\n', {
      target: 'y',
      special: { x: ['-1'] },
      specialAll: ['-999', '-5'],
    });
    const x = column(d, 'x') as NumericColumn;
    expect([...x.values]).toEqual([-999, 5, -1, -999]);
    expect([...x.special]).toEqual([-1, -999]);
  });

  it('detects a numeric column when only declared specials are not numbers, and refuses it as numeric', () => {
    const f = failure('x,y\n1,0\nunknown,1\n', { target: 'y', special: { x: ['unknown'] } });
    expect(f.message.en).toContain('special value "unknown" is not a number');
    const d = read('x,y\n1,0\nunknown,1\n', {
      target: 'y',
      special: { x: ['unknown'] },
      types: { x: 'categorical' },
    });
    expect((column(d, 'x') as CategoricalColumn).specialLevels).toEqual(['unknown']);
  });

  it('treats the documented tokens, and only them, as missing', () => {
    expect([...MISSING_TOKENS].sort()).toEqual(['', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'null'].sort());
    const d = read('x,c,y\nNA,na,0\n NULL ,None,1\n1,x,0\n', { target: 'y' });
    expect([...(column(d, 'x') as NumericColumn).values]).toEqual([Number.NaN, Number.NaN, 1]);
    expect((column(d, 'c') as CategoricalColumn).levels).toEqual(['na', 'x']);
  });

  it('accepts plain decimals only as numbers', () => {
    for (const t of ['12', '-0.5', '+.5', '1e3', '2.5E-3', ' 7 ', '3.'])
      expect(parseNumericCell(t)).toBe(Number(t));
    for (const t of ['Infinity', '0x10', '1,000', '1_000', 'e5', '1e', '--1', '1e999'])
      expect(parseNumericCell(t)).toBeUndefined();
    expect(read('x,y\n1,0\n0x10,1\n', { target: 'y' }).columns[0]?.type).toBe('categorical');
  });

  it('reports each kind of bad input as a bilingual value, naming the line', () => {
    const cases: [string, DatasetOptions, RegExp, number | undefined][] = [
      ['x,y\n1,0\n', { target: 'z' }, /target column "z"/, undefined],
      ['x,y\n1,0\n2,1\n3,2\n', { target: 'y' }, /Line 4 has the target value "2"/, 4],
      ['x,y\n1,a\n2,b\n3,c\n', { target: 'y', bad: 'a' }, /Line 4 has the target value "c"/, 4],
      ['x,y\n1,0\n2,0\n', { target: 'y' }, /both goods and bads/, undefined],
      ['x,y\n1,0\n2\n', { target: 'y' }, /Line 3 has 1 fields/, 3],
      ['x,y\n1,0\n', { target: 'y', exclude: ['w'] }, /column "w"/, undefined],
      ['x,y\n1,0\n', { target: 'y', types: { w: 'numeric' } }, /column "w"/, undefined],
      ['x,x,y\n1,2,0\n', { target: 'y' }, /names column "x" twice/, 1],
      ['x,y\n1,0\n2,\n3,1\n', { target: 'y' }, /Line 3 has no target value/, 3],
      [
        'x,y\n1,0\nq,1\n',
        { target: 'y', types: { x: 'numeric' } },
        /Line 3: column "x" is numeric but has "q"/,
        3,
      ],
      ['x,y\n"1,0\n', { target: 'y' }, /Line 2 is not valid CSV/, 2],
      ['', { target: 'y' }, /empty/, undefined],
      ['x,y\n1,0\n', { target: 'y', specialAll: ['none'] }, /not a number/, undefined],
    ];
    for (const [text, options, en, line] of cases) {
      const f = failure(text, options);
      expect(f.message.en).toMatch(en);
      expect(f.message.zh.length).toBeGreaterThan(0);
      expect(f.message.zh).not.toBe(f.message.en);
      expect(f.line).toBe(line);
    }
  });

  it('reads any table of numbers back exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.integer({ min: -1e6, max: 1e6 })), fc.boolean()), { minLength: 2 }),
        (rows) => {
          const all = [...rows, [1, true] as const, [2, false] as const];
          const text = `v,t\n${all.map(([v, t]) => `${v ?? ''},${t ? 1 : 0}`).join('\n')}`;
          const d = read(text, { target: 't' });
          const v = column(d, 'v') as NumericColumn;
          expect([...v.values]).toEqual(all.map(([x]) => x ?? Number.NaN));
          expect([...d.target]).toEqual(all.map(([, t]) => (t ? 1 : 0)));
        },
      ),
    );
  });
});

describe('columns from values in memory', () => {
  it('builds a numeric column from numbers, nulls and CSV-like strings', () => {
    const c = columnFromValues('x', [1, null, undefined, 'NA', ' 2.5 ', -999, Number.NaN], 'numeric', [
      '-999',
      '7',
    ]);
    expect(c.type).toBe('numeric');
    const n = c as NumericColumn;
    expect([...n.values]).toEqual([1, Number.NaN, Number.NaN, Number.NaN, 2.5, -999, Number.NaN]);
    expect([...n.special]).toEqual([-999]);
    expect(() => columnFromValues('x', ['abc'], 'numeric')).toThrow(/x, row 0/);
    expect(() => columnFromValues('x', [{}], 'numeric')).toThrow(TypeError);
  });

  it('builds a categorical column, numbers and booleans by their JSON text', () => {
    const c = columnFromValues('k', ['a', 11, true, null, '', 'a'], 'categorical') as CategoricalColumn;
    expect(c.levels).toEqual(['a', '11', 'true']);
    expect([...c.codes]).toEqual([0, 1, 2, -1, -1, 0]);
    expect(() => columnFromValues('k', [[1]], 'categorical')).toThrow(TypeError);
  });
});

describe('parseNumericCell', () => {
  // The oracle: plain decimals only (optional sign, digits, point, exponent, surrounding blanks).
  const oracle = (text: string): number | undefined => {
    if (/^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(text)) {
      const x = Number(text);
      return Number.isFinite(x) ? x : undefined;
    }
    return MISSING_TOKENS.has(text.trim()) ? Number.NaN : undefined;
  };

  it('reads exactly the plain decimals, whatever the text', () => {
    const chars = fc.constantFrom(...'0123456789+-.eExXbBoO _ I'.split(''), 'Infinity', 'NaN', 'NA', '\t');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(chars, { maxLength: 8 }).map((a) => a.join('')),
        ),
        (text) => {
          expect(parseNumericCell(text)).toEqual(oracle(text));
        },
      ),
      { numRuns: 5000 },
    );
    for (const text of ['0x10', '0b1', '0o7', '-Infinity', '1e400', '1_000', ' 12 ', '-.5', '1.', '+3e-2']) {
      expect(parseNumericCell(text), text).toEqual(oracle(text));
    }
  });
});
