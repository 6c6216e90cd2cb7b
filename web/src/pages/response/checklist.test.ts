import { describe, expect, it } from 'vitest';
import { checklistView } from './checklist.js';
import type { ChecklistItem } from './types.js';

const T0 = Date.parse('2025-03-01T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const item = (seq: number, dueMinutes: number, extra: Partial<ChecklistItem> = {}): ChecklistItem => ({
  seq,
  title: { en: `step ${seq}`, zh: `步骤 ${seq}` },
  owner: { type: 'role', id: 'cro' },
  expected_minutes: 10,
  due_at: at(dueMinutes),
  status: 'pending',
  overdue: false,
  done_by: null,
  done_at: null,
  note: null,
  ...extra,
});

describe('checklistView', () => {
  it('marks pending items past their due time overdue, with the minutes late', () => {
    const view = checklistView([item(2, 20), item(1, 10)], T0 + 15 * 60_000);
    expect(view.rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(view.rows[0]).toMatchObject({ overdue: true, dueInMinutes: -5 });
    expect(view.rows[1]).toMatchObject({ overdue: false, dueInMinutes: 5 });
    expect(view).toMatchObject({ overdue: 1, pending: 2, done: 0 });
    expect(view.next?.seq).toBe(1);
  });

  it('never marks done or skipped items overdue, and says how late an item was done', () => {
    const view = checklistView(
      [
        item(1, 10, { status: 'done', done_at: at(25), overdue: true }),
        item(2, 20, { status: 'skipped', done_at: at(35), note: 'n/a' }),
        item(3, 30),
      ],
      T0 + 60 * 60_000,
    );
    expect(view.rows.map((r) => [r.overdue, r.doneLateMinutes])).toEqual([
      [false, 15],
      [false, null],
      [true, null],
    ]);
    expect(view).toMatchObject({ done: 1, skipped: 1, pending: 1, overdue: 1 });
    expect(view.next?.seq).toBe(3);
  });

  it('is not overdue exactly at the due time', () => {
    expect(checklistView([item(1, 10)], T0 + 10 * 60_000).overdue).toBe(0);
  });
});
