import { describe, expect, it } from 'vitest';
import { gradingIn, levelOf, numberIn, textIn } from './forms.js';

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

describe('register and KRI forms', () => {
  it('sends the languages given and leaves a blank one for the server to fill', () => {
    expect(textIn(form({ title_en: ' Outage ', title_zh: '' }), 'title')).toEqual({ en: 'Outage' });
    expect(textIn(form({ title_en: 'A', title_zh: '甲' }), 'title')).toEqual({ en: 'A', zh: '甲' });
  });

  it('reads gradings and numbers, and treats blanks and words as no number', () => {
    expect(gradingIn(form({ r_likelihood: '3', r_impact: '4' }), 'r')).toEqual({ likelihood: 3, impact: 4 });
    expect(numberIn(form({ v: '0.25' }), 'v')).toBe(0.25);
    expect(numberIn(form({ v: ' ' }), 'v')).toBeUndefined();
    expect(numberIn(form({ v: 'abc' }), 'v')).toBeUndefined();
  });

  it('levels a grading as the register does', () => {
    expect([levelOf(2, 2), levelOf(3, 3), levelOf(4, 4), levelOf(4, 5)]).toEqual([
      'low',
      'medium',
      'high',
      'critical',
    ]);
  });
});
