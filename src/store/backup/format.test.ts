import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { migrationStatus } from '../migrate.js';
import { backupDatabase } from './backup.js';
import { checkBackup } from './check.js';
import { TableDigest } from './checksum.js';
import { BackupDamaged, BackupRefused } from './errors.js';
import { seed } from './fixtures.js';
import { type BackupManifest, signManifest } from './format.js';
import { restore } from './restore.js';

const KEY = 'a-test-key-that-is-long-enough-0123456789';

let source: TestDatabase;
let dir: string;
let plain: string;
let signed: string;

beforeAll(async () => {
  source = await createTestDatabase('sqlite');
  await seed(source.store, { entries: 400, settings: 25, outbox: 40 });
  dir = mkdtempSync(join(tmpdir(), 'fk-backup-'));
  plain = join(dir, 'plain.fkbak');
  signed = join(dir, 'signed.fkbak');
  await backupDatabase(source.url, plain, { pageSize: 37 });
  await backupDatabase(source.url, signed, { key: KEY });
});

afterAll(async () => {
  await source.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The decompressed lines of a backup (without the final empty string). */
function linesOf(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(0, -1);
}

let n = 0;
/** Writes `lines` as a new backup file and returns its path. */
function write(lines: readonly string[]): string {
  const file = join(dir, `edited-${n++}.fkbak`);
  writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
  return file;
}

function manifestOf(lines: readonly string[]): BackupManifest {
  return (JSON.parse(lines.at(-1)!) as { manifest: BackupManifest }).manifest;
}

function withManifest(lines: readonly string[], manifest: BackupManifest): string[] {
  return [...lines.slice(0, -1), canonicalJson({ manifest })];
}

/** Changes one row of `table` through `edit`; returns the new lines and the edited line's index. */
function editRow(
  lines: readonly string[],
  table: string,
  edit: (r: Record<string, unknown>) => void,
): string[] {
  const i = lines.findIndex((l, k) => k > 0 && (JSON.parse(l) as { t?: string }).t === table);
  const parsed = JSON.parse(lines[i]!) as { t: string; r: Record<string, unknown> };
  edit(parsed.r);
  const out = [...lines];
  out[i] = JSON.stringify(parsed);
  return out;
}

/** What a forger without the key can do: recompute the table checksums (and optionally the overall hash). */
function recompute(lines: readonly string[], overall: boolean): string[] {
  const m = manifestOf(lines);
  const digests = new Map(m.tables.map((t) => [t.name, new TableDigest()]));
  const body = lines.slice(0, -1);
  for (const l of body.slice(1)) {
    const { t, r } = JSON.parse(l) as { t: string; r: Record<string, string | number | null> };
    digests.get(t)!.add(r);
  }
  const tables = m.tables.map((t) => ({ name: t.name, ...digests.get(t.name)!.finish() }));
  const hash = createHash('sha256');
  for (const l of body) hash.update(`${l}\n`);
  return withManifest(lines, { ...m, tables, ...(overall ? { sha256: hash.digest('hex') } : {}) });
}

async function refusal(file: string, key?: string): Promise<Error> {
  const error = await checkBackup(file, { key }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('the backup was accepted');
  return error;
}

describe('backup file format', () => {
  it('round-trips: a fresh backup passes every check and describes the source', async () => {
    const checked = await checkBackup(plain);
    expect(checked.header).toMatchObject({ format: 'fengkong-backup', version: 1, dialect: 'sqlite' });
    expect(checked.header.migrations.length).toBeGreaterThan(0);
    expect(checked.signature).toBe('unsigned');
    const byName = Object.fromEntries(checked.manifest.tables.map((t) => [t.name, t.rows]));
    expect(byName).toMatchObject({
      setting: 25,
      outbox: 40,
      audit_log: 401,
      audit_head: 1,
      audit_checkpoint: 1,
    });
    expect(checked.manifest.audit_head.seq).toBe(401);
    const lines = linesOf(plain);
    expect(lines[1]).toMatch(/^\{"t":"setting","r":\{/);
    // A page size of 37 and the default produce the same content.
    expect(manifestOf(linesOf(signed)).tables).toEqual(checked.manifest.tables);
  });

  it('checks the signature with the key, and says when it could not', async () => {
    expect((await checkBackup(signed, { key: KEY })).signature).toBe('verified');
    expect((await checkBackup(signed)).signature).toBe('not_checked');
    const other = await refusal(signed, `${KEY}-other`);
    expect(other.message).toMatch(/signed with another key/);
  });

  it('refuses a flipped byte anywhere in the compressed data', async () => {
    const bytes = readFileSync(plain);
    for (let k = 1; k <= 24; k++) {
      const at = Math.floor((bytes.length * k) / 26);
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x20;
      const file = join(dir, `flip-${k}.fkbak`);
      writeFileSync(file, copy);
      const error = await refusal(file);
      expect(BackupDamaged.is(error), `flip at ${at}: ${error.message}`).toBe(true);
    }
    const trailer = Buffer.from(bytes);
    trailer[trailer.length - 6] = trailer[trailer.length - 6]! ^ 0x01; // inside the CRC-32
    writeFileSync(join(dir, 'crc.fkbak'), trailer);
    expect((await refusal(join(dir, 'crc.fkbak'))).message).toMatch(/gzip stream is corrupt/);
  });

  it('refuses a changed row whose table checksum was left alone, naming the table', async () => {
    const file = write(editRow(linesOf(plain), 'outbox', (r) => (r['attempts'] = 99)));
    const error = await refusal(file);
    expect(BackupDamaged.is(error)).toBe(true);
    expect(error.message).toMatch(/table outbox does not match its checksum/);
  });

  it('refuses a changed row with a recomputed table checksum by the overall hash', async () => {
    const edited = editRow(linesOf(plain), 'setting', (r) => (r['value'] = '{"limit":"999999.00"}'));
    const error = await refusal(write(recompute(edited, false)));
    expect(error.message).toMatch(/overall hash does not match/);
  });

  it('refuses an audit entry rewritten with every checksum recomputed: the chain breaks at that entry', async () => {
    const edited = editRow(linesOf(plain), 'audit_log', (r) => (r['outcome'] = 'denied'));
    const error = await refusal(write(recompute(edited, true)));
    expect(error.message).toMatch(/audit chain in the backup is broken: entry 1 was altered/);
  });

  it('with the key, refuses any row rewritten with every checksum recomputed, or the signature stripped', async () => {
    const edited = recompute(
      editRow(linesOf(signed), 'setting', (r) => (r['value'] = '{"limit":"0.00"}')),
      true,
    );
    expect((await refusal(write(edited), KEY)).message).toMatch(/signature does not match/);
    // Without the key such a forgery of non-audit rows passes: that is what the key is for.
    expect((await checkBackup(write(edited))).signature).toBe('not_checked');
    const { signature: _dropped, ...unsigned } = manifestOf(edited);
    expect((await refusal(write(withManifest(edited, unsigned)), KEY)).message).toMatch(/not signed/);
    // Re-signing with another key does not help either.
    const forged = withManifest(edited, signManifest(unsigned, `${KEY}-forger`));
    expect((await refusal(write(forged), KEY)).message).toMatch(/another key/);
  });

  it('refuses truncated files: cut bytes, a missing manifest, a line cut short', async () => {
    const bytes = readFileSync(plain);
    writeFileSync(join(dir, 'cut.fkbak'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await refusal(join(dir, 'cut.fkbak'))).message).toMatch(/corrupt or cut short/);
    const lines = linesOf(plain);
    expect((await refusal(write(lines.slice(0, -1)))).message).toMatch(/ends before its manifest/);
    expect((await refusal(write(lines.slice(0, 100)))).message).toMatch(/ends before its manifest/);
    const partial = join(dir, 'partial.fkbak');
    writeFileSync(partial, gzipSync(`${lines.slice(0, 50).join('\n')}\n${lines[50]!.slice(0, 20)}`));
    expect((await refusal(partial)).message).toMatch(/line 51 is cut short/);
  });

  it('refuses removed, repeated, reordered and appended lines', async () => {
    const lines = linesOf(plain);
    expect((await refusal(write([...lines.slice(0, 5), ...lines.slice(6)]))).message).toMatch(
      /table setting has 24 rows but the manifest records 25/,
    );
    const swapped = [...lines];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect((await refusal(write(swapped))).message).toMatch(/table setting does not match its checksum/);
    const outboxAt = lines.findIndex((l) => l.startsWith('{"t":"outbox"'));
    const moved = [lines[0]!, lines[outboxAt]!, ...lines.slice(1, outboxAt), ...lines.slice(outboxAt + 1)];
    expect((await refusal(write(moved))).message).toMatch(/rows of table setting are out of place/);
    expect((await refusal(write([...lines, lines[1]!]))).message).toMatch(/data after the manifest/);
  });

  it('refuses what is not a Fengkong backup', async () => {
    const text = join(dir, 'text.fkbak');
    writeFileSync(text, 'seq,ts\n1,2026-01-01\n');
    expect((await refusal(text)).message).toMatch(/gzip stream is corrupt/);
    expect((await refusal(write(['{"hello":"world"}']))).message).toMatch(/not a Fengkong backup/);
    expect((await refusal(write(['not json at all']))).message).toMatch(/line 1 is not valid JSON/);
    const empty = join(dir, 'empty.fkbak');
    writeFileSync(empty, gzipSync(''));
    expect((await refusal(empty)).message).toMatch(/the file is empty/);
    const lines = linesOf(plain);
    const invalidUtf8 = join(dir, 'utf8.fkbak');
    writeFileSync(
      invalidUtf8,
      gzipSync(
        Buffer.concat([
          Buffer.from(`${lines[0]}\n{"t":"setting","r":"`),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('"}\n'),
        ]),
      ),
    );
    expect((await refusal(invalidUtf8)).message).toMatch(/line 2 is not valid UTF-8/);
  });

  it('refuses, as an input problem, a newer format version and another schema version', async () => {
    const lines = linesOf(plain);
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const newer = await refusal(write([JSON.stringify({ ...header, version: 2 }), ...lines.slice(1)]));
    expect(BackupRefused.is(newer)).toBe(true);
    expect(newer.message).toMatch(/format version 2 is not supported/);
    const future = [...(header['migrations'] as string[]), '9999-from-the-future'];
    const unknown = await refusal(
      write([JSON.stringify({ ...header, migrations: future }), ...lines.slice(1)]),
    );
    expect(BackupRefused.is(unknown)).toBe(true);
    expect(unknown.message).toMatch(/migrations are not known to this code \(9999-from-the-future\)/);
    const first = (header['migrations'] as string[]).slice(0, 1);
    const older = await refusal(write([JSON.stringify({ ...header, migrations: first }), ...lines.slice(1)]));
    expect(BackupRefused.is(older)).toBe(true);
    expect(older.message).toMatch(
      /taken by an older Fengkong \(schema up to 0001-foundation; .*restore it with that version, then upgrade/,
    );
  });

  it('refuses a damaged backup before touching the target', async () => {
    const target = await createTestDatabase('sqlite', false);
    try {
      const file = write(editRow(linesOf(plain), 'audit_log', (r) => (r['action'] = 'x')));
      await expect(restore(file, target.store)).rejects.toThrow(
        /table audit_log does not match its checksum/,
      );
      expect((await migrationStatus(target.store)).applied).toEqual([]);
    } finally {
      await target.drop();
    }
  });
});
