import { describe, expect, it } from 'vitest';
import { mergeTimeline } from './timeline.js';
import type { Activation, TimelineEntry } from './types.js';

const system = { type: 'system', id: 'system' } as const;
const entry = (seq: number, at: string, kind: string, text: string, recorded = at): TimelineEntry => ({
  seq,
  at,
  recorded_at: recorded,
  kind,
  author: system,
  text,
});
const activation: Activation = {
  id: 'act-1',
  plan_id: 'plan-1',
  plan_version: 2,
  plan_title: { en: 'Outage plan', zh: '故障预案' },
  source: { type: 'incident', id: 'inc-1' },
  status: 'active',
  activated_at: '2025-03-01T10:05:00.000Z',
  activated_by: system,
  completed_at: null,
  overdue_items: 0,
  items: [
    {
      seq: 1,
      title: { en: 'Fail over', zh: '切换' },
      owner: { type: 'role', id: 'dba' },
      expected_minutes: 10,
      due_at: '2025-03-01T10:15:00.000Z',
      status: 'skipped',
      overdue: false,
      done_by: system,
      done_at: '2025-03-01T10:12:00.000Z',
      note: 'not needed',
    },
  ],
};

describe('mergeTimeline', () => {
  it('sorts by the moment described, equal times in recorded order, and flags backdated entries', () => {
    const merged = mergeTimeline(
      [
        entry(1, '2025-03-01T10:00:00.000Z', 'status', 'open'),
        entry(3, '2025-03-01T09:50:00.000Z', 'note', 'disk warning seen', '2025-03-01T11:00:00.000Z'),
        entry(4, '2025-03-01T10:00:00.000Z', 'note', 'paged on-call'),
      ],
      [],
    );
    expect(merged.map((e) => e.key)).toEqual(['3', '1', '4']);
    expect(merged.map((e) => e.backdated)).toEqual([true, false, false]);
  });

  it('joins plan lines with the activation and its checklist items', () => {
    const merged = mergeTimeline(
      [
        entry(2, '2025-03-01T10:05:00.000Z', 'plan', 'plan plan-1 v2 activated: 故障预案 / Outage plan'),
        entry(5, '2025-03-01T10:12:00.000Z', 'plan', 'checklist 1 skipped: 切换 / Fail over – not needed'),
        entry(6, '2025-03-01T10:20:00.000Z', 'plan', 'checklist 9 done: ? / ?'),
      ],
      [activation],
    );
    expect(merged[0]).toMatchObject({
      source: 'activation',
      planVersion: 2,
      planTitle: activation.plan_title,
    });
    expect(merged[1]).toMatchObject({
      source: 'checklist',
      seq: 1,
      status: 'skipped',
      title: { en: 'Fail over' },
      note: 'not needed',
    });
    expect(merged[2]).toMatchObject({ source: 'checklist', seq: 9, status: 'done', title: null });
  });

  it('keeps other plan lines as plain entries', () => {
    expect(
      mergeTimeline([entry(1, '2025-03-01T10:00:00.000Z', 'plan', 'something else')], [])[0],
    ).toMatchObject({
      source: 'timeline',
      kind: 'plan',
    });
  });
});
