/**
 * Test support for the list tests (kept out of the build): random IP ranges and addresses with a
 * brute-force membership oracle that shares no code with the implementation, and a list service
 * over a test database with its four eyes and snapshots.
 */

import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { ManualClock } from '../../../kernel/clock.js';
import { FkError } from '../../../kernel/errors.js';
import type { Store } from '../../../store/database.js';
import { type Database, TABLES } from '../../../store/schema.js';
import { AuditLog } from '../../audit/index.js';
import { type ChangeCaller, ChangeRegistry, ChangeService } from '../../identity/changes/index.js';
import type { IdentifierHasher } from '../contracts.js';
import { createIdentifierHasher } from '../events/hasher.js';
import { formatAddress, type IpFamily } from './ip-ranges.js';
import { listChangeKind } from './list-change.js';
import { ListService } from './service.js';
import { ListSnapshots } from './snapshot.js';

/** Bits per family. */
export const BITS = { 4: 32, 6: 128 } as const;
/** The IPv4-mapped prefix ::ffff:0:0/96 as a 128-bit value. */
export const MAPPED = 0xffffn << 32n;

/** A range as the oracle sees it. */
export interface RawRange {
  family: IpFamily;
  network: bigint;
  prefix: number;
}

/** Random ranges of one family with host bits cleared. */
export const rawRange = (family: IpFamily) =>
  fc
    .record({
      value: fc.bigInt({ min: 0n, max: (1n << BigInt(BITS[family])) - 1n }),
      prefix: fc.nat(BITS[family]),
    })
    .map(({ value, prefix }): RawRange => {
      const host = BigInt(BITS[family] - prefix);
      return { family, network: (value >> host) << host, prefix };
    });
/** A random IPv4 or IPv6 range. */
export const anyRange = fc.oneof(rawRange(4), rawRange(6));
/** The range as `network/prefix` text. */
export const rangeText = (r: RawRange) => `${formatAddress(r.family, r.network)}/${r.prefix}`;

/** Brute-force oracle: compare the top `prefix` bits in the common 128-bit space (IPv4 mapped). */
export function oracle(r: RawRange, family: IpFamily, value: bigint): boolean {
  const to128 = (f: IpFamily, v: bigint) => (f === 4 ? MAPPED | v : v);
  const prefix = r.family === 4 ? r.prefix + 96 : r.prefix;
  const shift = BigInt(128 - prefix);
  return to128(r.family, r.network) >> shift === to128(family, value) >> shift;
}

/** Addresses that are often near the given ranges, so that hits and near-misses both occur. */
export const addressNear = (ranges: RawRange[]) =>
  fc.oneof(
    fc.bigInt({ min: 0n, max: 0xffffffffn }).map((value) => ({ family: 4 as IpFamily, value })),
    fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((value) => ({ family: 6 as IpFamily, value })),
    fc
      .tuple(fc.nat(Math.max(ranges.length - 1, 0)), fc.bigInt({ min: -2n, max: 1n << 20n }))
      .map(([i, offset]) => {
        const r = ranges[i] ?? { family: 4 as IpFamily, network: 0n, prefix: 0 };
        const max = (1n << BigInt(BITS[r.family])) - 1n;
        const v = r.network + offset;
        return { family: r.family, value: v < 0n ? 0n : v > max ? max : v };
      }),
  );

/** The key the list tests hash identifiers under (test-only). */
export const TEST_HASH_KEY = new TextEncoder().encode('test-only identifier hashing key 0123456789');

/** A person with exactly `permissions`. */
export function person(id: string, permissions: readonly string[]): ChangeCaller {
  return { actor: { type: 'user', id }, permissions: new Set(permissions) };
}

/** A risk officer (maker of list changes) and an approver, as their roles define them. */
export const OFFICER = person('u-officer', ['list:read', 'list:write', 'change:submit', 'change:read']);
export const APPROVER = person('u-approver', ['list:read', 'change:read', 'change:approve']);

/** A list service over a test store, with four eyes and snapshots, and a clock the test moves. */
export interface ListHarness {
  readonly clock: ManualClock;
  readonly audit: AuditLog;
  readonly hasher: IdentifierHasher;
  readonly changes: ChangeService;
  readonly snapshots: ListSnapshots;
  readonly service: ListService;
  readonly db: Kysely<Database>;
  /** Waits until the reloads announced so far have finished. */
  settle(): Promise<void>;
}

/** Builds the lists of one process over `store` (snapshots loaded, no timer). */
export async function listHarness(store: Store): Promise<ListHarness> {
  const clock = new ManualClock('2026-03-01T08:00:00.000Z');
  const audit = new AuditLog({ db: store.db, dialect: store.dialect, clock });
  const kinds = new ChangeRegistry();
  const changes = new ChangeService({ db: store.db, clock, audit, kinds });
  const hasher = createIdentifierHasher(TEST_HASH_KEY);
  const snapshots = new ListSnapshots({ db: store.db, refreshMs: 0 });
  const pending: Promise<void>[] = [];
  const service = new ListService({
    db: store.db,
    clock,
    audit,
    hasher,
    changes,
    onCommitted: (name) => {
      pending.push(snapshots.reload(name));
    },
  });
  kinds.register(listChangeKind(service));
  await snapshots.start();
  return {
    clock,
    audit,
    hasher,
    changes,
    snapshots,
    service,
    db: store.db,
    settle: async () => {
      await Promise.all(pending.splice(0));
    },
  };
}

/** How many audit entries have `action`. */
export async function auditCount(audit: AuditLog, action: string): Promise<number> {
  return (await audit.list({ action, limit: 10_000 })).length;
}

/**
 * Every text stored in the database: each column of each table, as text. What a test scans for a
 * clear identifier that must never be stored.
 */
export async function everyStoredText(db: Kysely<Database>): Promise<string> {
  const parts: string[] = [];
  for (const { name } of TABLES) {
    const rows = await db.selectFrom(name).selectAll().execute();
    for (const row of rows)
      for (const value of Object.values(row)) if (value !== null) parts.push(String(value));
  }
  return parts.join('\n');
}

/** The code of the catalogued error `work` throws (fails the test when it does not throw one). */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof FkError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}
