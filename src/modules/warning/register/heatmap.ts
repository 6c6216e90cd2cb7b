/**
 * The heat map of the register: the 5 × 5 matrix of likelihood × impact with, in each cell, the risks
 * graded there (residual grading by default, inherent on request), the cell's grade and level, and
 * totals per level. Cells are listed row by row from likelihood 5 down to 1 and impact 1 to 5, the
 * way the matrix is drawn (IEC 31010:2019 Annex B.10), so a client renders them in order.
 */
import type { Text } from '../../../kernel/i18n.js';
import { LEVEL_BANDS, levelOf, RISK_LEVELS, type RiskLevel } from './grading.js';
import type { RiskTable } from './tables.js';

/** Which grading the map places risks by. */
export type HeatMapBasis = 'residual' | 'inherent';

/** One cell of the matrix. */
export interface HeatMapCell {
  readonly likelihood: number;
  readonly impact: number;
  readonly grade: number;
  readonly level: RiskLevel;
  readonly count: number;
  readonly risk_ids: readonly string[];
}

/** Risks per level. */
export interface HeatMapLevel {
  readonly level: RiskLevel;
  readonly label: Text;
  readonly min_grade: number;
  readonly max_grade: number;
  readonly count: number;
}

/** The whole map. */
export interface HeatMap {
  readonly basis: HeatMapBasis;
  readonly total: number;
  readonly cells: readonly HeatMapCell[];
  readonly levels: readonly HeatMapLevel[];
}

type Graded = Pick<
  RiskTable,
  'id' | 'inherent_likelihood' | 'inherent_impact' | 'residual_likelihood' | 'residual_impact'
>;

/** The heat map of `risks` (all of them: the caller filters retired ones out), ids sorted in each cell. */
export function heatMapOf(risks: readonly Graded[], basis: HeatMapBasis): HeatMap {
  const ids = new Map<string, string[]>();
  for (const r of risks) {
    const l = basis === 'residual' ? r.residual_likelihood : r.inherent_likelihood;
    const i = basis === 'residual' ? r.residual_impact : r.inherent_impact;
    const key = `${l}x${i}`;
    const list = ids.get(key);
    if (list) list.push(r.id);
    else ids.set(key, [r.id]);
  }
  const cells: HeatMapCell[] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    for (let impact = 1; impact <= 5; impact++) {
      const inCell = (ids.get(`${likelihood}x${impact}`) ?? []).sort();
      const grade = likelihood * impact;
      cells.push({
        likelihood,
        impact,
        grade,
        level: levelOf(grade),
        count: inCell.length,
        risk_ids: inCell,
      });
    }
  }
  const levels = RISK_LEVELS.map((level) => ({
    level,
    label: LEVEL_BANDS[level].label,
    min_grade: LEVEL_BANDS[level].min,
    max_grade: LEVEL_BANDS[level].max,
    count: cells.filter((c) => c.level === level).reduce((s, c) => s + c.count, 0),
  }));
  return { basis, total: risks.length, cells, levels };
}
