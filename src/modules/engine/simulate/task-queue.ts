/**
 * The simulation's agenda: a binary min-heap of scheduled work ordered by time, then by the order
 * it was scheduled, so that simultaneous work always runs in the same order (determinism) and the
 * stream comes out in time order. Its size is the number of pending actions (about two per active
 * customer), independent of how many events have been produced.
 */
import type { Fire } from './world.js';

interface Task {
  readonly at: number;
  readonly seq: number;
  readonly fire: Fire;
}

const before = (a: Task, b: Task): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** A time-ordered queue of pending work. */
export class TaskQueue {
  readonly #heap: Task[] = [];
  #seq = 0;

  /** Pending tasks. */
  get size(): number {
    return this.#heap.length;
  }

  /** Adds `fire` to run at `at`. */
  push(at: number, fire: Fire): void {
    const heap = this.#heap;
    const task: Task = { at, seq: this.#seq++, fire };
    let i = heap.length;
    heap.push(task);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(task, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = task;
  }

  /** Time of the earliest task, or +Infinity when empty. */
  peekAt(): number {
    return this.#heap[0]?.at ?? Number.POSITIVE_INFINITY;
  }

  /** Removes and returns the earliest task. */
  pop(): Task | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
