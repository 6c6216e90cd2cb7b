import { describe, expect, it } from 'vitest';
import type { DecisionSummary, Outcome } from '../../api/types.js';
import { decisionVolume } from './decision-volume.js';

const decided = (at: string, outcome: Outcome): DecisionSummary => ({
  decision_id: at,
  event_id: 'e',
  event_type: 'login',
  outcome,
  score: null,
  policy: null,
  fallback: null,
  occurred_at: at,
  decided_at: at,
});

describe('decisionVolume', () => {
  const now = Date.parse('2026-11-27T10:30:30Z');

  it('counts decisions per minute and outcome within the window, ignoring older ones', () => {
    const volume = decisionVolume(
      [
        decided('2026-11-27T10:30:10Z', 'approve'),
        decided('2026-11-27T10:30:20Z', 'reject'),
        decided('2026-11-27T10:29:59Z', 'review'),
        decided('2026-11-27T09:00:00Z', 'approve'),
      ],
      now,
      60_000,
      5,
    );
    expect(volume.total).toBe(3);
    expect(volume.buckets).toHaveLength(5);
    expect(volume.buckets.at(-1)?.counts).toEqual({ approve: 1, review: 0, reject: 1 });
    expect(volume.buckets.at(-2)?.counts).toEqual({ approve: 0, review: 1, reject: 0 });
    expect(volume.rates.reject).toBeCloseTo(1 / 3);
  });

  it('gives zero rates, not NaN, when nothing was decided', () => {
    expect(decisionVolume([], now, 60_000, 3).rates).toEqual({ approve: 0, review: 0, reject: 0 });
  });
});
