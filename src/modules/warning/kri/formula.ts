/**
 * Formula KRIs: a small, safe arithmetic language over other KRIs' values — numbers, KRI ids,
 * + − × ÷ (also written - * /), parentheses, unary minus, and min(…), max(…), abs(…). It is parsed
 * here by recursive descent into a tree and evaluated by walking the tree; nothing is ever handed to
 * `eval` or `Function`. The usual precedence holds (× ÷ before + −, left to right; unary minus binds
 * tighter). A missing input, a division by zero or a non-finite result makes the value null (no value
 * for the period), never an error.
 */
import type { Text } from '../../../kernel/i18n.js';

/** A parsed formula. */
export type FormulaNode =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'ref'; readonly id: string }
  | { readonly kind: 'neg'; readonly arg: FormulaNode }
  | {
      readonly kind: 'bin';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  | { readonly kind: 'call'; readonly fn: FormulaFunction; readonly args: readonly FormulaNode[] };

/** The functions a formula may call. */
export const FORMULA_FUNCTIONS = ['min', 'max', 'abs'] as const;

/** One of `FORMULA_FUNCTIONS`. */
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];

/** The result of parsing: the tree and the KRI ids it reads, or where and why it cannot be read. */
export type FormulaParse =
  | { readonly ok: true; readonly tree: FormulaNode; readonly refs: readonly string[] }
  | { readonly ok: false; readonly position: number; readonly message: Text };

/** Longest formula accepted, in characters; deepest nesting. */
export const MAX_FORMULA_LENGTH = 500;
const MAX_DEPTH = 32;

type Token =
  | { kind: 'num'; value: number; at: number }
  | { kind: 'ident'; name: string; at: number }
  | { kind: 'op'; op: '+' | '-' | '*' | '/' | '(' | ')' | ','; at: number }
  | { kind: 'end'; at: number };

class FormulaSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly text: Text,
  ) {
    super(text.en);
  }
}

const OPS: Record<string, '+' | '-' | '*' | '/' | '(' | ')' | ','> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '*': '*',
  '×': '*',
  '/': '/',
  '÷': '/',
  '(': '(',
  ')': ')',
  ',': ',',
};

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const number = /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;
  const ident = /[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*/y;
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const op = OPS[c];
    if (op) {
      tokens.push({ kind: 'op', op, at: i });
      i++;
      continue;
    }
    number.lastIndex = i;
    const n = number.exec(source);
    if (n) {
      tokens.push({ kind: 'num', value: Number(n[0]), at: i });
      i += n[0].length;
      continue;
    }
    ident.lastIndex = i;
    const id = ident.exec(source);
    if (id) {
      tokens.push({ kind: 'ident', name: id[0], at: i });
      i += id[0].length;
      continue;
    }
    throw new FormulaSyntaxError(i, {
      en: `unexpected character ${JSON.stringify(c)} at position ${i + 1}`,
      zh: `第 ${i + 1} 个字符 ${JSON.stringify(c)} 无法识别`,
    });
  }
  tokens.push({ kind: 'end', at: source.length });
  return tokens;
}

class Parser {
  private i = 0;
  readonly refs = new Set<string>();

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.op === op;
  }

  private expect(op: string): void {
    if (!this.isOp(op)) this.fail(`expected ${JSON.stringify(op)}`, `应为 ${JSON.stringify(op)}`);
    this.i++;
  }

  private fail(en: string, zh: string): never {
    const at = this.peek().at;
    throw new FormulaSyntaxError(at, { en: `${en} at position ${at + 1}`, zh: `第 ${at + 1} 个字符处${zh}` });
  }

  parseAll(): FormulaNode {
    const tree = this.expression(0);
    if (this.peek().kind !== 'end')
      this.fail('unexpected text after the end of the formula', '公式结束后有多余内容');
    return tree;
  }

  private expression(depth: number): FormulaNode {
    if (depth > MAX_DEPTH)
      this.fail(`the formula nests deeper than ${MAX_DEPTH}`, `公式嵌套超过 ${MAX_DEPTH} 层`);
    let left = this.term(depth);
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.tokens[this.i++] as { op: '+' | '-' }).op;
      left = { kind: 'bin', op, left, right: this.term(depth) };
    }
    return left;
  }

  private term(depth: number): FormulaNode {
    let left = this.unary(depth);
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.tokens[this.i++] as { op: '*' | '/' }).op;
      left = { kind: 'bin', op, left, right: this.unary(depth) };
    }
    return left;
  }

  private unary(depth: number): FormulaNode {
    if (depth > MAX_DEPTH)
      this.fail(`the formula nests deeper than ${MAX_DEPTH}`, `公式嵌套超过 ${MAX_DEPTH} 层`);
    if (this.isOp('-')) {
      this.i++;
      return { kind: 'neg', arg: this.unary(depth + 1) };
    }
    if (this.isOp('+')) {
      this.i++;
      return this.unary(depth + 1);
    }
    return this.primary(depth);
  }

  private primary(depth: number): FormulaNode {
    const t = this.peek();
    if (t.kind === 'num') {
      this.i++;
      if (!Number.isFinite(t.value)) this.fail('the number is too large', '数值过大');
      return { kind: 'num', value: t.value };
    }
    if (t.kind === 'ident') {
      this.i++;
      if (!this.isOp('(')) {
        this.refs.add(t.name);
        return { kind: 'ref', id: t.name };
      }
      if (!(FORMULA_FUNCTIONS as readonly string[]).includes(t.name)) {
        this.i--;
        this.fail(
          `unknown function ${t.name} (use min, max or abs)`,
          `未知函数 ${t.name}（可用 min、max、abs）`,
        );
      }
      const fn = t.name as FormulaFunction;
      this.i++;
      const args = [this.expression(depth + 1)];
      while (this.isOp(',')) {
        this.i++;
        args.push(this.expression(depth + 1));
      }
      this.expect(')');
      if (fn === 'abs' && args.length !== 1) this.fail('abs takes one argument', 'abs 只接受一个参数');
      return { kind: 'call', fn, args };
    }
    if (this.isOp('(')) {
      this.i++;
      const inner = this.expression(depth + 1);
      this.expect(')');
      return inner;
    }
    this.fail('expected a number, a KRI id, a function or "("', '应为数值、指标编号、函数或 "("');
  }
}

/** Parses `source` into a tree; never throws for any input. */
export function parseFormula(source: string): FormulaParse {
  if (source.length > MAX_FORMULA_LENGTH) {
    return {
      ok: false,
      position: MAX_FORMULA_LENGTH,
      message: {
        en: `a formula is at most ${MAX_FORMULA_LENGTH} characters`,
        zh: `公式最多 ${MAX_FORMULA_LENGTH} 个字符`,
      },
    };
  }
  try {
    const parser = new Parser(tokenize(source));
    const tree = parser.parseAll();
    return { ok: true, tree, refs: [...parser.refs].sort() };
  } catch (error) {
    if (error instanceof FormulaSyntaxError)
      return { ok: false, position: error.position, message: error.text };
    throw error;
  }
}

/** The value of `tree` with each KRI id's value from `lookup`; null when any input is null or the result is not finite. */
export function evaluateFormula(tree: FormulaNode, lookup: (id: string) => number | null): number | null {
  const result = walk(tree, lookup);
  return result !== null && Number.isFinite(result) ? result : null;
}

function walk(node: FormulaNode, lookup: (id: string) => number | null): number | null {
  switch (node.kind) {
    case 'num':
      return node.value;
    case 'ref':
      return lookup(node.id);
    case 'neg': {
      const v = walk(node.arg, lookup);
      return v === null ? null : -v;
    }
    case 'bin': {
      const a = walk(node.left, lookup);
      const b = walk(node.right, lookup);
      if (a === null || b === null) return null;
      if (node.op === '+') return a + b;
      if (node.op === '-') return a - b;
      if (node.op === '*') return a * b;
      return b === 0 ? null : a / b;
    }
    case 'call': {
      const args = node.args.map((arg) => walk(arg, lookup));
      if (args.some((v) => v === null)) return null;
      const values = args as number[];
      if (node.fn === 'abs') return Math.abs(values[0] as number);
      return node.fn === 'min' ? Math.min(...values) : Math.max(...values);
    }
  }
}

/** The formula written back as text, fully parenthesised (what the property tests round-trip). */
export function formatFormula(node: FormulaNode): string {
  switch (node.kind) {
    case 'num':
      return String(node.value);
    case 'ref':
      return node.id;
    case 'neg':
      return `(-${formatFormula(node.arg)})`;
    case 'bin':
      return `(${formatFormula(node.left)} ${node.op} ${formatFormula(node.right)})`;
    case 'call':
      return `${node.fn}(${node.args.map(formatFormula).join(', ')})`;
  }
}
