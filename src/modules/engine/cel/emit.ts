/**
 * A whitelist-only JavaScript emitter for the hot path of rules. A closure tree pays a call per node
 * and, worse, every `features.x` read in shared closure code is a megamorphic keyed load; a rule
 * compiled to its own small function reads `i.features.x` as a monomorphic named load and runs its
 * operators inline, several times faster. Safety comes from what may appear in the generated text:
 *
 * - property names only when they match {@link IDENTIFIER} and are not prototype members' names;
 * - literals only as `JSON.stringify` of a string, `String` of a finite number, `true`/`false`/`null`;
 * - everything else by index into arrays passed in (`K` constants, `C` closures), never as text;
 * - fixed statement templates below, nothing from the source expression copied verbatim.
 *
 * Nodes outside the emitted subset (ints arithmetic, comprehensions, conversions, `dyn` access, …)
 * are delegated to their closure (build.ts), so semantics stay one implementation per construct and
 * the property test runs both paths against cel-js.
 *
 * Emitted field reads skip the own-property test: they are valid only when `compileInputGuard`
 * (emit-link.ts) passed for the input (plain objects whose prototype is `Object.prototype` or null,
 * and no read name defined on `Object.prototype`), which makes a named load equal to an own-property
 * read. The caller checks the guard once per event and otherwise uses the closures, which test each
 * read.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import { type BuildContext, build, type Eval, type Kind, kindOf, type Scope } from './build.js';
import { FORBIDDEN_FIELDS, ROOT_VARIABLES } from './checker.js';

/** Property names the emitter may write as `obj.name`. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const TYPEOF: Readonly<Record<Kind, string | null>> = {
  int: 'bigint',
  double: 'number',
  string: 'string',
  bool: 'boolean',
  other: null,
};

function literal(v: unknown): string | null {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  if (typeof v === 'number' && Number.isFinite(v)) return Object.is(v, -0) ? '(-0)' : `(${String(v)})`;
  return null;
}

function rootKey(node: ASTNode, ctx: BuildContext): { root: string; key: string } | null {
  let obj: ASTNode;
  let key: unknown;
  if (node.op === '.') [obj, key] = node.args;
  else if (node.op === '[]' && node.args[1].op === 'value') [obj, key] = [node.args[0], node.args[1].args];
  else return null;
  if (
    obj.op !== 'id' ||
    obj.args === ctx.scopeVar ||
    !(ROOT_VARIABLES as readonly string[]).includes(obj.args)
  ) {
    return null;
  }
  if (typeof key !== 'string' || !IDENTIFIER.test(key) || FORBIDDEN_FIELDS.has(key)) return null;
  return { root: obj.args, key };
}

/**
 * What several emitted expressions share when linked into one function: the constants and closures
 * they refer to by index, and the comprehension slot of their delegated closures (rules run one
 * after the other, so one slot serves them all).
 */
export class EmitUnit {
  readonly constants: unknown[] = [];
  readonly closures: Eval[] = [];
  readonly scope: Scope = { v: undefined };
}

/** The statements of one emitted expression, the temporary holding its value, and its guard paths. */
export interface EmittedBody {
  readonly lines: string;
  readonly result: string;
  readonly temps: readonly string[];
  readonly guardPaths: readonly string[];
}

class Emitter {
  readonly lines: string[] = [];
  readonly guard = new Set<string>();
  temps = 0;

  constructor(
    readonly ctx: BuildContext,
    readonly unit: EmitUnit,
    readonly prefix: string,
  ) {}

  temp(): string {
    return `${this.prefix}t${this.temps++}`;
  }

  constant(v: unknown): string {
    this.unit.constants.push(v);
    return `K[${this.unit.constants.length - 1}]`;
  }

  delegate(node: ASTNode): string {
    this.unit.closures.push(build(node, this.ctx));
    const t = this.temp();
    this.lines.push(`${t} = C[${this.unit.closures.length - 1}](i, f, SC);`);
    return t;
  }

  /** Emits `node` and returns a side-effect-free expression (a temporary or a literal) for its value. */
  value(node: ASTNode): string {
    if (node.op === 'value') return literal(node.args) ?? this.constant(node.args);
    const field = rootKey(node, this.ctx);
    if (field) return this.read(field.root, field.key, kindOf(node));
    switch (node.op) {
      case '&&':
      case '||':
        return this.logical(node.op, node.args[0], node.args[1]);
      case '!_': {
        const x = this.value(node.args);
        const t = this.temp();
        this.lines.push(`if (typeof ${x} !== "boolean") throw X("!", ${x}); ${t} = !${x};`);
        return t;
      }
      case '-_': {
        const x = this.value(node.args);
        const t = this.temp();
        this.lines.push(kindOf(node.args) === 'double' ? `${t} = -${x};` : `${t} = NEG(${x});`);
        return t;
      }
      case '?:':
        return this.conditional(node.args[0], node.args[1], node.args[2]);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.ordering(node.op, node.args[0], node.args[1]);
      case '==':
      case '!=':
        return this.equality(node.op, node.args[0], node.args[1]);
      case '+':
      case '-':
      case '*':
      case '/':
        if (kindOf(node.args[0]) === 'double' && kindOf(node.args[1]) === 'double') {
          const a = this.value(node.args[0]);
          const b = this.value(node.args[1]);
          const t = this.temp();
          this.lines.push(node.op === '/' ? `${t} = D(${a}, ${b});` : `${t} = ${a} ${node.op} ${b};`);
          return t;
        }
        return this.delegate(node);
      case 'in':
        return this.membership(node, node.args[0], node.args[1]);
      case 'call':
        return this.call(node);
      case 'rcall':
        return this.method(node);
      default:
        return this.delegate(node);
    }
  }

  read(root: string, key: string, kind: Kind): string {
    const path = `${root}.${key}`;
    this.ctx.reads.add(path);
    this.guard.add(path);
    const t = this.temp();
    const expected = TYPEOF[kind];
    const check =
      expected === null ? '' : ` if (typeof ${t} !== "${expected}") W("${path}", ${t}, "${kind}");`;
    this.lines.push(`${t} = i.${root}.${key}; if (${t} === undefined) M("${path}");${check}`);
    return t;
  }

  logical(op: '&&' | '||', l: ASTNode, r: ASTNode): string {
    const decisive = op === '&&' ? 'false' : 'true';
    const other = op === '&&' ? 'true' : 'false';
    const lv = this.temp();
    const le = this.temp();
    const t = this.temp();
    this.lines.push(`${le} = null; try {`);
    const a = this.value(l);
    this.lines.push(`${lv} = ${a}; } catch (e) { ${le} = e; }`);
    this.lines.push(`if (${le} === null && ${lv} === ${decisive}) ${t} = ${decisive}; else {`);
    const b = this.value(r);
    this.lines.push(
      `if (${b} === ${decisive}) ${t} = ${decisive}; else if (${le} !== null) throw ${le};`,
      ` else if (${lv} !== ${other}) throw X("${op}", ${lv}); else if (${b} !== ${other}) throw X("${op}", ${b}); else ${t} = ${other}; }`,
    );
    return t;
  }

  conditional(c: ASTNode, a: ASTNode, b: ASTNode): string {
    const cv = this.value(c);
    const t = this.temp();
    this.lines.push(`if (${cv} === true) {`);
    this.lines.push(`${t} = ${this.value(a)}; } else if (${cv} === false) {`);
    this.lines.push(`${t} = ${this.value(b)}; } else throw X("?:", ${cv});`);
    return t;
  }

  /** An int literal facing a double compares as the equal number (exact up to 2^53). */
  operand(node: ASTNode, other: Kind): string {
    if (node.op === 'value' && typeof node.args === 'bigint' && other === 'double') {
      const v = node.args;
      if (v >= -(2n ** 53n) && v <= 2n ** 53n) return `(${String(Number(v))})`;
    }
    return this.value(node);
  }

  ordering(op: string, l: ASTNode, r: ASTNode): string {
    const kl = kindOf(l);
    const kr = kindOf(r);
    const numeric = (kl === 'int' || kl === 'double') && (kr === 'int' || kr === 'double');
    const a = this.operand(l, kr);
    const b = this.operand(r, kl);
    const t = this.temp();
    if (numeric || (kl === kr && (kl === 'string' || kl === 'bool')))
      this.lines.push(`${t} = ${a} ${op} ${b};`);
    else this.lines.push(`${t} = CMP("${op}", ${a}, ${b}) ${op} 0;`);
    return t;
  }

  equality(op: '==' | '!=', l: ASTNode, r: ASTNode): string {
    const kl = kindOf(l);
    const same = kl !== 'other' && kl === kindOf(r);
    const a = this.value(l);
    const b = this.value(r);
    const t = this.temp();
    if (same) this.lines.push(`${t} = ${a} ${op === '==' ? '===' : '!=='} ${b};`);
    else this.lines.push(`${t} = ${op === '==' ? '' : '!'}EQ(${a}, ${b});`);
    return t;
  }

  membership(node: ASTNode, l: ASTNode, r: ASTNode): string {
    const expected = TYPEOF[kindOf(l)];
    if (
      r.op === 'list' &&
      expected !== null &&
      r.args.every((e) => e.op === 'value' && typeof e.args === expected)
    ) {
      const set = this.constant(new Set<unknown>(r.args.map((e) => (e as ASTNode & { op: 'value' }).args)));
      const x = this.value(l);
      const t = this.temp();
      this.lines.push(`${t} = ${set}.has(${x});`);
      return t;
    }
    if (r.op === 'list') return this.delegate(node);
    const x = this.value(l);
    const c = this.value(r);
    const t = this.temp();
    this.lines.push(`${t} = IN(${x}, ${c});`);
    return t;
  }

  call(node: ASTNode & { op: 'call' }): string {
    const [name, args] = node.args;
    const a0 = args[0] as ASTNode;
    if ((name === 'in_list' || name === 'ip_in') && a0.op === 'value' && typeof a0.args === 'string') {
      const arg = args[1] as ASTNode;
      const v = this.value(arg);
      const s = kindOf(arg) === 'string' ? v : `S("${name}", ${v})`;
      const t = this.temp();
      this.lines.push(
        `${t} = f.${name === 'in_list' ? 'inList' : 'ipIn'}(${JSON.stringify(a0.args)}, ${s});`,
      );
      return t;
    }
    if (name === 'has') {
      const field = rootKey(a0, this.ctx);
      if (field) {
        this.ctx.reads.add(`${field.root}.${field.key}`);
        const t = this.temp();
        this.lines.push(`${t} = H.call(i.${field.root}, "${field.key}");`);
        return t;
      }
    }
    return this.delegate(node);
  }

  method(node: ASTNode & { op: 'rcall' }): string {
    const [name, receiver, args] = node.args;
    const arg = args[0];
    if (
      (name === 'startsWith' || name === 'endsWith' || name === 'contains') &&
      arg !== undefined &&
      kindOf(receiver) === 'string' &&
      kindOf(arg) === 'string'
    ) {
      const a = this.value(receiver);
      const b = this.value(arg);
      const t = this.temp();
      this.lines.push(`${t} = ${a}.${name === 'contains' ? 'includes' : name}(${b});`);
      return t;
    }
    return this.delegate(node);
  }
}

/** Emits `node` as statements for a function linked by emit-link.ts; `prefix` keeps temporaries apart. */
export function emitBody(node: ASTNode, ctx: BuildContext, unit: EmitUnit, prefix: string): EmittedBody {
  if (!/^[a-z][a-z0-9_]{0,15}$/.test(prefix) && prefix !== '') throw new Error(`bad prefix ${prefix}`);
  const e = new Emitter(ctx, unit, prefix);
  const result = e.value(node);
  return {
    lines: e.lines.join('\n'),
    result,
    temps: Array.from({ length: e.temps }, (_, n) => `${prefix}t${n}`),
    guardPaths: [...e.guard],
  };
}
