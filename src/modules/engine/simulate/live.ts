/**
 * Live mode: sends a simulated stream to a running Fengkong server's decision API at a steady
 * rate, as a lender's systems would, and reports what came back: accepted requests, errors by
 * status, decision outcomes and latency percentiles. Labels are stripped (the API refuses unknown
 * fields); event ids are the idempotency keys, so re-sending a seed replays the same decisions.
 *
 * Requests use Node's global `fetch` (undici), whose default agent keeps connections alive and
 * reuses them, so `concurrency` requests in flight use at most that many connections. Pacing is
 * open-loop: event i is due at start + i / rate; when the server is slower than the rate, at most
 * `concurrency` requests wait and the sender falls behind rather than piling up more.
 */
import { OUTCOMES } from '../contracts.js';
import { LatencyHistogram, type LatencySummary } from './latency.js';
import { type SimulatedEvent, withoutLabel } from './model.js';

/** Where and how fast to send. */
export interface LiveSendOptions {
  /** Base URL of the server (`http://127.0.0.1:8080`); events go to `<target>/api/v1/decisions`. */
  readonly target: string;
  /** An API key, sent as `Authorization: Bearer <key>`. */
  readonly apiKey: string;
  /** Events per second. */
  readonly rate: number;
  /** Requests in flight at most. */
  readonly concurrency: number;
  /** A request without an answer after this long counts as a `timeout` error; default 10 s. */
  readonly timeoutMs?: number;
  /** Called after each event is handed to the network, with the number handed so far. */
  readonly onProgress?: (sent: number) => void;
}

/** What the server answered. */
export interface LiveReport {
  readonly url: string;
  readonly sent: number;
  readonly ok: number;
  readonly errors: number;
  /** Errors by HTTP status (`"422"`) or by failure (`network`, `timeout`). */
  readonly error_counts: Readonly<Record<string, number>>;
  /** Outcomes of accepted decisions (`approve`, `review`, `reject`; `other` if none was readable). */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Over every answered request, successful or not. */
  readonly latency_ms: LatencySummary | null;
  readonly elapsed_s: number;
  readonly achieved_rate: number;
}

/** The decision endpoint under a base URL (a trailing slash or path prefix is kept). */
export function decisionsUrl(target: string): string {
  return `${target.replace(/\/+$/, '')}/api/v1/decisions`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends every event of `events` (without its label) and reports the answers. */
export async function sendLive(
  events: Iterable<SimulatedEvent>,
  options: LiveSendOptions,
): Promise<LiveReport> {
  const url = decisionsUrl(options.target);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` };
  const latency = new LatencyHistogram();
  const errorCounts: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const count = (into: Record<string, number>, key: string) => {
    into[key] = (into[key] ?? 0) + 1;
  };
  let ok = 0;

  const sendOne = async (event: SimulatedEvent): Promise<void> => {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(withoutLabel(event)),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Reading the body to the end lets the connection be reused.
      const text = await response.text();
      latency.record(performance.now() - started);
      if (!response.ok) {
        count(errorCounts, String(response.status));
        return;
      }
      ok++;
      count(outcomes, outcomeOf(text));
    } catch (error) {
      count(errorCounts, error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network');
    }
  };

  const intervalMs = 1000 / options.rate;
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  for (const event of events) {
    const wait = start + sent * intervalMs - performance.now();
    if (wait >= 1) await sleep(wait);
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const request: Promise<void> = sendOne(event).finally(() => inFlight.delete(request));
    inFlight.add(request);
    sent++;
    options.onProgress?.(sent);
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  return {
    url,
    sent,
    ok,
    errors: sent - ok,
    error_counts: errorCounts,
    outcomes,
    latency_ms: latency.summary(),
    elapsed_s: Math.round(elapsed * 1000) / 1000,
    achieved_rate: elapsed > 0 ? Math.round((sent / elapsed) * 10) / 10 : sent,
  };
}

/** The `outcome` of a decision response, or `other` when the body has none. */
function outcomeOf(body: string): string {
  try {
    const outcome = (JSON.parse(body) as { outcome?: unknown }).outcome;
    return typeof outcome === 'string' && (OUTCOMES as readonly string[]).includes(outcome)
      ? outcome
      : 'other';
  } catch {
    return 'other';
  }
}
