import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../kernel/clock.js';
import type { Dialect } from '../../store/database.js';
import type { AuditCheckpointTable, AuditLogTable, Database } from '../../store/schema.js';
import { type Executor, transact } from '../../store/transaction.js';
import {
  type ChainBreak,
  type ChainPoint,
  ChainVerifier,
  canonicalRecord,
  chainHash,
  GENESIS_HASH,
} from './chain.js';
import { AuditEmpty, AuditKeyMissing } from './errors.js';
import { MerkleFrontier } from './merkle.js';
import { redactSecrets } from './redact.js';
import * as repo from './repo.js';
import {
  type Checkpoint,
  readSignedCheckpoint,
  type SignedCheckpoint,
  signCheckpoint,
} from './signed-checkpoint.js';

export type { Checkpoint, SignedCheckpoint } from './signed-checkpoint.js';

/** Who did something: a person, an integration's API key, or Fengkong itself. */
export interface Actor {
  readonly type: 'user' | 'api_key' | 'system';
  readonly id: string;
}

/** The system actor, for scheduled work, migrations and the demo loader. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ type: 'system', id: 'fengkong' });

/** What happened, as a module reports it. */
export interface AuditInput {
  readonly actor: Actor;
  /** Dotted verb, module first: `audit.checkpoint`, `user.create`, `policy.publish`. */
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly outcome?: 'success' | 'failure' | 'denied';
  /** Facts about the change; secret-named fields are redacted before hashing. */
  readonly payload?: Record<string, unknown>;
}

/** Whatever appends audit entries inside a transaction: the log itself, or an {@link AuditBatch}. */
export interface AuditAppender {
  append(trx: Executor, input: AuditInput): Promise<unknown>;
}

/** An entry as read back. */
export interface AuditEntry {
  readonly seq: number;
  readonly ts: string;
  readonly actor: Actor;
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly outcome: string;
  readonly payload: unknown;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The result of verifying the chain. */
export interface VerifyReport {
  readonly intact: boolean;
  /** Entries whose hash verified before the first break (all of them when intact). */
  readonly entries: number;
  readonly head: ChainPoint;
  readonly checkpoints_checked: number;
  readonly first_break: ChainBreak | null;
}

/** Dependencies of the audit log. */
export interface AuditDeps {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly clock: Clock;
  /** HMAC key for exported checkpoints (FENGKONG_AUDIT_KEY). */
  readonly checkpointKey?: string | undefined;
}

const SCAN_BATCH = 5000;
/*
 * The scans below give the event loop a turn before each batch: reading through better-sqlite3
 * settles every promise at once, so a scan of a long chain would otherwise hold the loop for its
 * whole length — no request answered, and no commit acknowledged, since the store acknowledges a
 * commit from the thread pool once the log is on disk (store/wal-sync.ts).
 */

/**
 * The tamper-evident audit log. Every module records its state changes through `append`, inside the
 * transaction that makes the change, so the change and its entry commit together or not at all.
 */
export class AuditLog {
  constructor(private readonly deps: AuditDeps) {}

  /**
   * Appends one entry inside `trx`. On PostgreSQL the head row is locked until `trx` ends, so
   * concurrent appenders queue and the chain stays linear; SQLite has a single writer anyway.
   */
  async append(trx: Executor, input: AuditInput): Promise<AuditEntry> {
    if (!trx.isTransaction) throw new Error('AuditLog.append must run inside a transaction');
    const [entry] = await this.appendMany(trx, [input]);
    if (!entry) throw new Error('AuditLog.append appended nothing');
    return entry;
  }

  /**
   * Appends several entries in order inside `trx`, chained exactly as the same number of `append`
   * calls would chain them, with one head read, multi-row inserts and one head update: the decision
   * engine's group commit writes hundreds of decisions a transaction, each with its own entry.
   */
  async appendMany(trx: Executor, inputs: readonly AuditInput[]): Promise<AuditEntry[]> {
    return (await this.#write(trx, inputs, 'appendMany')).map(toEntry);
  }

  /**
   * {@link appendMany} for callers that do not read the entries back (a batch of decisions): the
   * same rows, without parsing each payload again into the returned entries.
   */
  async appendAll(trx: Executor, inputs: readonly AuditInput[]): Promise<void> {
    await this.#write(trx, inputs, 'appendAll');
  }

  async #write(trx: Executor, inputs: readonly AuditInput[], method: string): Promise<AuditLogTable[]> {
    if (!trx.isTransaction) throw new Error(`AuditLog.${method} must run inside a transaction`);
    if (inputs.length === 0) return [];
    const head = await repo.readHead(trx, this.deps.dialect, true);
    const ts = isoUtc(this.deps.clock.now());
    let prev = head.hash;
    const rows: AuditLogTable[] = inputs.map((input, i) => {
      const row: Omit<AuditLogTable, 'hash'> = {
        seq: head.seq + 1 + i,
        ts,
        actor_type: storable(input.actor.type),
        actor_id: storable(input.actor.id),
        action: storable(input.action),
        target_type: storable(input.target.type),
        target_id: storable(input.target.id),
        outcome: storable(input.outcome ?? 'success'),
        payload: canonicalJson(redactSecrets(input.payload ?? {})),
        prev_hash: prev,
      };
      prev = chainHash(prev, canonicalRecord(row));
      return { ...row, hash: prev };
    });
    await repo.insertEntries(trx, rows);
    return rows;
  }

  /** Appends one entry in a transaction of its own (for events that change nothing else, e.g. a failed login). */
  record(input: AuditInput): Promise<AuditEntry> {
    return transact(this.deps.db, (trx) => this.append(trx, input));
  }

  /** A page of entries, newest first. */
  async list(query: repo.AuditQuery): Promise<AuditEntry[]> {
    return (await repo.queryEntries(this.deps.db, query)).map(toEntry);
  }

  /** One entry, or undefined. */
  async get(seq: number): Promise<AuditEntry | undefined> {
    const row = await repo.entryBySeq(this.deps.db, seq);
    return row && toEntry(row);
  }

  /** Every stored checkpoint, oldest first. */
  async checkpoints(): Promise<Checkpoint[]> {
    return (await repo.allCheckpoints(this.deps.db)).map(toCheckpoint);
  }

  /**
   * Recomputes the whole chain from the first entry: every link, every hash, the recorded head, every
   * checkpoint stored in the database, and `external` checkpoints (signed files) when given. Stops at
   * the first inconsistency and names its sequence number.
   */
  async verify(external: readonly Checkpoint[] = []): Promise<VerifyReport> {
    const stored = (await repo.allCheckpoints(this.deps.db)).map(toCheckpoint);
    const checks = [...stored, ...external].sort((a, b) => a.seq - b.seq);
    const head = await repo.readHead(this.deps.db, this.deps.dialect, false);
    const verifier = new ChainVerifier();
    const merkle = new MerkleFrontier();
    const lastCheck = checks.at(-1)?.seq ?? 0;
    // The chain hash at the head read above, for comparing with it once the scan has gone past it.
    let hashAtHead = head.seq === 0 ? GENESIS_HASH : undefined;
    let next = 0;
    let checked = 0;
    let after = 0;
    scan: for (;;) {
      await yieldToLoop();
      const batch = await repo.entriesAfter(this.deps.db, after, SCAN_BATCH);
      for (const e of batch) {
        const record = canonicalRecord(e);
        if (verifier.push(e, record)) break scan;
        if (e.seq === head.seq) hashAtHead = e.hash;
        if (e.seq <= lastCheck) merkle.add(record);
        while (next < checks.length && checks[next]!.seq === e.seq) {
          const cp = checks[next++]!;
          checked++;
          if (cp.head_hash !== e.hash || cp.merkle_root !== merkle.root()) {
            verifier.fail(
              e.seq,
              'checkpoint_mismatch',
              `the chain up to entry ${e.seq} differs from the checkpoint of ${cp.created_at}: it was rewritten`,
            );
            break scan;
          }
        }
        after = e.seq;
      }
      if (batch.length < SCAN_BATCH) break;
    }
    // A checkpoint beyond the last entry means entries that once existed are gone.
    const missed = checks[next];
    if (!verifier.firstBreak && missed && missed.seq > verifier.head.seq) {
      verifier.fail(
        verifier.head.seq + 1,
        'checkpoint_beyond_chain',
        `a checkpoint covers entry ${missed.seq} but the chain ends at ${verifier.head.seq}`,
      );
    }
    const broken = verifier.firstBreak ?? (await this.checkHead(verifier, head, hashAtHead));
    return {
      intact: broken === undefined,
      entries: verifier.verified,
      head: verifier.head,
      checkpoints_checked: checked,
      first_break: broken ?? null,
    };
  }

  /**
   * Compares the scanned chain with the recorded head. The head is read before the scan, which runs
   * in several queries while other transactions keep appending: entries beyond that head are
   * accepted when a head read after the scan records them (an append moves the head in its own
   * transaction), and reported as written around the application otherwise. Truncation is judged
   * against the head read before the scan only: every entry it names had committed by then.
   */
  private async checkHead(
    verifier: ChainVerifier,
    before: ChainPoint,
    hashAtBefore: string | undefined,
  ): Promise<ChainBreak | undefined> {
    const last = verifier.head.seq;
    if (last <= before.seq) return verifier.finish(before);
    if (hashAtBefore !== before.hash) {
      return verifier.fail(
        before.seq,
        'hash_mismatch',
        `the hash of entry ${before.seq} differs from the recorded head`,
      );
    }
    const after = await repo.readHead(this.deps.db, this.deps.dialect, false);
    // A head beyond the last scanned entry was moved by appends that committed after the scan.
    return after.seq <= last ? verifier.finish(after) : undefined;
  }

  /**
   * Records a checkpoint at the current head: verifies the entries since the previous checkpoint,
   * extends its Merkle frontier, stores the result (with an audit entry of its own, which falls after
   * the checkpoint it records) and returns it. Refuses to anchor a broken chain.
   */
  async checkpoint(): Promise<Checkpoint> {
    return transact(this.deps.db, async (trx) => {
      const head = await repo.readHead(trx, this.deps.dialect, true);
      if (head.seq === 0) throw AuditEmpty();
      const previous = await repo.latestCheckpoint(trx);
      if (previous && previous.seq === head.seq) return toCheckpoint(previous);
      const start: ChainPoint = previous
        ? { seq: previous.seq, hash: previous.head_hash }
        : { seq: 0, hash: GENESIS_HASH };
      const merkle = previous
        ? new MerkleFrontier(previous.seq, JSON.parse(previous.frontier) as string[])
        : new MerkleFrontier();
      const verifier = new ChainVerifier(start);
      let after = start.seq;
      for (;;) {
        await yieldToLoop();
        const batch = await repo.entriesAfter(trx, after, SCAN_BATCH);
        for (const e of batch) {
          if (e.seq > head.seq) break;
          const record = canonicalRecord(e);
          if (verifier.push(e, record)) break;
          merkle.add(record);
          after = e.seq;
        }
        if (verifier.firstBreak || batch.length < SCAN_BATCH || after >= head.seq) break;
      }
      const broken = verifier.firstBreak ?? verifier.finish(head);
      if (broken)
        throw new Error(`audit chain broken at entry ${broken.seq} (${broken.reason}); not checkpointing`);
      const cp: AuditCheckpointTable = {
        seq: head.seq,
        head_hash: head.hash,
        merkle_root: merkle.root(),
        frontier: JSON.stringify(merkle.frontier()),
        created_at: isoUtc(this.deps.clock.now()),
      };
      await repo.insertCheckpoint(trx, cp);
      await this.append(trx, {
        actor: SYSTEM_ACTOR,
        action: 'audit.checkpoint',
        target: { type: 'audit_checkpoint', id: String(cp.seq) },
        payload: { seq: cp.seq, head_hash: cp.head_hash, merkle_root: cp.merkle_root },
      });
      return toCheckpoint(cp);
    });
  }

  /** Whether a checkpoint key is configured. */
  get canSign(): boolean {
    return Boolean(this.deps.checkpointKey);
  }

  /** Signs a checkpoint for export with the configured key. */
  sign(cp: Checkpoint): SignedCheckpoint {
    return signCheckpoint(cp, this.requireKey());
  }

  /** Parses an exported checkpoint file and checks its signature; throws `FK_ERR_AUDIT_CHECKPOINT_INVALID`. */
  readSigned(text: string): SignedCheckpoint {
    return readSignedCheckpoint(text, this.requireKey());
  }

  private requireKey(): string {
    if (!this.deps.checkpointKey) throw AuditKeyMissing();
    return this.deps.checkpointKey;
  }
}

/**
 * Entries gathered during a transaction and appended together at its end with one
 * {@link AuditLog.appendAll} — in the order given, chained exactly as that many `append` calls would
 * chain them, with one head read and update instead of one each. For work that records many changes
 * in one transaction (the applications of a batch of decisions). Call {@link flush} before the
 * transaction commits.
 */
export class AuditBatch implements AuditAppender {
  #inputs: AuditInput[] = [];

  constructor(private readonly log: AuditLog) {}

  async append(trx: Executor, input: AuditInput): Promise<void> {
    if (!trx.isTransaction) throw new Error('AuditBatch.append must run inside a transaction');
    this.#inputs.push(input);
  }

  /** Appends the gathered entries inside `trx`. */
  flush(trx: Executor): Promise<void> {
    const inputs = this.#inputs;
    this.#inputs = [];
    return this.log.appendAll(trx, inputs);
  }
}

/**
 * Text as both databases give it back. A lone UTF-16 surrogate has no UTF-8 form: the drivers store
 * replacement bytes instead (one U+FFFD through pg, three through better-sqlite3), so hashing the
 * string as given would make an untouched entry fail verification. PostgreSQL refuses NUL in text.
 * Both become U+FFFD before the entry is hashed, so what is stored is exactly what was hashed.
 */
function storable(text: string): string {
  // Most text has no surrogate or NUL at all: one quick scan, and only then the exact replacement
  // (which leaves well-formed pairs alone).
  return MAYBE_UNSTORABLE.test(text) ? text.replace(/\p{Surrogate}|\0/gu, '\uFFFD') : text;
}

const MAYBE_UNSTORABLE = /[\ud800-\udfff\0]/;

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: row.seq,
    ts: row.ts,
    actor: { type: row.actor_type as Actor['type'], id: row.actor_id },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    outcome: row.outcome,
    payload: JSON.parse(row.payload) as unknown,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

function toCheckpoint(row: AuditCheckpointTable): Checkpoint {
  return { seq: row.seq, head_hash: row.head_hash, merkle_root: row.merkle_root, created_at: row.created_at };
}
