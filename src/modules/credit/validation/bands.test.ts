import { describe, expect, it } from 'vitest';
import { bandOf, describeBands, quantileEdges } from './bands.js';

describe('quantileEdges', () => {
  it('starts each band at the first value of its part', () => {
    // 10 values, 5 parts: ranks 2, 4, 6, 8 of the sorted sample.
    expect(Array.from(quantileEdges([9, 0, 8, 1, 7, 2, 6, 3, 5, 4], 5))).toEqual([2, 4, 6, 8]);
  });

  it('gives fewer bands under heavy ties and never an edge at the minimum', () => {
    expect(Array.from(quantileEdges([1, 1, 1, 1, 1, 1, 1, 2, 2, 3], 5))).toEqual([2]);
    expect(Array.from(quantileEdges([5, 5, 5], 10))).toEqual([]);
  });
});

describe('bandOf', () => {
  it('puts a value on an edge in the band that starts there', () => {
    const edges = Float64Array.from([10, 20]);
    expect([5, 10, 19.99, 20, 99].map((v) => bandOf(edges, v))).toEqual([0, 1, 1, 2, 2]);
    expect(describeBands(edges).map((b) => b.label)).toEqual(['< 10', '[10, 20)', '≥ 20']);
  });
});
