import { describe, expect, it } from 'vitest';
import { binStats } from '../woe.js';
import { checkTarget, trendOf } from './binning.js';

const bin = (bads: number) => binStats(10 - bads, bads, 100, 100);

describe('binning helpers', () => {
  it('reads the trend of the bad rates across bins', () => {
    expect(trendOf([bin(1), bin(2), bin(5)])).toBe('ascending');
    expect(trendOf([bin(5), bin(2), bin(1)])).toBe('descending');
    expect(trendOf([bin(1), bin(1), bin(5)])).toBe('none');
    expect(trendOf([bin(1)])).toBe('none');
  });

  it('refuses a target as long as another column', () => {
    expect(() => checkTarget(new Uint8Array(3), 4, 'x')).toThrow(/column x has 4 rows but the target 3/);
    expect(() => checkTarget(new Uint8Array(4), 4, 'x')).not.toThrow();
  });
});
