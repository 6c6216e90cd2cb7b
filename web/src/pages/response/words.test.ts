import { describe, expect, it } from 'vitest';
import type { Vocabulary } from './types.js';
import { activityParts, actorKind, sideOf, wordLabel } from './words.js';

const vocabulary = {
  case_statuses: [{ value: 'open', label: { en: 'Open', zh: '待处理' } }],
} as unknown as Vocabulary;

describe('wordLabel', () => {
  it('labels a word in the language, else shows the word', () => {
    expect(wordLabel(vocabulary, 'case_statuses', 'open', 'zh')).toBe('待处理');
    expect(wordLabel(vocabulary, 'case_statuses', 'closed', 'en')).toBe('closed');
    expect(wordLabel(undefined, 'case_statuses', 'open', 'en')).toBe('open');
  });
});

describe('actorKind', () => {
  it('tells me, the system and others apart', () => {
    expect(actorKind({ type: 'user', id: 'u1' }, 'u1')).toBe('me');
    expect(actorKind({ type: 'user', id: 'u2' }, 'u1')).toBe('other');
    expect(actorKind({ type: 'system', id: 'system' }, 'u1')).toBe('system');
    expect(actorKind(null, 'u1')).toBe('none');
  });
});

describe('activityParts', () => {
  it('splits status moves, resolutions and assignments into words and free text', () => {
    expect(activityParts('status', 'open → in_progress')).toEqual({
      from: 'open',
      to: 'in_progress',
      text: '',
    });
    expect(activityParts('reopen', 'closed → open: new evidence: a call')).toEqual({
      from: 'closed',
      to: 'open',
      text: 'new evidence: a call',
    });
    expect(activityParts('status', 'open')).toEqual({ to: 'open', text: '' });
    expect(activityParts('resolution', 'confirmed_fraud: ring of 3')).toEqual({
      disposition: 'confirmed_fraud',
      text: 'ring of 3',
    });
    expect(activityParts('assignment', '-')).toEqual({ assignee: null, text: '' });
    expect(activityParts('assignment', 'u-9: please call')).toEqual({ assignee: 'u-9', text: 'please call' });
    expect(activityParts('note', 'open → closed')).toEqual({ text: 'open → closed' });
  });
});

describe('sideOf', () => {
  it('picks one side of a "中文 / English" text', () => {
    const text = '同一设备 7 天内提交 14 笔借款申请 / One device filed 14 loan applications in 7 days';
    expect(sideOf(text, 'en')).toBe('One device filed 14 loan applications in 7 days');
    expect(sideOf(text, 'zh')).toBe('同一设备 7 天内提交 14 笔借款申请');
    expect(sideOf('02:10 主库故障。/ At 02:10 the disk failed.', 'en')).toBe('At 02:10 the disk failed.');
  });

  it('keeps texts that are not written that way whole', () => {
    expect(sideOf('Called the applicant / no answer', 'zh')).toBe('Called the applicant / no answer');
    expect(sideOf('电话 / 邮箱', 'en')).toBe('电话 / 邮箱');
    expect(sideOf('plain note', 'en')).toBe('plain note');
    expect(sideOf('中文 / 123', 'en')).toBe('中文 / 123');
    expect(sideOf('首席风险官 CRO', 'en')).toBe('首席风险官 CRO');
  });

  it('splits "中文 English" when asked', () => {
    expect(sideOf('资金部负责人 Head of treasury', 'en', { spaced: true })).toBe('Head of treasury');
    expect(sideOf('王敏 Wang Min', 'zh', { spaced: true })).toBe('王敏');
    expect(sideOf('客户 ABC 来电', 'en', { spaced: true })).toBe('客户 ABC 来电');
  });
});
