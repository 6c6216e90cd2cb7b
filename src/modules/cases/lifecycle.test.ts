import { describe, expect, it } from 'vitest';
import {
  CASE_MOVES,
  caseMoveNeedsReason,
  caseMovesInto,
  incidentMovesInto,
  RESOLVABLE,
} from './lifecycle.js';

describe('status moves', () => {
  it('reopens only finished cases, and asks a reason to close or reopen', () => {
    expect(caseMovesInto('open')).toEqual(['resolved', 'closed']);
    expect(caseMovesInto('in_progress')).toEqual(['open']);
    expect(caseMovesInto('closed')).toEqual(['open', 'in_progress', 'resolved']);
    expect(RESOLVABLE).toEqual(['open', 'in_progress']);
    expect(CASE_MOVES.closed).toEqual(['open']);
    expect([
      caseMoveNeedsReason('closed'),
      caseMoveNeedsReason('open'),
      caseMoveNeedsReason('in_progress'),
    ]).toEqual([true, true, false]);
  });

  it('moves incidents only forward and never into reviewed without a review', () => {
    expect(incidentMovesInto('mitigated')).toEqual(['open']);
    expect(incidentMovesInto('resolved')).toEqual(['open', 'mitigated']);
    expect(incidentMovesInto('reviewed')).toEqual([]);
    expect(incidentMovesInto('open')).toEqual([]);
  });
});
