import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { CheckpointInvalid } from './errors.js';

/**
 * Exported checkpoints: a checkpoint signed with HMAC-SHA256 under the installation's audit key and
 * kept outside the database, so that a consistent rewrite of the whole chain (entries, head and stored
 * checkpoints) by someone with database access still fails verification against the file.
 */

/** A checkpoint as stored and as exported. */
export interface Checkpoint {
  readonly seq: number;
  readonly head_hash: string;
  readonly merkle_root: string;
  readonly created_at: string;
}

/** The exported, signed form of a checkpoint: a small file kept outside the database. */
export interface SignedCheckpoint extends Checkpoint {
  readonly format: 'fengkong-audit-checkpoint';
  readonly version: 1;
  /** First 16 hex digits of SHA-256(key): which key signed, without revealing it. */
  readonly key_id: string;
  /** HMAC-SHA256 over the canonical JSON of every other field, hex. */
  readonly signature: string;
}

/** Signs `cp` with `key`. */
export function signCheckpoint(cp: Checkpoint, key: string): SignedCheckpoint {
  const body = {
    format: 'fengkong-audit-checkpoint' as const,
    version: 1 as const,
    seq: cp.seq,
    head_hash: cp.head_hash,
    merkle_root: cp.merkle_root,
    created_at: cp.created_at,
    key_id: keyId(key),
  };
  return { ...body, signature: createHmac('sha256', key).update(canonicalJson(body)).digest('hex') };
}

/** Parses a checkpoint file and checks its signature under `key`; throws `FK_ERR_AUDIT_CHECKPOINT_INVALID`. */
export function readSignedCheckpoint(text: string, key: string): SignedCheckpoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw CheckpointInvalid('the checkpoint file is not JSON');
  }
  const cp = parsed as Partial<SignedCheckpoint> | null;
  if (
    cp === null ||
    typeof cp !== 'object' ||
    cp.format !== 'fengkong-audit-checkpoint' ||
    cp.version !== 1 ||
    !Number.isSafeInteger(cp.seq) ||
    (cp.seq ?? 0) < 1 ||
    typeof cp.head_hash !== 'string' ||
    typeof cp.merkle_root !== 'string' ||
    typeof cp.created_at !== 'string' ||
    typeof cp.key_id !== 'string' ||
    typeof cp.signature !== 'string'
  ) {
    throw CheckpointInvalid('the checkpoint file lacks a field or has one of the wrong type');
  }
  if (cp.key_id !== keyId(key)) throw CheckpointInvalid('the checkpoint was signed with another key');
  const { signature, ...body } = cp as SignedCheckpoint;
  const expected = createHmac('sha256', key).update(canonicalJson(body)).digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw CheckpointInvalid('the checkpoint signature does not match its content');
  }
  return cp as SignedCheckpoint;
}

/** First 16 hex digits of SHA-256(key): names the key without revealing it. */
function keyId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
