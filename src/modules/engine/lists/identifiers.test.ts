import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hashIdentifier,
  type IdentifierKind,
  keyedHash,
  luhnValid,
  mask,
  normaliseBankCard,
  normaliseIdentifier,
  normaliseMobilePhone,
  normaliseResidentId,
  residentIdCheckChar,
} from './identifiers.js';

/**
 * Independent oracle for the GB 11643-1999 check character, in the table form the standard
 * publishes (weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 and check map "10X98765432" indexed by
 * S mod 11), rather than the 2^(i-1) mod 11 form the implementation uses.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckOracle = (body: string) =>
  '10X98765432'[WEIGHTS.reduce((s, w, i) => s + w * Number(body[i]), 0) % 11]!;

/** Independent Luhn oracle: the check digit that makes `body + d` valid, by the doubling rule. */
function luhnCheckOracle(body: string): string {
  const digits = [...body].reverse().map(Number);
  const sum = digits.reduce((s, d, i) => s + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return String((10 - (sum % 10)) % 10);
}

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
const validId = digitString(17, 17).map((body) => body + idCheckOracle(body));
const validCard = digitString(11, 18).map((body) => body + luhnCheckOracle(body));
const validPhone = fc
  .tuple(fc.integer({ min: 3, max: 9 }), digitString(9, 9))
  .map(([d, rest]) => `1${d}${rest}`);

/** Every string that differs from `value` in exactly one position, using characters from `alphabet`. */
function singleMutations(value: string, alphabet: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    for (const c of alphabet) if (c !== value[i]) out.push(value.slice(0, i) + c + value.slice(i + 1));
  }
  return out;
}

describe('resident identity number (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  // Both are the worked examples usually quoted from GB 11643-1999; their check characters were
  // recomputed here independently from the algorithm (table form above) before being written down.
  it.each(['11010519491231002X', '440524188001010014'])('accepts %s', (id) => {
    expect(normaliseResidentId(id)).toEqual({ ok: true, value: id });
    expect(residentIdCheckChar(id.slice(0, 17))).toBe(id[17]);
  });

  it('upper-cases a trailing x and trims', () => {
    expect(normaliseResidentId(' 11010519491231002x ')).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('folds full-width digits and letters and drops spaces between digit groups', () => {
    expect(normaliseResidentId('１１０１０５１９４９１２３１００２ｘ')).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
    expect(normaliseResidentId('110105 19491231 002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(normaliseMobilePhone('＋８６ １３８００１３８０００')).toEqual({ ok: true, value: '13800138000' });
    expect(normaliseBankCard('４１１１ １１１１ １１１１ １１１１')).toEqual({
      ok: true,
      value: '4111111111111111',
    });
  });

  it.each(['11010519491231002', '1101051949123100201', '1101051949123X002X', '110105194912310021', ''])(
    'refuses %j naming the field',
    (id) => {
      const result = normaliseResidentId(id);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem.field).toBe('id_number');
    },
  );

  // The property body is a block: an expression body would return vitest's Assertion object, which
  // fast-check reads as a failed property whatever the values (only `true` or `undefined` pass).
  it('agrees with the published table form on random bodies', () => {
    fc.assert(
      fc.property(digitString(17, 17), (body) => {
        expect(residentIdCheckChar(body)).toBe(idCheckOracle(body));
      }),
    );
  });

  it('agrees with the table form on the all-zero body and on every check value', () => {
    // S = 0 gives check 1 in both forms; walking the last body digit reaches all eleven values.
    expect(residentIdCheckChar('00000000000000000')).toBe('1');
    const seen = new Set<string>();
    for (let a = 0; a < 10; a++) {
      for (let b = 0; b < 10; b++) {
        const body = `${'0'.repeat(15)}${b}${a}`;
        expect(residentIdCheckChar(body)).toBe(idCheckOracle(body));
        seen.add(residentIdCheckChar(body));
      }
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('catches every single-character change of a valid number', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(normaliseResidentId(id).ok).toBe(true);
        for (const m of singleMutations(id, '0123456789X')) expect(normaliseResidentId(m).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('bank card number (ISO/IEC 7812-1 Luhn)', () => {
  it.each([
    '4111111111111111',
    '5555555555554444',
    '378282246310005',
    '6011111111111117',
    '3530111333300000',
  ])('accepts the well-known test card %s', (pan) => {
    expect(normaliseBankCard(pan)).toEqual({ ok: true, value: pan });
  });

  it('strips spaces and dashes', () => {
    expect(normaliseBankCard('4111 1111-1111 1111')).toEqual({ ok: true, value: '4111111111111111' });
  });

  it.each(['4111111111111112', '41111111111', '41111111111111111111', '4111x11111111111', ''])(
    'refuses %j',
    (pan) => {
      const result = normaliseBankCard(pan);
      expect(result).toMatchObject({ ok: false, problem: { field: 'bank_card' } });
    },
  );

  it('catches every single-digit change of a valid number', () => {
    fc.assert(
      fc.property(validCard, (pan) => {
        expect(luhnValid(pan)).toBe(true);
        for (const m of singleMutations(pan, '0123456789')) expect(luhnValid(m)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('mainland mobile phone', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['199 0000 0000', '19900000000'],
  ])('normalises %j', (input, value) => {
    expect(normaliseMobilePhone(input)).toEqual({ ok: true, value });
  });

  it.each([
    '12800138000',
    '1380013800',
    '138001380001',
    '+8713800138000',
    '8613800138000',
    '1380013800a',
    '',
  ])('refuses %j naming the field', (input) => {
    expect(normaliseMobilePhone(input)).toMatchObject({ ok: false, problem: { field: 'phone' } });
  });
});

describe('keyedHash', () => {
  const kinds: IdentifierKind[] = ['id_number', 'phone', 'bank_card'];

  it('is deterministic lower-case hex SHA-256 length', () => {
    expect(keyedHash('phone', '13800138000', 'k')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash('phone', '13800138000', 'k')).toBe(
      keyedHash('phone', '13800138000', new TextEncoder().encode('k')),
    );
  });

  it('differs per kind and per key for the same digits', () => {
    fc.assert(
      fc.property(
        digitString(12, 18),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (value, k1, k2) => {
          const byKind = new Set(kinds.map((kind) => keyedHash(kind, value, k1)));
          expect(byKind.size).toBe(kinds.length);
          if (k1 !== k2)
            expect(keyedHash('bank_card', value, k1)).not.toBe(keyedHash('bank_card', value, k2));
        },
      ),
    );
  });

  it('refuses an empty key', () => {
    expect(() => keyedHash('phone', '13800138000', '')).toThrowError(/must not be empty/);
  });

  it('hashes two spellings of one identifier the same and reports invalid input', () => {
    expect(hashIdentifier('id_number', '11010519491231002x', 'k')).toEqual(
      hashIdentifier('id_number', '11010519491231002X', 'k'),
    );
    expect(hashIdentifier('phone', '+86 13800138000', 'k')).toEqual({
      ok: true,
      value: keyedHash('phone', '13800138000', 'k'),
    });
    expect(hashIdentifier('bank_card', '4111111111111112', 'k')).toMatchObject({ ok: false });
    expect(normaliseIdentifier('phone', 'nope')).toMatchObject({ ok: false, problem: { field: 'phone' } });
  });
});

describe('mask', () => {
  it('shows the agreed shapes', () => {
    expect(mask('id_number', '110105194912311234')).toBe('110***********1234');
    expect(mask('phone', '13812345678')).toBe('138****5678');
    expect(mask('bank_card', '4111111111111111')).toBe('****1111');
    expect(mask('phone', '1381234567')).toBe('****');
  });

  it('never reveals more than head and tail of a valid value, and keeps its length for ID and phone', () => {
    const cases = fc.oneof(
      validId.map((v) => ['id_number', v, 7] as const),
      validPhone.map((v) => ['phone', v, 7] as const),
      validCard.map((v) => ['bank_card', v, 4] as const),
    );
    fc.assert(
      fc.property(cases, ([kind, value, visible]) => {
        const masked = mask(kind, value);
        expect(masked.replaceAll('*', '').length).toBe(visible);
        expect(masked.endsWith(value.slice(-4))).toBe(true);
        if (kind !== 'bank_card') {
          expect(masked.length).toBe(value.length);
          expect(masked.slice(0, 3)).toBe(value.slice(0, 3));
        }
      }),
    );
  });

  it('reveals at most seven characters of any string', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<IdentifierKind>('id_number', 'phone', 'bank_card'),
        fc.string(),
        (kind, value) => {
          expect([...mask(kind, value).replaceAll('*', '')].length).toBeLessThanOrEqual(7);
        },
      ),
    );
  });
});
