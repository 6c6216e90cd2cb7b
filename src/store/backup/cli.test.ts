// The CLI's tests live here rather than in src/cli/ because this change may only add files under
// src/store/backup/ (see the report); they drive `runCli` exactly as the bin does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { runCli } from '../../cli/program.js';
import { auditOf, captureIo, seed } from './fixtures.js';

const KEY = 'cli-test-key-0123456789-0123456789-abcdef';

describe('fengkong backup / restore (CLI)', () => {
  let source: TestDatabase;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    source = await createTestDatabase('sqlite');
    await seed(source.store, { entries: 120 });
    dir = mkdtempSync(join(tmpdir(), 'fk-cli-backup-'));
    file = join(dir, 'b.fkbak');
  });
  afterAll(async () => {
    await source.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
    const io = captureIo(env);
    const code = await runCli(['node', 'fengkong', ...args], io);
    return { code, out: io.out(), err: io.err() };
  }

  it('documents both commands with --help', async () => {
    const backup = await run(['backup', '--help']);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/--out <file>/);
    expect(backup.out).toMatch(/--json/);
    const restore = await run(['restore', '--help']);
    expect(restore.code).toBe(0);
    expect(restore.out).toMatch(/--from <file>[\s\S]*--force/);
  });

  it('backs up with a JSON summary, and a human one without --json', async () => {
    const json = await run(['backup', '--out', file, '--db', source.url, '--json']);
    expect(json.code, json.err).toBe(0);
    const summary = JSON.parse(json.out) as {
      rows: number;
      audit_head: { seq: number };
      bytes: number;
      signed: boolean;
    };
    expect(summary).toMatchObject({ audit_head: { seq: 121 }, signed: false });
    expect(summary.rows).toBe(121 + 1 + 1 + 20 + 30);
    expect(summary.bytes).toBeGreaterThan(0);
    expect(json.err).toBe(''); // no progress line when the output is not a terminal

    const human = await run(['backup', '--out', join(dir, 'h.fkbak'), '--db', source.url]);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/backup written \/ 备份已写入: .*h\.fkbak/);
    expect(human.out).toMatch(/audit head \/ 审计链头: 121 [0-9a-f]{64}/);
  });

  it('restores into an empty database, refuses a full one without --force (exit 1), replaces it with --force', async () => {
    const target = await createTestDatabase('sqlite', false);
    await target.store.close();
    try {
      const first = await run(['restore', '--from', file, '--db', target.url, '--json']);
      expect(first.code, first.err).toBe(0);
      const report = JSON.parse(first.out) as {
        audit: { intact: boolean; entries: number };
        signature: string;
      };
      expect(report.audit).toMatchObject({ intact: true, entries: 121 });
      expect(report.signature).toBe('unsigned');

      const again = await run(['restore', '--from', file, '--db', target.url]);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/^fengkong: the target database is not empty .*--force/);
      expect(again.err.trim().split('\n')).toHaveLength(1);

      const forced = await run(['restore', '--from', file, '--db', target.url, '--force']);
      expect(forced.code, forced.err).toBe(0);
      expect(forced.out).toMatch(/audit chain intact \/ 审计链完整: 121 entries/);
    } finally {
      await target.drop();
    }
  });

  it('exits 3 with one line for a damaged backup and 1 for a missing file or missing flag', async () => {
    const target = await createTestDatabase('sqlite', false);
    await target.store.close();
    try {
      const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
      lines[3] = lines[3]!.replace('"r":{', '"r":{"extra":"x",');
      const damaged = join(dir, 'damaged.fkbak');
      writeFileSync(damaged, gzipSync(lines.join('\n')));
      const bad = await run(['restore', '--from', damaged, '--db', target.url]);
      expect(bad.code).toBe(3);
      expect(bad.err).toMatch(
        /^fengkong: The backup file is damaged .*: table setting does not match its checksum/,
      );
      expect(bad.err.trim().split('\n')).toHaveLength(1);

      const missing = await run(['restore', '--from', join(dir, 'nope.fkbak'), '--db', target.url]);
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/cannot read .*nope\.fkbak/);

      expect((await run(['restore', '--db', target.url])).code).toBe(1);
      expect((await run(['backup', '--db', source.url])).code).toBe(1);
    } finally {
      await target.drop();
    }
  });

  it('signs with FENGKONG_AUDIT_KEY and refuses (exit 3) a backup checked against another key', async () => {
    const signedFile = join(dir, 'signed.fkbak');
    const made = await run(['backup', '--out', signedFile, '--db', source.url, '--json'], {
      FENGKONG_AUDIT_KEY: KEY,
    });
    expect(made.code, made.err).toBe(0);
    expect(JSON.parse(made.out)).toMatchObject({ signed: true });

    const target = await createTestDatabase('sqlite', false);
    await target.store.close();
    try {
      const wrong = await run(['restore', '--from', signedFile, '--db', target.url], {
        FENGKONG_AUDIT_KEY: `${KEY}-rotated`,
      });
      expect(wrong.code).toBe(3);
      expect(wrong.err).toMatch(/signed with another key/);
      const right = await run(['restore', '--from', signedFile, '--db', target.url, '--json'], {
        FENGKONG_AUDIT_KEY: KEY,
      });
      expect(right.code, right.err).toBe(0);
      expect(JSON.parse(right.out)).toMatchObject({ signature: 'verified' });
    } finally {
      await target.drop();
    }
    expect((await auditOf(source.store).verify()).intact).toBe(true);
  });
});
