import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';
import { MESSAGES, mergeMessages } from './messages.js';

const { en, zh } = MESSAGES;

/** Every leaf key of a nested messages object, dotted, with its text. */
function leaves(messages: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** The `{{name}}` placeholders of a message. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('console messages', () => {
  const english = leaves(en);
  const chinese = leaves(zh);

  it('has every key in both English and Chinese', () => {
    expect([...english.keys()].filter((k) => !chinese.has(k))).toEqual([]);
    expect([...chinese.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it('has a non-empty text for every key, with the same placeholders in both languages', () => {
    for (const [key, text] of english) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim(), key).not.toBe('');
      expect(placeholders(String(chinese.get(key))), key).toEqual(placeholders(text as string));
    }
  });

  it('translates every text except the names of the languages themselves', () => {
    const same = [...english].filter(([key, text]) => chinese.get(key) === text).map(([key]) => key);
    expect(same).toEqual(['languages.en', 'languages.zh']);
  });
});

describe('mergeMessages', () => {
  it('joins sections and refuses a section defined twice', () => {
    expect(mergeMessages({ a: { x: '1' } }, { b: 'y' })).toEqual({ a: { x: '1' }, b: 'y' });
    expect(() => mergeMessages({ a: 'x' }, { a: { y: 'z' } })).toThrow(/"a" is defined twice/);
  });
});

describe('detectLanguage', () => {
  it('keeps a stored choice, else follows the browser, else English', () => {
    expect(detectLanguage('en', ['zh-CN'])).toBe('en');
    expect(detectLanguage(null, ['fr-FR', 'zh-TW', 'en'])).toBe('zh');
    expect(detectLanguage('xx', ['en-US'])).toBe('en');
    expect(detectLanguage(null, ['fr'])).toBe('en');
  });
});
