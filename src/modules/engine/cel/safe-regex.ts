/**
 * `matches()` without catastrophic backtracking. CEL specifies RE2 syntax, and RE2 guarantees time
 * linear in the input because it simulates an automaton instead of backtracking (Russ Cox, "Regular
 * Expression Matching Can Be Simple And Fast", 2007). JavaScript's RegExp backtracks, so a pattern
 * such as `(a|a)*b` can take exponential time. This module parses the RE2 subset a risk rule needs
 * and runs it as a Thompson NFA simulated breadth-first (the "Pike VM"): the work is at most
 * (input code points + 1) × (program size). Constructs that need backtracking (back-references,
 * look-around) or that we do not implement (word boundaries, Unicode classes, multi-line mode) are
 * refused at compile time with their name.
 *
 * Semantics follow RE2 defaults: matching is unanchored (a match anywhere, like CEL's `matches`),
 * over Unicode code points; `.` does not match `\n` unless `(?s)`; `^`/`$` are the text's start and
 * end; `(?i)` folds case. Flags are accepted only at the start of the pattern.
 */
import { CelEvalError } from './errors.js';
import { Parser, type Re, RegexSyntaxError, type Test } from './regex-parse.js';

export { MAX_REPEAT } from './regex-parse.js';

/** Largest NFA program accepted (bounded repetition `{n,m}` is expanded). */
export const MAX_PROGRAM = 2_000;
/** Longest input (in UTF-16 units) `matches` examines; longer input is an evaluation error. */
export const MAX_INPUT = 16_384;

/** One NFA instruction: 0 char(test), 1 split(x, y), 2 jmp(x), 3 match, 4 start of text, 5 end of text. */
interface Inst {
  op: 0 | 1 | 2 | 3 | 4 | 5;
  test?: Test;
  x: number;
  y: number;
}

/** A compiled pattern: `test(s)` tells whether it matches anywhere in `s`. */
export interface SafeRegex {
  readonly source: string;
  test(s: string): boolean;
}

function emit(re: Re, prog: Inst[]): void {
  if (prog.length > MAX_PROGRAM)
    throw new RegexSyntaxError(`the pattern is too large (over ${MAX_PROGRAM} steps)`);
  switch (re.k) {
    case 'char':
      prog.push({ op: 0, test: re.test, x: 0, y: 0 });
      return;
    case 'bol':
      prog.push({ op: 4, x: 0, y: 0 });
      return;
    case 'eol':
      prog.push({ op: 5, x: 0, y: 0 });
      return;
    case 'cat':
      for (const r of re.items) emit(r, prog);
      return;
    case 'alt': {
      const jumps: Inst[] = [];
      re.items.forEach((r, n) => {
        if (n < re.items.length - 1) {
          const split: Inst = { op: 1, x: prog.length + 1, y: 0 };
          prog.push(split);
          emit(r, prog);
          const j: Inst = { op: 2, x: 0, y: 0 };
          prog.push(j);
          jumps.push(j);
          split.y = prog.length;
        } else emit(r, prog);
      });
      for (const j of jumps) j.x = prog.length;
      return;
    }
    case 'rep': {
      for (let n = 0; n < re.min; n++) emit(re.node, prog);
      if (re.max === Number.POSITIVE_INFINITY) {
        const split: Inst = { op: 1, x: prog.length + 1, y: 0 };
        const loop = prog.length;
        prog.push(split);
        emit(re.node, prog);
        prog.push({ op: 2, x: loop, y: 0 });
        split.y = prog.length;
        return;
      }
      const splits: Inst[] = [];
      for (let n = re.min; n < re.max; n++) {
        const split: Inst = { op: 1, x: prog.length + 1, y: 0 };
        prog.push(split);
        splits.push(split);
        emit(re.node, prog);
      }
      for (const s of splits) s.y = prog.length;
    }
  }
}

/** Breadth-first simulation: every thread advances on each code point, so no path is tried twice. */
function run(prog: readonly Inst[], s: string): boolean {
  const n = prog.length;
  let clist = new Int32Array(n);
  let nlist = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n * 2 + 2);
  let ccount = 0;
  let ncount = 0;
  let gen = 0;
  const add = (list: Int32Array, count: number, pc0: number, pos: number, len: number): number | -1 => {
    let sp = 0;
    stack[sp++] = pc0;
    while (sp > 0) {
      const pc = stack[--sp] as number;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      const inst = prog[pc] as Inst;
      switch (inst.op) {
        case 3:
          return -1;
        case 1:
          stack[sp++] = inst.y;
          stack[sp++] = inst.x;
          break;
        case 2:
          stack[sp++] = inst.x;
          break;
        case 4:
          if (pos === 0) stack[sp++] = pc + 1;
          break;
        case 5:
          if (pos === len) stack[sp++] = pc + 1;
          break;
        default:
          list[count++] = pc;
      }
    }
    return count;
  };
  const len = s.length;
  let pos = 0;
  for (;;) {
    // a new thread may start at every position (unanchored search)
    const r = add(clist, ccount, 0, pos, len);
    if (r === -1) return true;
    ccount = r;
    if (pos >= len) return false;
    const cp = s.codePointAt(pos) as number;
    const next = pos + (cp > 0xffff ? 2 : 1);
    gen++;
    ncount = 0;
    for (let t = 0; t < ccount; t++) {
      const inst = prog[clist[t] as number] as Inst;
      if ((inst.test as Test)(cp)) {
        const r2 = add(nlist, ncount, (clist[t] as number) + 1, next, len);
        if (r2 === -1) return true;
        ncount = r2;
      }
    }
    [clist, nlist] = [nlist, clist];
    ccount = ncount;
    pos = next;
  }
}

/** Compiles `source` (RE2 subset) or says why it is refused. */
export function compileSafeRegex(
  source: string,
): { readonly ok: true; readonly regex: SafeRegex } | { readonly ok: false; readonly message: string } {
  try {
    const re = new Parser(source).parse();
    const prog: Inst[] = [];
    emit(re, prog);
    prog.push({ op: 3, x: 0, y: 0 });
    if (prog.length > MAX_PROGRAM)
      throw new RegexSyntaxError(`the pattern is too large (over ${MAX_PROGRAM} steps)`);
    const frozen = Object.freeze(prog);
    return {
      ok: true,
      regex: {
        source,
        test: (s: string) => {
          if (s.length > MAX_INPUT)
            throw new CelEvalError(`matches(): input longer than ${MAX_INPUT} characters`);
          return run(frozen, s);
        },
      },
    };
  } catch (error) {
    if (error instanceof RegexSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}
