import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, NotCanonicalisable } from './canonical-json.js';

/** The double whose IEEE 754 bit pattern is `hex` (16 hex digits). */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson (RFC 8785, JSON Canonicalization Scheme)', () => {
  it('serialises the sample of RFC 8785 §3.2.2 / cyberphone testdata values.json', () => {
    // Input and expected output from RFC 8785 §3.2.2 (the "numbers / string / literals" example),
    // also published as testdata/input|output/values.json in github.com/cyberphone/json-canonicalization.
    const input = JSON.parse(
      '{"numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],' +
        ' "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"escaping":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],' +
        '"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
    );
  });

  it('sorts object keys by UTF-16 code units (RFC 8785 §3.2.3, testdata weird.json)', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "1": "One", "\\u0080": "Control\\u007f", "\\ud83d\\ude02": "Smiley",' +
        ' "\\u00f6": "Latin Small Letter O With Diaeresis", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
        ' "</script>": "Browser Challenge"}',
    );
    // U+1F602 is the surrogate pair D83D DE02, which sorts before U+FB33 by code unit although its
    // code point is larger: the detail that distinguishes UTF-16 from code-point order.
    expect(canonicalJson(input)).toBe(
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude02":"Smiley",' +
        '"\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and the number text JCS requires for each.
  const APPENDIX_B: readonly [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // -0 serialises as 0
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  it.each(APPENDIX_B)('serialises the double 0x%s as %s (RFC 8785 Appendix B)', (bits, text) => {
    expect(canonicalJson(fromBits(bits))).toBe(text);
    expect(canonicalJson({ n: fromBits(bits) })).toBe(`{"n":${text}}`);
  });

  it('switches to exponent form exactly at 1e21 and below 1e-6 (ECMAScript Number::toString)', () => {
    expect(canonicalJson([1e20, 1e21, 1e-6, 1e-7, -0, 0.1 + 0.2])).toBe(
      '[100000000000000000000,1e+21,0.000001,1e-7,0,0.30000000000000004]',
    );
  });

  it('refuses values JSON cannot carry (RFC 8785 §3.2.2.3: NaN and Infinity are errors)', () => {
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      fromBits('7fffffffffffffff'),
      fromBits('7ff0000000000000'),
      undefined,
      () => 1,
      Symbol('s'),
      10n,
      { nested: [1, Number.NaN] },
      new Date(Number.NaN),
    ]) {
      expect(() => canonicalJson(bad), String(bad)).toThrow(NotCanonicalisable);
    }
  });

  it('refuses cycles but accepts the same object reached twice', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(NotCanonicalisable);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('treats undefined members and array holes as JSON.stringify does', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is being tested
    const sparse = [1, , 3];
    expect(canonicalJson(sparse)).toBe('[1,null,3]');
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('writes dates as ISO-8601 UTC strings', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) })).toBe(
      '{"at":"2026-01-02T03:04:05.006Z"}',
    );
  });

  it('escapes lone surrogates, so the output is always well-formed UTF-8', () => {
    expect(canonicalJson('\ud800x')).toBe('"\\ud800x"');
  });

  it('is JSON that parses back to the same value, whatever the key order it was built with', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300, seed: 8785 },
    );
  });

  it('gives the same text for objects that differ only in key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
