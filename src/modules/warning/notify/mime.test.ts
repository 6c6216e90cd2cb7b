import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWords, readMail } from './fixtures.js';
import { composeMessage, encodeHeaderText, formatMailDate, isEmailAddress } from './mime.js';

describe('e-mail messages', () => {
  it('encodes any subject in words of at most 75 characters that decode back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => {
        const encoded = encodeHeaderText(text);
        if (encoded === text) return true;
        const words = encoded.split('\r\n ');
        return words.every((w) => w.length <= 75) && decodeWords(encoded) === text;
      }),
    );
  });

  it('writes a base64 UTF-8 body, an RFC 5322 date and a message id', () => {
    const data = composeMessage({
      from: 'fengkong@bank.test',
      to: ['risk@bank.test', 'cro@bank.test'],
      subject: '新预警：不良率',
      text: 'English line\r\n中文行',
      date: Date.parse('2026-03-01T08:00:00.000Z'),
      messageId: 'd-1@fengkong',
    });
    const mail = readMail(data);
    expect(mail.headers['date']).toBe('Sun, 01 Mar 2026 08:00:00 +0000');
    expect(mail.headers['to']).toBe('risk@bank.test, cro@bank.test');
    expect(mail.headers['message-id']).toBe('<d-1@fengkong>');
    expect(decodeWords(mail.headers['subject'] ?? '')).toBe('新预警：不良率');
    expect(mail.text).toBe('English line\r\n中文行');
    expect(formatMailDate(0)).toBe('Thu, 01 Jan 1970 00:00:00 +0000');
  });

  it('accepts plain addresses only', () => {
    expect(isEmailAddress('risk.team+alerts@bank.example.cn')).toBe(true);
    for (const bad of ['a@b>\r\nRCPT TO:<x@y', 'no-at', 'a b@c.d', '<a@b.c>', 'a@b..c']) {
      expect(isEmailAddress(bad), bad).toBe(false);
    }
  });
});
