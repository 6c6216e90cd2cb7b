import { describe, expect, it } from 'vitest';
import type { CelEnvironment } from '../contracts.js';
import { compileExpression } from './compile.js';
import { CelCompileError } from './errors.js';

const env: CelEnvironment = {
  features: ['apps_1h'],
  models: [],
  lists: ['blacklist_id'],
  subjectKeys: ['user_id', 'ip'],
  dataSchema: { type: 'object', properties: { amount: { type: 'number' } }, additionalProperties: true },
};

function refusal(source: string, e: CelEnvironment = env): CelCompileError {
  try {
    compileExpression(source, e);
  } catch (error) {
    if (error instanceof CelCompileError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to be refused`);
}

describe('constructs refused at compile time', () => {
  it.each([
    ['process.env.HOME', /unknown identifier 'process'/],
    ['globalThis.x == 1', /unknown identifier 'globalThis'/],
    ['constructor', /unknown identifier 'constructor'/],
    ['data.__proto__', /field name '__proto__'/],
    ['data.amount.constructor', /field name 'constructor'/],
    ['data["prototype"]', /field name 'prototype'/],
    ['{"__proto__": 1}', /field name '__proto__'/],
    ['eval("1")', /unknown function 'eval'/],
    ['data.amount.toFixed(2)', /unknown function 'toFixed'/],
    ['"ab".indexOf("b") > 0', /unknown function 'indexOf'/],
    ['timestamp("2024-01-01T00:00:00Z")', /timestamps are not supported/],
    ['cel.bind(x, 1, x)', /cel.bind is not supported/],
    ["in_list('whitelist', subject.user_id)", /list 'whitelist' is not declared/],
    ['in_list(subject.ip, subject.user_id)', /list name of in_list must be a string literal/],
    ["ip_in('blacklist_' + 'id', subject.ip)", /list name of ip_in must be a string literal/],
    ['[1].all(x, [2].exists(y, y == x))', /nested comprehension 'exists'/],
    ['[1].map(data, data)', /would hide a rule variable/],
    ['subject.ip.matches(subject.user_id)', /pattern of matches\(\) must be a string literal/],
    ['subject.ip.matches("(a+)+\\\\1")', /back-references/],
    ['subject.ip.matches("(?=a)")', /look-ahead/],
    ['b"bytes" == b"bytes"', /bytes literals/],
    ['1u == 1u', /unsigned integer/],
    ['features.apps_1hh > 1.0', /No such key: apps_1hh/],
    ['subject.phone == "x"', /No such key: phone/],
    ['features.apps_1h + "x"', /no such overload/],
    ['1 + ', /Unexpected|unexpected/],
  ])('%s', (source, message) => {
    expect(refusal(source).message).toMatch(message);
  });

  it('refuses undeclared data fields when the schema is closed', () => {
    const closed = {
      ...env,
      dataSchema: { type: 'object', properties: { amount: { type: 'number' } }, additionalProperties: false },
    };
    const e = refusal('data.amount > 1.0 && data.colour == "red"', closed);
    expect(e.message).toMatch(/data.colour is not a field of this event type \(declared: amount\)/);
    expect(e.position).toBe(21);
  });

  it('refuses expressions that are too long, too deep or too large', () => {
    expect(refusal(`${'1 + '.repeat(1000)}1`).message).toMatch(/longer than 4000 characters/);
    expect(refusal(`${'('.repeat(70)}1${')'.repeat(70)}`).message).toMatch(/depth|deeper/i);
    // 2,000 nodes need about 4,000 characters, so the length limit guards the node limit too.
    expect(refusal(`[${Array.from({ length: 1001 }, () => '1').join(',')}]`).message).toMatch(
      /1000|elements/i,
    );
  });

  it('gives the position of the offending construct', () => {
    expect(refusal('features.apps_1h > 1.0 && process.exit()').position).toBe(26);
    expect(refusal('subject.ip == "x" || data.__proto__').position).toBe(26);
    expect(refusal("in_list('nope', subject.ip)").position).toBe(8);
  });
});
