/**
 * The Fengkong backup format, version 1: one gzip-compressed NDJSON file, the same for both dialects.
 *
 * - line 1, the header: `{"created_at":…,"dialect":…,"format":"fengkong-backup","migrations":[…],"version":1}`;
 * - then every table of `TABLES`, in that order (which satisfies foreign keys when restoring), its
 *   rows in `orderBy` order, one per line: `{"t":"audit_log","r":{…}}` with portable values only;
 * - last line, the manifest: `{"manifest":{…}}` with each table's row count and checksum (see
 *   `TableDigest`), the audit chain head, the number of lines before it and a SHA-256 over those
 *   lines' exact bytes (each with its `\n`), and, when a key is configured, an HMAC-SHA256 over the
 *   rest of the manifest. The overall hash covers the header and every row line, so the HMAC covers
 *   the whole file: someone who edits rows and recomputes every checksum still needs the key.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../../kernel/canonical-json.js';
import type { Dialect } from '../database.js';
import { type BackupRow, isBackupRow } from './checksum.js';
import { BackupDamaged, BackupRefused, bilingual } from './errors.js';

/** The `format` field of every header. */
export const BACKUP_FORMAT = 'fengkong-backup';
/** The version this code writes and reads. */
export const BACKUP_VERSION = 1;

/** The first line of a backup. */
export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  /** When the snapshot was taken, UTC ISO-8601. */
  readonly created_at: string;
  /** The dialect of the source database (informative: the content is the same for both). */
  readonly dialect: Dialect;
  /** Migrations applied to the source, in the order the code applies them. */
  readonly migrations: readonly string[];
}

/** One table as the manifest records it. */
export interface ManifestTable {
  readonly name: string;
  readonly rows: number;
  readonly sha256: string;
}

/** The HMAC of a manifest and which key made it. */
export interface ManifestSignature {
  /** First 16 hex digits of SHA-256(key), as for exported audit checkpoints. */
  readonly key_id: string;
  readonly hmac_sha256: string;
}

/** The last line of a backup. */
export interface BackupManifest {
  readonly tables: readonly ManifestTable[];
  /** The audit chain head in the snapshot. */
  readonly audit_head: { readonly seq: number; readonly hash: string };
  /** How many lines precede the manifest (the header included). */
  readonly lines: number;
  /** SHA-256 over the exact bytes of every preceding line, each with its newline. */
  readonly sha256: string;
  readonly signature?: ManifestSignature;
}

/** A row line, parsed. */
export interface RowLine {
  readonly t: string;
  readonly r: BackupRow;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Text of a row line; `rowJson` is the row's canonical JSON, reused from the checksum. */
export function rowLine(table: string, rowJson: string): string {
  return `{"t":${JSON.stringify(table)},"r":${rowJson}}`;
}

/** Text of the header line. */
export function headerLine(header: BackupHeader): string {
  return canonicalJson(header);
}

/** Text of the manifest line. */
export function manifestLine(manifest: BackupManifest): string {
  return canonicalJson({ manifest });
}

/** Which key signed, without revealing it. */
export function keyId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

// The format name is inside the signed text so that an HMAC made for another Fengkong artefact with
// the same key (an audit checkpoint) can never pass as a backup's.
function manifestMac(manifest: BackupManifest, key: string): Buffer {
  const { signature: _ignored, ...body } = manifest;
  return createHmac('sha256', key)
    .update(canonicalJson({ format: BACKUP_FORMAT, manifest: body }))
    .digest();
}

/** The manifest with its HMAC-SHA256 signature added. */
export function signManifest(manifest: BackupManifest, key: string): BackupManifest {
  return {
    ...manifest,
    signature: { key_id: keyId(key), hmac_sha256: manifestMac(manifest, key).toString('hex') },
  };
}

/** How the signature of a backup was dealt with. */
export type SignatureStatus = 'verified' | 'unsigned' | 'not_checked';

/**
 * Checks the manifest's signature against `key`. With a key, an unsigned manifest is refused too:
 * otherwise stripping the signature would be enough to pass off a rewritten backup.
 */
export function checkSignature(manifest: BackupManifest, key: string | undefined): SignatureStatus {
  const sig = manifest.signature;
  if (!key) return sig ? 'not_checked' : 'unsigned';
  if (!sig) {
    throw BackupDamaged(
      bilingual(
        'the backup is not signed, but FENGKONG_AUDIT_KEY is set, so its checksums could have been recomputed after a change; unset the key to restore an unsigned backup deliberately',
        '备份未签名，而已配置 FENGKONG_AUDIT_KEY，其校验和可能在改动后被重新计算；如确需恢复未签名备份，请先取消该密钥',
      ),
    );
  }
  if (sig.key_id !== keyId(key)) {
    throw BackupDamaged(
      bilingual(
        `the backup was signed with another key (key id ${sig.key_id}, configured ${keyId(key)})`,
        `备份由另一个密钥签名（密钥标识 ${sig.key_id}，当前配置 ${keyId(key)}）`,
      ),
    );
  }
  const given = Buffer.from(sig.hmac_sha256, 'hex');
  const expected = manifestMac(manifest, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw BackupDamaged(
      bilingual(
        'the manifest signature does not match: the backup was changed after it was signed',
        '清单签名不匹配：备份在签名后被改动',
      ),
    );
  }
  return 'verified';
}

function damaged(line: number, en: string, zh: string): Error {
  return BackupDamaged(bilingual(`line ${line}: ${en}`, `第 ${line} 行：${zh}`));
}

/** Validates the first line. A valid gzip file whose first line is something else is not a backup. */
export function parseHeader(value: unknown): BackupHeader {
  const h = value as Partial<BackupHeader> | null;
  if (h === null || typeof h !== 'object' || h.format !== BACKUP_FORMAT) {
    throw damaged(
      1,
      `not a Fengkong backup (no "${BACKUP_FORMAT}" header)`,
      '不是风控系统的备份文件（缺少备份文件头）',
    );
  }
  if (h.version !== BACKUP_VERSION) {
    throw BackupRefused(
      bilingual(
        `backup format version ${String(h.version)} is not supported; this Fengkong reads version ${BACKUP_VERSION}`,
        `不支持备份格式版本 ${String(h.version)}；当前版本只能读取版本 ${BACKUP_VERSION}`,
      ),
    );
  }
  if (
    typeof h.created_at !== 'string' ||
    (h.dialect !== 'sqlite' && h.dialect !== 'postgres') ||
    !Array.isArray(h.migrations) ||
    h.migrations.length === 0 ||
    !h.migrations.every((m) => typeof m === 'string')
  ) {
    throw damaged(1, 'the header lacks a field or has one of the wrong type', '文件头缺少字段或字段类型错误');
  }
  return h as BackupHeader;
}

/** Whether a parsed line is the manifest line. */
export function isManifestLine(value: unknown): value is { manifest: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'manifest' in value;
}

/** Validates a row line. */
export function parseRowLine(value: unknown, line: number): RowLine {
  const v = value as Partial<RowLine> | null;
  if (v === null || typeof v !== 'object' || typeof v.t !== 'string' || !isBackupRow(v.r)) {
    throw damaged(line, 'not a valid row line', '不是有效的数据行');
  }
  return v as RowLine;
}

/** Validates the manifest found on `line`. */
export function parseManifest(value: unknown, line: number): BackupManifest {
  const m = value as Partial<BackupManifest> | null;
  const bad = () =>
    damaged(line, 'the manifest lacks a field or has one of the wrong type', '清单缺少字段或字段类型错误');
  if (m === null || typeof m !== 'object' || !Array.isArray(m.tables)) throw bad();
  const tablesOk = m.tables.every(
    (t: Partial<ManifestTable> | null) =>
      t !== null &&
      typeof t === 'object' &&
      typeof t.name === 'string' &&
      Number.isSafeInteger(t.rows) &&
      typeof t.sha256 === 'string' &&
      HEX64.test(t.sha256),
  );
  const head = m.audit_head;
  const headOk =
    head !== null &&
    typeof head === 'object' &&
    Number.isSafeInteger(head.seq) &&
    typeof head.hash === 'string';
  const sig = m.signature;
  const sigOk =
    sig === undefined ||
    (sig !== null &&
      typeof sig === 'object' &&
      typeof sig.key_id === 'string' &&
      typeof sig.hmac_sha256 === 'string');
  if (!tablesOk || !headOk || !sigOk || !Number.isSafeInteger(m.lines) || typeof m.sha256 !== 'string')
    throw bad();
  return m as BackupManifest;
}
