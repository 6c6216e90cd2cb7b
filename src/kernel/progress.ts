/**
 * Progress for long command-line work: a single self-rewriting line with a rate and an estimate of
 * the time left, on a terminal only. Silent when output is JSON or not a terminal, so scripts and CI
 * logs get only the result.
 */
export interface Progress {
  /** Sets how much work is done (and optionally the total, when it becomes known). */
  update(done: number, total?: number): void;
  /** Clears the line. */
  done(): void;
}

/** A progress line on `stream` when it is a terminal and `quiet` is false; otherwise a no-op. */
export function createProgress(
  label: string,
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  quiet: boolean,
  now: () => number = Date.now,
): Progress {
  if (quiet || !stream.isTTY) return { update() {}, done() {} };
  const started = now();
  let last = 0;
  let total: number | undefined;
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) total = newTotal;
      const t = now();
      if (t - last < 200) return;
      last = t;
      const seconds = (t - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const pct = total ? ` ${((100 * done) / total).toFixed(1)}%` : '';
      const eta = total && rate > 0 ? ` eta ${Math.ceil((total - done) / rate)}s` : '';
      stream.write(
        `\r\x1b[2K${label}: ${done}${total ? `/${total}` : ''}${pct} (${Math.round(rate)}/s)${eta}`,
      );
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
