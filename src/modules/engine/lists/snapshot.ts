/**
 * The lists as the decision engine reads them: an in-memory copy of every list, answering
 * `in_list` with one hash-map lookup and `ip_in` with one binary search, with no I/O on the hot path.
 *
 * Freshness: all lists are loaded at start; a list changed by this process is reloaded as soon as
 * its transaction commits (`notify`); and every `refreshMs` the list versions are read (one small
 * query) and any list whose version moved — changed by another server — is reloaded, so several
 * servers converge within one period. Reloads of one list run one after another, each reading the
 * version before the entries, so a reload never installs entries older than a version it has seen.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { ListLookup } from '../contracts.js';
import { IpRangeSet, type TimedIpRange } from './ip-range-set.js';
import { IpParseError, parseIpRange } from './ip-ranges.js';
import * as repo from './repo.js';

/** Dependencies of the snapshots. */
export interface ListSnapshotsDeps {
  readonly db: Kysely<Database>;
  /** Milliseconds between version checks against the database; 0 turns the timer off. */
  readonly refreshMs?: number;
  /** Where reload failures are reported (they never reach a decision). */
  readonly log?: { warn(details: object, message: string): void };
}

/** The default period of the version check: five seconds. */
export const DEFAULT_LIST_REFRESH_MS = 5_000;

/** One list in memory. */
interface Snapshot {
  readonly kind: string;
  /** `created_at#version`: a list deleted and created again under its name is a new list. */
  readonly token: string;
  /** Stored value → epoch ms from which it no longer matches (Infinity for never). */
  readonly values: ReadonlyMap<string, number>;
  /** For `ip` lists: every entry as a range. */
  readonly ranges: IpRangeSet | undefined;
}

const tokenOf = (row: { created_at: string; version: number }) => `${row.created_at}#${row.version}`;

/** The in-memory lists of one process; implements the engine's {@link ListLookup}. */
export class ListSnapshots implements ListLookup {
  readonly #lists = new Map<string, Snapshot>();
  readonly #queues = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #refreshing: Promise<unknown> | undefined;

  constructor(private readonly deps: ListSnapshotsDeps) {}

  /** Loads every list and starts the periodic version check (a timer that never keeps the process alive). */
  async start(): Promise<void> {
    await this.refresh();
    const every = this.deps.refreshMs ?? DEFAULT_LIST_REFRESH_MS;
    if (every > 0 && !this.#timer) {
      this.#timer = setInterval(() => this.refreshQuietly(), every);
      this.#timer.unref();
    }
  }

  /** Stops the periodic check. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Compares every list's version with the one in memory and reloads those that moved, loads new
   * lists and drops deleted ones. Returns the names reloaded (or dropped).
   */
  async refresh(): Promise<string[]> {
    const rows = await repo.listVersions(this.deps.db);
    const stored = new Set(rows.map((r) => r.name));
    const moved = rows.filter((r) => this.#lists.get(r.name)?.token !== tokenOf(r)).map((r) => r.name);
    const gone = [...this.#lists.keys()].filter((name) => !stored.has(name));
    const names = [...moved, ...gone];
    await Promise.all(names.map((name) => this.reload(name)));
    return names;
  }

  /** Reloads one list now (after any reload of it already running); drops it when it no longer exists. */
  reload(name: string): Promise<void> {
    const previous = this.#queues.get(name) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.load(name));
    this.#queues.set(name, next);
    void next
      .finally(() => {
        if (this.#queues.get(name) === next) this.#queues.delete(name);
      })
      .catch(() => undefined);
    return next;
  }

  /** Reloads list `name` in the background after this process committed a change to it. */
  notify(name: string): void {
    this.reload(name).catch((error: unknown) =>
      this.deps.log?.warn(
        { list: name, err: error },
        'reloading a list after a change failed; the periodic refresh will retry',
      ),
    );
  }

  /** Names of the lists in memory. */
  names(): string[] {
    return [...this.#lists.keys()].sort();
  }

  /** Whether `value` is an unexpired entry of list `name` at `atMs` (exact match on the stored value). */
  inList(name: string, value: string, atMs: number): boolean {
    const expires = this.require(name).values.get(value);
    return expires !== undefined && expires > atMs;
  }

  /** Whether `ip` lies in an unexpired range or address of `ip` list `name` at `atMs`; false for a malformed ip. */
  ipIn(name: string, ip: string, atMs: number): boolean {
    const list = this.require(name);
    if (!list.ranges) throw new Error(`ip_in: list ${name} holds ${list.kind} values, not IP addresses`);
    return list.ranges.has(ip, atMs);
  }

  private require(name: string): Snapshot {
    const list = this.#lists.get(name);
    if (list) return list;
    // Policies name only lists that exist, so this one was created on another server moments ago:
    // look now rather than at the next period, and report the rule as failed meanwhile.
    this.refreshQuietly();
    throw new Error(`list ${name} is not loaded`);
  }

  private refreshQuietly(): void {
    this.#refreshing ??= this.refresh()
      .catch((error: unknown) =>
        this.deps.log?.warn({ err: error }, 'refreshing the lists failed; retrying at the next period'),
      )
      .finally(() => {
        this.#refreshing = undefined;
      });
  }

  private async load(name: string): Promise<void> {
    const { db } = this.deps;
    // The version first, then the entries: the entries are at least as new as the version recorded,
    // so a change committed in between is picked up by the next check instead of being missed.
    const row = await repo.findList(db, name);
    if (!row) {
      this.#lists.delete(name);
      return;
    }
    const entries = await repo.snapshotEntries(db, name);
    const values = new Map<string, number>();
    const ranges: TimedIpRange[] = [];
    for (const entry of entries) {
      const expiresMs = entry.expires_at === null ? Number.POSITIVE_INFINITY : Date.parse(entry.expires_at);
      values.set(entry.value, expiresMs);
      if (row.kind !== 'ip') continue;
      try {
        ranges.push({ range: parseIpRange(entry.value), expiresMs });
      } catch (error) {
        if (!(error instanceof IpParseError)) throw error;
        this.deps.log?.warn(
          { list: name, reason: error.reason },
          'an entry of an ip list is not a range; it is ignored',
        );
      }
    }
    this.#lists.set(name, {
      kind: row.kind,
      token: tokenOf(row),
      values,
      ranges: row.kind === 'ip' ? IpRangeSet.fromTimedRanges(ranges) : undefined,
    });
  }
}
