import type { Clock } from '../../kernel/clock.js';

/** A rate limiter keyed by a string (an IP address); the port a Redis-backed one will implement. */
export interface RateLimiter {
  /** Takes one token for `key`; when none is left, says how long until the next one. */
  take(key: string): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * An in-process token bucket per key: `perMinute` tokens, refilled continuously, so a burst of
 * `perMinute` attempts passes and then one more every `60 / perMinute` seconds. Enough for one
 * server; several servers behind a load balancer each count on their own until this port gets a
 * Redis implementation (shared counters, as DESIGN.md plans for velocity features).
 * Memory is bounded: past `maxKeys` keys the oldest bucket is dropped (a dropped bucket is full, so
 * forgetting errs on the side of letting one more attempt through, never of locking someone out).
 */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
    private readonly maxKeys = 10_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number } {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    bucket.at = now;
    // Re-insert so that Map order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.perMs) };
  }
}
