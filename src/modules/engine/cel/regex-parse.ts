/**
 * The parser of the RE2 subset accepted by `matches()` (see safe-regex.ts for the semantics): a
 * pattern becomes a tree of character tests, concatenations, alternations, repetitions and anchors,
 * or a {@link RegexSyntaxError} naming the construct that is refused.
 */

/** Largest repeat count in `{n,m}`, as RE2 (which allows 1000). */
export const MAX_REPEAT = 1_000;

/** A test of one code point. */
export type Test = (c: number) => boolean;

/** A parsed pattern. */
export type Re =
  | { readonly k: 'char'; readonly test: Test }
  | { readonly k: 'cat'; readonly items: readonly Re[] }
  | { readonly k: 'alt'; readonly items: readonly Re[] }
  | { readonly k: 'rep'; readonly node: Re; readonly min: number; readonly max: number }
  | { readonly k: 'bol' }
  | { readonly k: 'eol' };

/** Why a pattern is refused. */
export class RegexSyntaxError extends Error {}

const range =
  (lo: number, hi: number): Test =>
  (c) =>
    c >= lo && c <= hi;
const DIGIT: Test = range(48, 57);
const WORD: Test = (c) => DIGIT(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const SPACE: Test = (c) => c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
const not =
  (t: Test): Test =>
  (c) =>
    !t(c);

function fold(t: Test): Test {
  return (c) => {
    if (t(c)) return true;
    const s = String.fromCodePoint(c);
    const lo = s.toLowerCase();
    const up = s.toUpperCase();
    return (
      (lo.length === s.length && t(lo.codePointAt(0) as number)) ||
      (up.length === s.length && t(up.codePointAt(0) as number))
    );
  };
}

/** Recursive descent over the pattern's code points. */
export class Parser {
  readonly cps: number[];
  i = 0;
  ignoreCase = false;
  dotAll = false;

  constructor(source: string) {
    this.cps = Array.from(source, (ch) => ch.codePointAt(0) as number);
  }

  peek(): number | undefined {
    return this.cps[this.i];
  }

  eat(c: string): boolean {
    if (this.cps[this.i] === c.codePointAt(0)) {
      this.i++;
      return true;
    }
    return false;
  }

  parse(): Re {
    this.flags();
    const re = this.alternation();
    if (this.i < this.cps.length) throw new RegexSyntaxError(`unexpected ')' at ${this.i}`);
    return re;
  }

  flags(): void {
    const m = /^\(\?([is]+)\)/.exec(String.fromCodePoint(...this.cps.slice(0, 8)));
    if (!m?.[1]) return;
    this.ignoreCase = m[1].includes('i');
    this.dotAll = m[1].includes('s');
    this.i = m[0].length;
  }

  alternation(): Re {
    const items = [this.concatenation()];
    while (this.eat('|')) items.push(this.concatenation());
    return items.length === 1 ? (items[0] as Re) : { k: 'alt', items };
  }

  concatenation(): Re {
    const items: Re[] = [];
    for (let c = this.peek(); c !== undefined && c !== 0x7c && c !== 0x29; c = this.peek()) {
      items.push(this.repetition());
    }
    return items.length === 1 ? (items[0] as Re) : { k: 'cat', items };
  }

  repetition(): Re {
    const start = this.i;
    let node = this.atom();
    for (;;) {
      let min: number;
      let max: number;
      if (this.eat('*')) [min, max] = [0, Number.POSITIVE_INFINITY];
      else if (this.eat('+')) [min, max] = [1, Number.POSITIVE_INFINITY];
      else if (this.eat('?')) [min, max] = [0, 1];
      else if (this.peek() === 0x7b && this.counted()) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(String.fromCodePoint(...this.cps.slice(this.i, this.i + 12)));
        if (!m?.[1]) throw new RegexSyntaxError('malformed repeat');
        this.i += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
        if (min > MAX_REPEAT || (max !== Number.POSITIVE_INFINITY && max > MAX_REPEAT) || max < min) {
          throw new RegexSyntaxError(`repeat count must be at most ${MAX_REPEAT} and {min,max} ordered`);
        }
      } else return node;
      if (node.k === 'bol' || node.k === 'eol') throw new RegexSyntaxError(`nothing to repeat at ${start}`);
      this.eat('?'); // a lazy quantifier finds the same matches: the answer is only whether one exists
      if (this.peek() === 0x2b) throw new RegexSyntaxError('possessive quantifiers are not supported');
      node = { k: 'rep', node, min, max };
    }
  }

  counted(): boolean {
    return /^\{\d+(,\d*)?\}/.test(String.fromCodePoint(...this.cps.slice(this.i, this.i + 12)));
  }

  atom(): Re {
    const c = this.cps[this.i++] as number;
    switch (c) {
      case 0x28: // (
        return this.group();
      case 0x5b: // [
        return this.charTest(this.charClass());
      case 0x2e: // .
        return { k: 'char', test: this.dotAll ? () => true : (x) => x !== 10 };
      case 0x5e:
        return { k: 'bol' };
      case 0x24:
        return { k: 'eol' };
      case 0x5c: {
        const e = this.escape(false);
        return typeof e === 'number'
          ? this.charTest((x) => x === e)
          : e.k === 'test'
            ? this.charTest(e.test)
            : e.re;
      }
      case 0x2a:
      case 0x2b:
      case 0x3f:
        throw new RegexSyntaxError(`nothing to repeat at ${this.i - 1}`);
      default:
        return this.charTest((x) => x === c);
    }
  }

  charTest(test: Test): Re {
    return { k: 'char', test: this.ignoreCase ? fold(test) : test };
  }

  group(): Re {
    if (this.eat('?')) {
      if (this.eat(':')) {
        // non-capturing
      } else if (this.eat('P') || this.peek() === 0x3c) {
        if (!this.eat('<')) throw new RegexSyntaxError('malformed named group');
        if (this.peek() === 0x3d || this.peek() === 0x21)
          throw new RegexSyntaxError('look-behind is not supported');
        while (this.peek() !== undefined && this.peek() !== 0x3e) this.i++;
        if (!this.eat('>')) throw new RegexSyntaxError('malformed named group');
      } else if (this.peek() === 0x3d || this.peek() === 0x21) {
        throw new RegexSyntaxError('look-ahead is not supported');
      } else {
        throw new RegexSyntaxError('flags are supported only at the start of the pattern, as (?i) or (?s)');
      }
    }
    const re = this.alternation();
    if (!this.eat(')')) throw new RegexSyntaxError('missing )');
    return re;
  }

  escape(inClass: boolean): number | { k: 'test'; test: Test } | { k: 're'; re: Re } {
    const c = this.cps[this.i++];
    if (c === undefined) throw new RegexSyntaxError('trailing backslash');
    const ch = String.fromCodePoint(c);
    switch (ch) {
      case 'd':
        return { k: 'test', test: DIGIT };
      case 'D':
        return { k: 'test', test: not(DIGIT) };
      case 'w':
        return { k: 'test', test: WORD };
      case 'W':
        return { k: 'test', test: not(WORD) };
      case 's':
        return { k: 'test', test: SPACE };
      case 'S':
        return { k: 'test', test: not(SPACE) };
      case 'n':
        return 10;
      case 't':
        return 9;
      case 'r':
        return 13;
      case 'f':
        return 12;
      case 'v':
        return 11;
      case 'A':
      case 'z':
        if (inClass) break;
        return { k: 're', re: { k: ch === 'A' ? 'bol' : 'eol' } };
      case 'x': {
        const rest = String.fromCodePoint(...this.cps.slice(this.i, this.i + 10));
        const m = /^\{([0-9a-fA-F]{1,6})\}|^([0-9a-fA-F]{2})/.exec(rest);
        if (!m) throw new RegexSyntaxError('malformed \\x escape');
        this.i += m[0].length;
        const cp = Number.parseInt(m[1] ?? m[2] ?? '', 16);
        if (cp > 0x10ffff) throw new RegexSyntaxError('code point out of range');
        return cp;
      }
      case 'b':
      case 'B':
        throw new RegexSyntaxError('word boundaries (\\b, \\B) are not supported');
      case 'p':
      case 'P':
        throw new RegexSyntaxError('Unicode classes (\\p) are not supported');
      default:
        if (/[0-9]/.test(ch)) throw new RegexSyntaxError('back-references are not supported');
        if (/[A-Za-z]/.test(ch)) throw new RegexSyntaxError(`unknown escape \\${ch}`);
        return c;
    }
    throw new RegexSyntaxError(`\\${ch} is not allowed in a character class`);
  }

  charClass(): Test {
    const negate = this.eat('^');
    const parts: Test[] = [];
    let first = true;
    for (;;) {
      const c = this.cps[this.i++];
      if (c === undefined) throw new RegexSyntaxError('missing ]');
      if (c === 0x5d && !first) break;
      first = false;
      if (c === 0x5b && this.peek() === 0x3a)
        throw new RegexSyntaxError('POSIX classes ([:alpha:]) are not supported');
      let lo: number;
      if (c === 0x5c) {
        const e = this.escape(true);
        if (typeof e !== 'number') {
          if (e.k === 'test') parts.push(e.test);
          continue;
        }
        lo = e;
      } else lo = c;
      if (this.peek() === 0x2d && this.cps[this.i + 1] !== undefined && this.cps[this.i + 1] !== 0x5d) {
        this.i++;
        let hi = this.cps[this.i++] as number;
        if (hi === 0x5c) {
          const e = this.escape(true);
          if (typeof e !== 'number') throw new RegexSyntaxError('a class cannot end a range');
          hi = e;
        }
        if (hi < lo) throw new RegexSyntaxError('range out of order in character class');
        parts.push(range(lo, hi));
      } else parts.push(range(lo, lo));
    }
    const any: Test = (x) => {
      for (const p of parts) if (p(x)) return true;
      return false;
    };
    return negate ? not(any) : any;
  }
}
