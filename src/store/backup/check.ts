import { createHash } from 'node:crypto';
import { breakMessage, type ChainEntry, ChainVerifier } from '../../modules/audit/index.js';
import { MIGRATIONS } from '../migrations/index.js';
import { TABLES } from '../schema.js';
import { type TableChecksum, TableDigest } from './checksum.js';
import { BackupDamaged, BackupRefused, bilingual } from './errors.js';
import {
  type BackupHeader,
  type BackupManifest,
  checkSignature,
  isManifestLine,
  parseHeader,
  parseManifest,
  parseRowLine,
  type SignatureStatus,
} from './format.js';
import { readLines } from './lines.js';

/** A backup file that passed every check. */
export interface CheckedBackup {
  readonly header: BackupHeader;
  readonly manifest: BackupManifest;
  readonly signature: SignatureStatus;
  /** Rows in the file, all tables together. */
  readonly rows: number;
}

/** Options of `checkBackup`. */
export interface CheckOptions {
  /** FENGKONG_AUDIT_KEY: when set, the manifest must carry a valid HMAC made with it. */
  readonly key?: string | undefined;
  /** Called as rows are checked, with the number of lines read. */
  readonly onProgress?: (done: number) => void;
}

function damaged(en: string, zh: string): Error {
  return BackupDamaged(bilingual(en, zh));
}

/**
 * Reads the whole file and checks everything it claims before anything is written anywhere: gzip
 * integrity (zlib's CRC-32), the header, that every line parses, that each table's rows come
 * together in `TABLES` order, each table's row count and checksum, the line count and overall hash,
 * the HMAC when a key is given, and that the audit rows form an unbroken chain ending at the head
 * the manifest names. Checks run from the most specific to the most general so the message names
 * the first thing that is actually wrong. Also refuses, right after the header, a backup of another
 * schema version than this code's.
 */
export async function checkBackup(file: string, options: CheckOptions = {}): Promise<CheckedBackup> {
  const overall = createHash('sha256');
  const known = new Map(TABLES.map((t, i) => [t.name as string, i]));
  const counted = new Map<string, TableChecksum>();
  const chain = new ChainVerifier();
  let header: BackupHeader | undefined;
  let manifest: BackupManifest | undefined;
  let current: { name: string; digest: TableDigest } | undefined;
  let lines = 0;
  let auditHead: { seq: number; hash: string } | undefined;

  const endTable = () => {
    if (current) counted.set(current.name, current.digest.finish());
    current = undefined;
  };

  for await (const line of readLines(file)) {
    if (line.unterminated) {
      throw damaged(
        `line ${line.no} is cut short: the file is truncated`,
        `第 ${line.no} 行不完整：文件被截断`,
      );
    }
    if (manifest)
      throw damaged(`line ${line.no}: data after the manifest`, `第 ${line.no} 行：清单之后仍有数据`);
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      throw damaged(`line ${line.no} is not valid JSON`, `第 ${line.no} 行不是有效的 JSON`);
    }
    if (line.no === 1) {
      header = parseHeader(value);
      refuseOtherSchemaVersion(header);
    } else if (isManifestLine(value)) {
      endTable();
      manifest = parseManifest(value.manifest, line.no);
      continue;
    } else {
      const row = parseRowLine(value, line.no);
      if (current?.name !== row.t) {
        endTable();
        const position = known.get(row.t);
        if (position === undefined) {
          throw damaged(`line ${line.no}: unknown table ${row.t}`, `第 ${line.no} 行：未知数据表 ${row.t}`);
        }
        const previous = [...counted.keys()].at(-1);
        if (counted.has(row.t) || (previous !== undefined && (known.get(previous) ?? 0) > position)) {
          throw damaged(
            `line ${line.no}: rows of table ${row.t} are out of place`,
            `第 ${line.no} 行：数据表 ${row.t} 的数据位置错乱`,
          );
        }
        current = { name: row.t, digest: new TableDigest() };
      }
      current.digest.add(row.r);
      // Rows are validated as strings / integers / null; the verifier checks the rest.
      if (row.t === 'audit_log') chain.push(row.r as unknown as ChainEntry);
      if (row.t === 'audit_head' && row.r['id'] === 1) {
        auditHead = { seq: Number(row.r['seq']), hash: String(row.r['hash']) };
      }
      if (line.no % 1000 === 0) options.onProgress?.(line.no);
    }
    overall.update(line.raw).update('\n');
    lines++;
  }
  if (!header) throw damaged('the file is empty', '文件为空');
  if (!manifest) {
    throw damaged(
      'the backup ends before its manifest: the file is truncated',
      '备份在清单之前结束：文件被截断',
    );
  }
  compareTables(manifest, counted);
  if (manifest.lines !== lines || manifest.sha256 !== overall.digest('hex')) {
    throw damaged(
      'the overall hash does not match the file: lines were changed, added or removed',
      '整体哈希与文件不符：有行被改动、增加或删除',
    );
  }
  const signature = checkSignature(manifest, options.key);
  checkChain(chain, manifest, auditHead);
  return { header, manifest, signature, rows: manifest.tables.reduce((n, t) => n + t.rows, 0) };
}

/**
 * A backup restores into the schema version it was taken at, which must be this code's: rows of an
 * older version would need the migrations in between applied after them, and `migrate()` only goes
 * to the latest (see the report); a newer or foreign version has tables this code does not know.
 */
function refuseOtherSchemaVersion(header: BackupHeader): void {
  const code = MIGRATIONS.map((m) => m.name);
  const theirs = header.migrations;
  if (theirs.length === code.length && theirs.every((name, i) => code[i] === name)) return;
  const unknown = theirs.filter((n) => !code.includes(n));
  if (unknown.length === 0 && theirs.length < code.length && theirs.every((name, i) => code[i] === name)) {
    const at = theirs.at(-1) ?? '';
    throw BackupRefused(
      bilingual(
        `the backup was taken by an older Fengkong (schema up to ${at}; this version is at ${code.at(-1)}): restore it with that version, then upgrade, which migrates the data`,
        `备份来自较旧版本的系统（表结构至 ${at}；当前版本为 ${code.at(-1)}）：请用该版本恢复，再升级以迁移数据`,
      ),
    );
  }
  const what = unknown.length > 0 ? unknown.join(', ') : 'in another order';
  throw BackupRefused(
    bilingual(
      `the backup was made by another Fengkong version: its migrations are not known to this code (${what})`,
      `备份由其他版本的系统生成：当前代码不认识其迁移（${what}）`,
    ),
  );
}

function compareTables(manifest: BackupManifest, counted: ReadonlyMap<string, TableChecksum>): void {
  for (const t of manifest.tables) {
    const got = counted.get(t.name) ?? new TableDigest().finish();
    if (got.rows !== t.rows) {
      throw damaged(
        `table ${t.name} has ${got.rows} rows but the manifest records ${t.rows}`,
        `数据表 ${t.name} 有 ${got.rows} 行，清单记录为 ${t.rows} 行`,
      );
    }
    if (got.sha256 !== t.sha256) {
      throw damaged(
        `table ${t.name} does not match its checksum: rows were changed`,
        `数据表 ${t.name} 与其校验和不符：数据被改动`,
      );
    }
  }
  const listed = new Set(manifest.tables.map((t) => t.name));
  const extra = [...counted.keys()].find((name) => !listed.has(name));
  if (extra !== undefined) {
    throw damaged(
      `table ${extra} is in the file but not in the manifest`,
      `数据表 ${extra} 在文件中但不在清单中`,
    );
  }
}

function checkChain(
  chain: ChainVerifier,
  manifest: BackupManifest,
  head: { seq: number; hash: string } | undefined,
): void {
  if (!head || head.seq !== manifest.audit_head.seq || head.hash !== manifest.audit_head.hash) {
    throw damaged(
      'the audit head in the rows differs from the one in the manifest',
      '数据中的审计链头与清单中的不一致',
    );
  }
  const broken = chain.firstBreak ?? chain.finish(head);
  if (broken) {
    throw damaged(
      `the audit chain in the backup is broken: ${breakMessage(broken, 'en')}`,
      `备份中的审计链损坏：${breakMessage(broken, 'zh')}`,
    );
  }
}
