import { describe, expect, it } from 'vitest';
import { format, pickLang } from './i18n.js';

describe('pickLang (Accept-Language, RFC 9110 §12.5.4)', () => {
  it.each([
    [undefined, 'en'],
    [null, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh'],
    ['zh-Hans-CN,zh;q=0.9', 'zh'],
    ['zh-TW', 'zh'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, de;q=0.8', 'en'],
    ['*', 'en'],
    ['en;q=0.4, zh-CN;q=0.8', 'zh'],
    ['zh;q=0.1, en;q=0.9', 'en'],
    ['ZH-cn', 'zh'],
    ['zh-CN;Q=0.2, en;q=0.1', 'zh'],
    // Equal weights: the first listed wins.
    ['zh-CN, en', 'zh'],
    ['en, zh-CN', 'en'],
  ] as const)('%j → %s', (header, lang) => {
    expect(pickLang(header)).toBe(lang);
  });

  it('never picks a language marked not acceptable (q=0, §12.4.2)', () => {
    expect(pickLang('zh;q=0')).toBe('en');
    expect(pickLang('zh-CN;q=0, fr')).toBe('en');
    expect(pickLang('en;q=0, zh;q=0.001')).toBe('zh');
  });

  it('ignores tags with unreadable or out-of-range weights instead of failing', () => {
    for (const header of [
      'zh-CN;q=abc',
      'zh;q=',
      'zh;q=1.5',
      'zh;q=-1',
      ';;;,,,',
      'zh-CN;q=NaN',
      'zh;q=Infinity',
    ]) {
      expect(pickLang(header), header).toBe('en');
    }
    expect(pickLang('x'.repeat(100_000))).toBe('en');
    expect(pickLang(`${'a,'.repeat(10_000)}zh`)).toBe('zh');
  });
});

describe('format', () => {
  it('fills named placeholders in the chosen language and leaves unknown ones', () => {
    const text = { en: '{n} entries by {who}', zh: '{who} 的 {n} 条记录' };
    expect(format(text, 'en', { n: 3, who: 'alice' })).toBe('3 entries by alice');
    expect(format(text, 'zh', { n: 3 })).toBe('{who} 的 3 条记录');
  });
});
