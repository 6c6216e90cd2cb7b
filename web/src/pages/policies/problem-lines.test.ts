import { describe, expect, it } from 'vitest';
import {
  jsonValueLines,
  lineOfPath,
  locateProblems,
  parsePath,
  problemsByLine,
  ruleIdAt,
} from './problem-lines.js';

const YAML = `# A policy
id: withdrawal-default
event_type: withdrawal
description:
  en: "Withdrawals"
  zh: "提现"
features:
  - name: withdrawals_24h
    key: [user_id]
    aggregate: count
    window: 24h
lists: [blacklist_card]
rules:
  - id: W001_blacklisted_card
    description: { en: "Card on the blacklist", zh: "银行卡命中黑名单" }
    when: "in_list('blacklist_card', subject.card)"
    action: reject
  - id: W900_large
    description: { en: "Large", zh: "大额" }
    when: "data.amount > (100000.0"
    action: reject
  - { id: W901_flow, description: { en: a, zh: b }, when: "true", action: review }
outcome:
  mode: first_match
  default: approve
`;

const SAME_INDENT = `id: p
rules:
- id: A
  when: "true"
- id: B
  when: "data.x >"
outcome: { mode: first_match, default: approve }
`;

describe('parsePath', () => {
  it('splits dotted paths and indices, dropping the policy prefix of save errors', () => {
    expect(parsePath('rules[2].when')).toEqual(['rules', 2, 'when']);
    expect(parsePath('policy.features[0].window')).toEqual(['features', 0, 'window']);
    expect(parsePath('outcome.default')).toEqual(['outcome', 'default']);
  });
});

describe('lineOfPath in block YAML', () => {
  it('finds keys, list items and fields of list items', () => {
    expect(lineOfPath(YAML, 'event_type')).toBe(3);
    expect(lineOfPath(YAML, 'features[0].window')).toBe(11);
    expect(lineOfPath(YAML, 'lists[0]')).toBe(12);
    expect(lineOfPath(YAML, 'rules[1].when')).toBe(20);
    expect(lineOfPath(YAML, 'rules[1]')).toBe(18);
    expect(lineOfPath(YAML, 'rules[2].when')).toBe(22);
    expect(lineOfPath(YAML, 'outcome.default')).toBe(25);
  });

  it('follows sequences written at their key’s indentation', () => {
    expect(lineOfPath(SAME_INDENT, 'rules[1].when')).toBe(6);
    expect(lineOfPath(SAME_INDENT, 'outcome')).toBe(7);
  });

  it('reads the rule ids, block and flow style', () => {
    expect(ruleIdAt(YAML, 0)).toBe('W001_blacklisted_card');
    expect(ruleIdAt(YAML, 2)).toBe('W901_flow');
    expect(ruleIdAt(SAME_INDENT, 1)).toBe('B');
    expect(ruleIdAt(YAML, 9)).toBeNull();
  });
});

describe('lineOfPath in JSON', () => {
  const json = JSON.stringify(
    {
      id: 'p',
      rules: [
        { id: 'A', when: 'true' },
        { id: 'B', when: 'data.x >' },
      ],
    },
    null,
    2,
  );
  it('keeps the line of every value', () => {
    expect(jsonValueLines(json).get('rules[1].when')).toBe(10);
    expect(lineOfPath(json, 'rules[1].when')).toBe(10);
    expect(ruleIdAt(json, 1)).toBe('B');
  });
  it('gives nothing for a text that is not JSON', () => {
    expect(jsonValueLines('{ "a": ').size).toBe(0);
  });
});

describe('locateProblems (the CEL editor’s error display)', () => {
  it('puts a CEL syntax error in a rule’s expression on that rule’s when line, with its id and column', () => {
    const [p] = locateProblems(YAML, [{ path: 'rules[1].when', message: 'column 26: expected )' }]);
    expect(p).toMatchObject({ line: 20, ruleIndex: 1, ruleId: 'W900_large', column: 26 });
    expect(problemsByLine(locateProblems(YAML, [p as never])).get(20)).toHaveLength(1);
  });

  it('reads the line of a text that does not parse from the message', () => {
    const [p] = locateProblems('id: [', [{ path: 'source', message: 'line 1, column 6: Missing ]' }]);
    expect(p).toMatchObject({ line: 1, ruleId: null, column: 6 });
  });

  it('shows nothing for a valid draft', () => {
    expect(locateProblems(YAML, [])).toEqual([]);
    expect(problemsByLine([]).size).toBe(0);
  });
});
