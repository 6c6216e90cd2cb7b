/**
 * Latency percentiles in constant memory: a histogram with logarithmic buckets 1 % wide from
 * 10 µs to 10 minutes (the idea of HdrHistogram, reduced to one fixed relative precision), so a
 * load test of any length reports p50 / p90 / p99 within 1 % without keeping every sample.
 */

const MIN_MS = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(600_000 / MIN_MS) / LOG_GROWTH) + 1;

/** Percentiles of a latency distribution, in milliseconds. */
export interface LatencySummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Records latencies and answers percentiles within 1 % relative error. */
export class LatencyHistogram {
  readonly #counts = new Float64Array(BUCKETS);
  #count = 0;
  #max = 0;

  /** Samples recorded. */
  get count(): number {
    return this.#count;
  }

  /** Records one latency in milliseconds (negative values count as 0). */
  record(ms: number): void {
    const v = Math.max(0, ms);
    const i = v <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(v / MIN_MS) / LOG_GROWTH) + 1);
    this.#counts[i] = (this.#counts[i] ?? 0) + 1;
    this.#count++;
    if (v > this.#max) this.#max = v;
  }

  /**
   * The nearest-rank percentile `q` in (0, 1]: the smallest bucket holding the ⌈q·n⌉-th sample,
   * reported as its geometric middle (never above the largest sample); NaN when empty.
   */
  percentile(q: number): number {
    if (this.#count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.#count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i] ?? 0;
      if (seen >= rank) {
        const value = i === 0 ? MIN_MS : MIN_MS * GROWTH ** (i - 0.5);
        return Math.min(value, this.#max);
      }
    }
    return this.#max;
  }

  /** p50, p90, p99 and the maximum, rounded to 0.01 ms; null when nothing was recorded. */
  summary(): LatencySummary | null {
    if (this.#count === 0) return null;
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      p50: round(this.percentile(0.5)),
      p90: round(this.percentile(0.9)),
      p99: round(this.percentile(0.99)),
      max: round(this.#max),
    };
  }
}
