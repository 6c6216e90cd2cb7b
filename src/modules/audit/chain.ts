import { createHash } from 'node:crypto';

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

/** hash(n) from hash(n-1) and the canonical record of entry n. */
export function chainHash(prevHash: string, record: string): string {
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(record, 'utf8').digest('hex');
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
  private broken: ChainBreak | undefined;
  private count = 0;

  constructor(start: ChainPoint = { seq: 0, hash: GENESIS_HASH }) {
    this.expectedSeq = start.seq + 1;
    this.prevHash = start.hash;
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

  /** Checks the next entry; returns the break if this entry is the first inconsistent one. */
  push(e: ChainEntry): ChainBreak | undefined {
    if (this.broken) return this.broken;
    const seq = this.expectedSeq;
    if (!Number.isSafeInteger(e.seq) || !HEX64.test(e.hash) || !HEX64.test(e.prev_hash)) {
      return this.fail(
        seq,
        'malformed_entry',
        `entry at position ${seq} has a malformed sequence number or hash`,
      );
    }
    if (e.seq !== seq) {
      return e.seq > seq
        ? this.fail(seq, 'missing_entry', `entry ${seq} is missing (next stored entry is ${e.seq})`)
        : this.fail(seq, 'unexpected_seq', `expected entry ${seq}, found entry ${e.seq}`);
    }
    if (e.prev_hash !== this.prevHash) {
      return this.fail(seq, 'prev_hash_mismatch', `entry ${seq} does not link to entry ${seq - 1}`);
    }
    let recomputed: string;
    try {
      recomputed = chainHash(e.prev_hash, canonicalRecord(e));
    } catch {
      return this.fail(seq, 'malformed_entry', `entry ${seq} cannot be hashed`);
    }
    if (recomputed !== e.hash) {
      return this.fail(seq, 'hash_mismatch', `entry ${seq} was altered: its content does not match its hash`);
    }
    this.prevHash = e.hash;
    this.expectedSeq = seq + 1;
    this.count++;
    return undefined;
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
