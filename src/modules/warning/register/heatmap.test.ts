import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heatMapOf } from './heatmap.js';

const step = fc.integer({ min: 1, max: 5 });
const risk = fc.record({
  id: fc.stringMatching(/^R-[A-Z]{2}-\d{3}$/),
  inherent_likelihood: step,
  inherent_impact: step,
  residual_likelihood: step,
  residual_impact: step,
});

describe('heat map', () => {
  it('has 25 cells drawn from likelihood 5 down and impact 1 up', () => {
    const map = heatMapOf([], 'residual');
    expect(map.cells).toHaveLength(25);
    expect(map.cells[0]).toMatchObject({ likelihood: 5, impact: 1, grade: 5, level: 'medium', count: 0 });
    expect(map.cells[4]).toMatchObject({ likelihood: 5, impact: 5, grade: 25, level: 'critical' });
    expect(map.cells[24]).toMatchObject({ likelihood: 1, impact: 5, grade: 5 });
    expect(map.levels.map((l) => l.count)).toEqual([0, 0, 0, 0]);
  });

  it('places each risk in the cell of its grading, by the basis asked for', () => {
    const risks = [
      {
        id: 'R-CR-001',
        inherent_likelihood: 4,
        inherent_impact: 5,
        residual_likelihood: 2,
        residual_impact: 4,
      },
      {
        id: 'R-OP-001',
        inherent_likelihood: 3,
        inherent_impact: 3,
        residual_likelihood: 2,
        residual_impact: 4,
      },
    ];
    const residual = heatMapOf(risks, 'residual');
    expect(residual.cells.find((c) => c.likelihood === 2 && c.impact === 4)).toMatchObject({
      count: 2,
      risk_ids: ['R-CR-001', 'R-OP-001'],
      level: 'medium',
    });
    const inherent = heatMapOf(risks, 'inherent');
    expect(inherent.cells.find((c) => c.likelihood === 4 && c.impact === 5)?.risk_ids).toEqual(['R-CR-001']);
    expect(inherent.levels.find((l) => l.level === 'critical')?.count).toBe(1);
  });

  it('counts every risk exactly once, in cells and in levels', () => {
    fc.assert(
      fc.property(
        fc.array(risk, { maxLength: 40 }),
        fc.constantFrom('residual', 'inherent' as const),
        (risks, basis) => {
          const map = heatMapOf(risks, basis);
          expect(map.cells.reduce((s, c) => s + c.count, 0)).toBe(risks.length);
          expect(map.levels.reduce((s, l) => s + l.count, 0)).toBe(risks.length);
          for (const c of map.cells) expect(c.risk_ids).toHaveLength(c.count);
        },
      ),
    );
  });
});
