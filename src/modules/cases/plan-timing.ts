/**
 * The clock arithmetic of emergency plans, kept pure so it is tested alone. A checklist item is due
 * when every step up to and including it would be done if each took its expected minutes, counted
 * from the activation. A drill step took the time from the previous completion (or the drill's
 * start) to its own: people work a plan one step after another, so the gap between two ticks is
 * the time of the later one. A plan is due for a drill its frequency after its last finished drill,
 * or after its creation while it has never been drilled.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Minutes from activation until each step is due: the running sum of expected minutes. */
export function stepOffsets(steps: readonly { readonly expected_minutes: number }[]): number[] {
  let total = 0;
  return steps.map((step) => {
    total += step.expected_minutes;
    return total;
  });
}

/** When each checklist item is due (epoch ms) for a plan activated at `activatedMs`. */
export function checklistDueTimes(
  activatedMs: number,
  steps: readonly { readonly expected_minutes: number }[],
): number[] {
  return stepOffsets(steps).map((minutes) => activatedMs + minutes * MINUTE_MS);
}

/**
 * The minutes each drill step took, by step order: the time since the completion that came before
 * it in time (or since the start); null for a step not yet completed. Completions at the same
 * instant are taken in step order.
 */
export function stepDurations(startedMs: number, completedMs: readonly (number | null)[]): (number | null)[] {
  const order = completedMs
    .map((at, i) => ({ at, i }))
    .filter((c): c is { at: number; i: number } => c.at !== null)
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const out: (number | null)[] = completedMs.map(() => null);
  let previous = startedMs;
  for (const { at, i } of order) {
    out[i] = Math.max(0, at - previous) / MINUTE_MS;
    previous = Math.max(previous, at);
  }
  return out;
}

/** When a plan is next due for a drill (epoch ms). */
export function nextDrillDue(lastDrillMs: number | null, createdMs: number, frequencyDays: number): number {
  return (lastDrillMs ?? createdMs) + frequencyDays * DAY_MS;
}

/** Whether a plan is overdue for a drill at `atMs`: strictly after its due time. */
export function isDrillOverdue(
  lastDrillMs: number | null,
  createdMs: number,
  frequencyDays: number,
  atMs: number,
): boolean {
  return atMs > nextDrillDue(lastDrillMs, createdMs, frequencyDays);
}
