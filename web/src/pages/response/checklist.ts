/**
 * The state of an activated plan's checklist at a moment: which items are overdue (still pending
 * after their due time), how late or how soon each one is, and the counts the header shows. The
 * server marks overdue items when it answers; the page recomputes with its own clock so an item
 * turns overdue while the page stays open.
 */
import type { ChecklistItem } from './types.js';

const MINUTE_MS = 60_000;

/** One checklist item with its timing at `now`. */
export interface ChecklistRow extends ChecklistItem {
  /** Pending and past its due time. */
  readonly overdue: boolean;
  /** Whole minutes until due (negative when late); null once done or skipped. */
  readonly dueInMinutes: number | null;
  /** Minutes after its due time it was done; null when done on time, skipped or not done. */
  readonly doneLateMinutes: number | null;
}

/** A checklist at `now`. */
export interface ChecklistView {
  readonly rows: readonly ChecklistRow[];
  readonly done: number;
  readonly skipped: number;
  readonly pending: number;
  readonly overdue: number;
  /** The first pending item in step order, the one to work next. */
  readonly next: ChecklistRow | undefined;
}

/** The checklist `items` as it stands at `nowMs`, in step order. */
export function checklistView(items: readonly ChecklistItem[], nowMs: number): ChecklistView {
  const rows = [...items]
    .sort((a, b) => a.seq - b.seq)
    .map((item): ChecklistRow => {
      const due = Date.parse(item.due_at);
      if (item.status !== 'pending') {
        const doneAt = item.done_at === null ? Number.NaN : Date.parse(item.done_at);
        const late =
          item.status === 'done' && !Number.isNaN(doneAt) ? Math.floor((doneAt - due) / MINUTE_MS) : 0;
        return { ...item, overdue: false, dueInMinutes: null, doneLateMinutes: late > 0 ? late : null };
      }
      const dueIn = Math.floor((due - nowMs) / MINUTE_MS);
      return { ...item, overdue: nowMs > due, dueInMinutes: dueIn, doneLateMinutes: null };
    });
  const count = (test: (row: ChecklistRow) => boolean) => rows.filter(test).length;
  return {
    rows,
    done: count((r) => r.status === 'done'),
    skipped: count((r) => r.status === 'skipped'),
    pending: count((r) => r.status === 'pending'),
    overdue: count((r) => r.overdue),
    next: rows.find((r) => r.status === 'pending'),
  };
}
