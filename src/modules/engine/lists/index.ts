/**
 * Block, allow and watch lists of the decision engine: the public surface the composition root, the
 * CLI and the decision path use. `createLists` wires the service, the installation's identifier
 * hasher, the four-eyes change kind and the in-memory snapshots that answer `in_list` / `ip_in`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import type { AuditLog } from '../../audit/index.js';
import type { ChangeKind, ChangeService } from '../../identity/changes/index.js';
import type { KeySource } from '../../identity/index.js';
import type { IdentifierHasher } from '../contracts.js';
import { installationHasher } from './hash-key.js';
import { type ListChange, listChangeKind } from './list-change.js';
import { type ListRouteDeps, listRoutes } from './routes.js';
import { ListService } from './service.js';
import { ListSnapshots } from './snapshot.js';

export type { ListChangeRequest } from './change-requests.js';
export type {
  EntryInput,
  EntryPage,
  EntryQuery,
  EntryResult,
  ImportOptions,
  ImportReport,
} from './entries.js';
export * from './errors.js';
export { IDENTIFIER_HASH_INFO, identifierHashKey, installationHasher } from './hash-key.js';
export type { ImportRow } from './import.js';
export { IpRangeSet, type TimedIpRange } from './ip-range-set.js';
export { formatRange, IpParseError, type IpRange, parseIpAddress, parseIpRange } from './ip-ranges.js';
export { LIST_CHANGE_OPS, type ListChange, ListChangeContent, listChangeKind } from './list-change.js';
export { type ListPatch, ListService, type ListServiceDeps, type NewList } from './service.js';
export { DEFAULT_LIST_REFRESH_MS, ListSnapshots, type ListSnapshotsDeps } from './snapshot.js';
export { isHashedKind, LIST_KINDS, LIST_PURPOSES, type ListKind, type ListPurpose } from './values.js';
export type { EntryView, ListView } from './views.js';

/** The lists of one process, as the composition root wires them. */
export interface Lists {
  readonly service: ListService;
  /** The engine's `ListLookup`: in-memory, refreshed after local commits and periodically. */
  readonly snapshots: ListSnapshots;
  /** Keyed hashing of identity numbers, phones and cards (also what events are normalised with). */
  readonly hasher: IdentifierHasher;
  /** `list.change`, to register in the change registry. */
  readonly changeKind: ChangeKind<ListChange>;
  /** Stops the periodic refresh. */
  stop(): void;
}

/** What `createLists` needs. */
export interface ListsDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly changes: ChangeService;
  /** Where the installation secret comes from (the identity module's `keySourceFor`). */
  readonly keySource: KeySource;
  /** Milliseconds between version checks of the snapshots (default 5 s; 0 for none). */
  readonly refreshMs?: number;
  readonly log?: { warn(details: object, message: string): void };
}

/** Wires the lists and loads every list into memory. */
export async function createLists(deps: ListsDeps): Promise<Lists> {
  const snapshots = new ListSnapshots({ db: deps.db, refreshMs: deps.refreshMs, log: deps.log });
  const hasher = installationHasher(deps.keySource, (path) =>
    deps.log?.warn(
      { path },
      'generated the installation key (identifier hashing, TOTP sealing): keep this file, back it up apart from the database, or set FENGKONG_SECRET_KEY',
    ),
  );
  const service = new ListService({
    db: deps.db,
    clock: deps.clock,
    audit: deps.audit,
    hasher,
    changes: deps.changes,
    onCommitted: (name) => snapshots.notify(name),
  });
  await snapshots.start();
  return { service, snapshots, hasher, changeKind: listChangeKind(service), stop: () => snapshots.stop() };
}

/** The module's HTTP surface: `/lists…` under the prefix it is registered with (`/api/v1`). */
export const listsPlugin: FastifyPluginAsync<{ deps: ListRouteDeps }> = async (app, opts) => {
  await app.register(listRoutes, { deps: opts.deps });
};
