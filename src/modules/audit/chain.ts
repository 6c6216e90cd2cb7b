import { hash } from 'node:crypto';

/**
 * The hash chain of the audit log, pure: how a stored entry is turned into its canonical record and
 * hashed, and how a sequence of entries is checked. Knows nothing of SQL, so verification of the
 * database, of a backup file and of property tests all run this same code.
 *
 * hash(n) = SHA-256( hex-decoded hash(n-1) ‖ UTF-8 canonical record(n) ), with hash(0) = 32 zero bytes.
 * The canonical record is the RFC 8785 form of
 * `{action, actor:{id,type}, outcome, payload, seq, target:{id,type}, ts}`, where `payload` is
 * already canonical JSON text and is inserted as is.
 */

/** The fields of an entry that its hash covers, as stored. */
export interface ChainEntry {
  readonly seq: number;
  readonly ts: string;
  readonly actor_type: string;
  readonly actor_id: string;
  readonly action: string;
  readonly target_type: string;
  readonly target_id: string;
  readonly outcome: string;
  /** Canonical JSON text. */
  readonly payload: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

const HEX64 = /^[0-9a-f]{64}$/;

/** The canonical record of an entry: the bytes its hash and its Merkle leaf cover. */
export function canonicalRecord(e: Omit<ChainEntry, 'prev_hash' | 'hash'>): string {
  // Keys are written in RFC 8785 order (sorted by UTF-16 code units) by hand, to avoid re-parsing
  // the payload on the verification path.
  return (
    `{"action":${JSON.stringify(e.action)},"actor":{"id":${JSON.stringify(e.actor_id)},"type":${JSON.stringify(e.actor_type)}},` +
    `"outcome":${JSON.stringify(e.outcome)},"payload":${e.payload},"seq":${e.seq},` +
    `"target":{"id":${JSON.stringify(e.target_id)},"type":${JSON.stringify(e.target_type)}},"ts":${JSON.stringify(e.ts)}}`
  );
}

/**
 * The bytes being hashed are assembled in one reused buffer and hashed with the one-shot
 * `crypto.hash`: verification does this a million times in a row, and a Hash object plus two Buffers
 * per entry cost more than SHA-256 itself. Module-private and only used synchronously.
 */
let scratch = Buffer.allocUnsafe(4096);

/** hash(n) from hash(n-1) and the canonical record of entry n. */
export function chainHash(prevHash: string, record: string): string {
  // Hex text decodes to at most half its length in bytes; one UTF-16 code unit is at most 3 UTF-8 bytes.
  const need = Math.ceil(prevHash.length / 2) + record.length * 3;
  if (scratch.length < need) scratch = Buffer.allocUnsafe(Math.max(need, scratch.length * 2));
  // Same bytes as Buffer.from(prevHash, 'hex') followed by the UTF-8 of the record.
  const prevBytes = scratch.write(prevHash, 0, 'hex');
  const end = prevBytes + scratch.write(record, prevBytes, 'utf8');
  return hash('sha256', scratch.subarray(0, end), 'hex');
}

/** Why verification stopped. */
export type BreakReason =
  | 'missing_entry'
  | 'unexpected_seq'
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  | 'malformed_entry'
  | 'truncated'
  | 'entries_beyond_head'
  | 'checkpoint_mismatch'
  | 'checkpoint_beyond_chain';

/** The first place where the chain is inconsistent. */
export interface ChainBreak {
  /** The sequence number that should have been at the broken position. */
  readonly seq: number;
  readonly reason: BreakReason;
  readonly detail: string;
}

/** A known-good point of the chain: after entry `seq`, the chain hash was `hash`. */
export interface ChainPoint {
  readonly seq: number;
  readonly hash: string;
}

/**
 * Checks entries one at a time, in storage order (ascending sequence). The first break is kept and
 * later entries are ignored. Sequence numbers start at 1 and have no gaps, so a deleted entry shows
 * as `missing_entry` at its own number, an altered one as `hash_mismatch` at its number, and a
 * reordering at the first position that holds the wrong entry.
 */
export class ChainVerifier {
  private expectedSeq: number;
  private prevHash: string;
  /** Whether `prevHash` is 64 lowercase hex digits (a start point could be anything). */
  private prevWellFormed: boolean;
  private broken: ChainBreak | undefined;
  private count = 0;

  constructor(start: ChainPoint = { seq: 0, hash: GENESIS_HASH }) {
    this.expectedSeq = start.seq + 1;
    this.prevHash = start.hash;
    this.prevWellFormed = HEX64.test(start.hash);
  }

  /** Number of entries that verified. */
  get verified(): number {
    return this.count;
  }

  /** The last verified point of the chain. */
  get head(): ChainPoint {
    return { seq: this.expectedSeq - 1, hash: this.prevHash };
  }

  /** The first break found, if any. */
  get firstBreak(): ChainBreak | undefined {
    return this.broken;
  }

  /**
   * Checks the next entry; returns the break if this entry is the first inconsistent one. `record`,
   * when given, must be `canonicalRecord(e)`: callers that also feed the Merkle tree compute it once.
   */
  push(e: ChainEntry, record?: string): ChainBreak | undefined {
    if (this.broken) return this.broken;
    const seq = this.expectedSeq;
    // The common case is decided on equality alone: the expected number, linked to the verified hash
    // before it (which makes prev_hash well-formed). Anything else takes the full checks, in their
    // order, and a hash that does not match is classified below, so every break is reported exactly
    // as by checking each field in turn; only the regular-expression tests of good entries are saved.
    const linked =
      e.seq === seq && Number.isSafeInteger(seq) && this.prevWellFormed && e.prev_hash === this.prevHash;
    if (!linked) {
      if (!Number.isSafeInteger(e.seq) || !HEX64.test(e.hash) || !HEX64.test(e.prev_hash)) {
        return this.malformed(seq);
      }
      if (e.seq !== seq) {
        return e.seq > seq
          ? this.fail(seq, 'missing_entry', `entry ${seq} is missing (next stored entry is ${e.seq})`)
          : this.fail(seq, 'unexpected_seq', `expected entry ${seq}, found entry ${e.seq}`);
      }
      if (e.prev_hash !== this.prevHash) {
        return this.fail(seq, 'prev_hash_mismatch', `entry ${seq} does not link to entry ${seq - 1}`);
      }
    }
    let recomputed: string;
    try {
      recomputed = chainHash(e.prev_hash, record ?? canonicalRecord(e));
    } catch {
      if (!HEX64.test(e.hash)) return this.malformed(seq);
      return this.fail(seq, 'malformed_entry', `entry ${seq} cannot be hashed`);
    }
    if (recomputed !== e.hash) {
      if (!HEX64.test(e.hash)) return this.malformed(seq);
      return this.fail(seq, 'hash_mismatch', `entry ${seq} was altered: its content does not match its hash`);
    }
    // Equal to a SHA-256 hex digest, so well-formed: the next entry can take the fast path.
    this.prevHash = e.hash;
    this.prevWellFormed = true;
    this.expectedSeq = seq + 1;
    this.count++;
    return undefined;
  }

  private malformed(seq: number): ChainBreak {
    return this.fail(
      seq,
      'malformed_entry',
      `entry at position ${seq} has a malformed sequence number or hash`,
    );
  }

  /**
   * Ends verification against the recorded head: fewer entries than the head names is truncation,
   * more is entries written around the application.
   */
  finish(expectedHead: ChainPoint | undefined): ChainBreak | undefined {
    if (this.broken || !expectedHead) return this.broken;
    const last = this.expectedSeq - 1;
    if (last < expectedHead.seq) {
      return this.fail(
        last + 1,
        'truncated',
        `the chain ends at ${last} but its head records ${expectedHead.seq}`,
      );
    }
    if (last > expectedHead.seq) {
      return this.fail(
        expectedHead.seq + 1,
        'entries_beyond_head',
        `entries after ${expectedHead.seq} are not recorded in the head`,
      );
    }
    if (this.prevHash !== expectedHead.hash) {
      return this.fail(last, 'hash_mismatch', `the hash of entry ${last} differs from the recorded head`);
    }
    return undefined;
  }

  /** Records a break found by a check outside the chain itself (a checkpoint). */
  fail(seq: number, reason: BreakReason, detail: string): ChainBreak {
    this.broken ??= { seq, reason, detail };
    return this.broken;
  }
}
