/**
 * When a failed delivery is tried again: capped exponential backoff with additive jitter. After the
 * n-th failed attempt the next one waits `min(cap, base · 2^(n−1)) · (1 + jitter · u)`, u uniform in
 * [0, 1): 1 s, 2 s, 4 s, 8 s … with the defaults, each up to 20 % later, never earlier. The jitter
 * spreads the retries of many deliveries that failed together (a receiver that was down) so they do
 * not return in one burst (M. Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015).
 * The delivery job runs every few seconds, so a retry happens at the first run after it is due.
 */

/** Backoff parameters. */
export interface BackoffOptions {
  /** Delay after the first failure, ms (default 1000). */
  readonly baseMs?: number;
  /** Largest delay, ms (default 300 000). */
  readonly capMs?: number;
  /** Fraction of the delay added at random, 0–1 (default 0.2). */
  readonly jitter?: number;
}

/** The delay before the attempt after the `failedAttempts`-th failure; `random` gives u ∈ [0, 1). */
export function backoffDelay(
  failedAttempts: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const base = options.baseMs ?? 1000;
  const cap = options.capMs ?? 300_000;
  const jitter = options.jitter ?? 0.2;
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 40);
  const nominal = Math.min(cap, base * 2 ** exponent);
  return Math.round(nominal * (1 + jitter * random()));
}
