import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { ManualClock } from '../../kernel/clock.js';
import type { Dialect } from '../../store/database.js';
import type { AuditLogTable } from '../../store/schema.js';
import { transact } from '../../store/transaction.js';
import { canonicalRecord, chainHash, GENESIS_HASH } from './chain.js';
import { MerkleFrontier, merkleRootRecursive } from './merkle.js';
import { REDACTED } from './redact.js';
import { type AuditInput, AuditLog, type Checkpoint, type VerifyReport } from './service.js';

/** An HMAC key of the length the configuration demands (at least 32 characters). */
const KEY = 'fengkong-test-checkpoint-key-0123456789';
const OTHER_KEY = 'another-installation-key-9876543210-abcdef';

function input(i: number, extra: Partial<AuditInput> = {}): AuditInput {
  return {
    actor: { type: 'user', id: `u-${i % 7}` },
    action: 'loan.approve',
    target: { type: 'loan', id: `L-${i}` },
    payload: { amount: `${1000 + i}.00`, note: `第 ${i} 笔贷款`, i },
    ...extra,
  };
}

/** Catches what `fn` throws, so that the error's fields can be asserted. */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describeEachDialect('AuditLog', (dialect: Dialect) => {
  let t: TestDatabase;
  let clock: ManualClock;
  let audit: AuditLog;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    clock = new ManualClock('2026-03-01T08:00:00.000Z');
    audit = new AuditLog({ db: t.store.db, dialect, clock, checkpointKey: KEY });
  });
  afterEach(() => t.drop());

  const db = () => t.store.db;
  const rows = () => db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const head = () => db().selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();

  /** Appends `n` entries in one transaction (fast setup), numbered from `from`. */
  async function appendMany(n: number, from = 1): Promise<void> {
    await transact(db(), async (trx) => {
      for (let i = from; i < from + n; i++) {
        clock.advance(1000);
        await audit.append(trx, input(i));
      }
    });
  }

  /** What an attacker with the database owner's rights does first: switch the append-only triggers off. */
  async function dropTriggers(): Promise<void> {
    if (dialect === 'sqlite') {
      for (const table of ['audit_log', 'audit_checkpoint']) {
        for (const op of ['update', 'delete'])
          await sql`drop trigger ${sql.id(`${table}_no_${op}`)}`.execute(db());
      }
    } else {
      await sql`alter table audit_log disable trigger user`.execute(db());
      await sql`alter table audit_checkpoint disable trigger user`.execute(db());
    }
  }

  function expectBreak(report: VerifyReport, seq: number, reason: string): void {
    expect(report.intact).toBe(false);
    expect(report.first_break).toMatchObject({ seq, reason });
  }

  it('appends inside the caller’s transaction: seq 1..n, linked, head moved, verify() intact', async () => {
    await transact(db(), async (trx) => {
      await trx.insertInto('setting').values({ key: 'k', value: 'v', updated_at: 'now' }).execute();
      const first = await audit.append(trx, input(1));
      expect(first).toMatchObject({ seq: 1, prev_hash: GENESIS_HASH, outcome: 'success' });
      await audit.append(trx, input(2, { outcome: 'denied' }));
    });
    for (let i = 3; i <= 6; i++) await audit.record(input(i));

    const stored = await rows();
    expect(stored.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    let prev = GENESIS_HASH;
    for (const r of stored) {
      expect(r.prev_hash).toBe(prev);
      expect(r.hash).toBe(chainHash(prev, canonicalRecord(r)));
      prev = r.hash;
    }
    expect(stored[0]).toMatchObject({
      ts: '2026-03-01T08:00:00.000Z',
      actor_type: 'user',
      actor_id: 'u-1',
      action: 'loan.approve',
      target_type: 'loan',
      target_id: 'L-1',
      outcome: 'success',
      payload: canonicalJson({ amount: '1001.00', i: 1, note: '第 1 笔贷款' }),
    });
    expect(stored[1]?.outcome).toBe('denied');
    expect(await head()).toEqual({ seq: 6, hash: prev });
    expect(await audit.verify()).toEqual({
      intact: true,
      entries: 6,
      head: { seq: 6, hash: prev },
      checkpoints_checked: 0,
      first_break: null,
    });
  });

  it('refuses to append outside a transaction', async () => {
    await expect(audit.append(db(), input(1))).rejects.toThrow(/inside a transaction/);
    expect(await rows()).toEqual([]);
  });

  it('leaves no entry and no head change when the transaction rolls back', async () => {
    await appendMany(2);
    const before = await head();
    await expect(
      transact(db(), async (trx) => {
        await trx.insertInto('setting').values({ key: 'k', value: 'v', updated_at: 'now' }).execute();
        await audit.append(trx, input(3));
        await audit.append(trx, input(4));
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect((await rows()).map((r) => r.seq)).toEqual([1, 2]);
    expect(await head()).toEqual(before);
    expect(await db().selectFrom('setting').selectAll().execute()).toEqual([]);
    // The next append continues the chain without a gap.
    expect((await audit.record(input(5))).seq).toBe(3);
    expect((await audit.verify()).intact).toBe(true);
  });

  it('stores secrets in the payload as "[redacted]", at any depth, before hashing', async () => {
    await audit.record(
      input(1, {
        payload: {
          username: 'alice',
          password: 'hunter2',
          token: 'tok-123',
          api_key: 'fk_live_abc',
          totp_code: '123456',
          code: '654321',
          nested: { refresh_token: 'rt-1', client_secret: 's3', amount: 10 },
          list: [{ password: 'p1' }, { passphrase: 'p2' }],
          password_changed: true,
        },
      }),
    );
    const [row] = await rows();
    for (const secret of [
      'hunter2',
      'tok-123',
      'fk_live_abc',
      '123456',
      '654321',
      'rt-1',
      's3',
      'p1',
      'p2',
    ]) {
      expect(row?.payload).not.toContain(secret);
    }
    expect(JSON.parse(row!.payload)).toEqual({
      username: 'alice',
      password: REDACTED,
      token: REDACTED,
      api_key: REDACTED,
      totp_code: REDACTED,
      code: REDACTED,
      nested: { refresh_token: REDACTED, client_secret: REDACTED, amount: 10 },
      list: [{ password: REDACTED }, { passphrase: REDACTED }],
      password_changed: true,
    });
    expect((await audit.verify()).intact).toBe(true);
  });

  it('stores text without a UTF-8 form (lone surrogates, NUL) as U+FFFD, so the chain still verifies', async () => {
    // Found by these tests: the drivers replace a lone surrogate when writing UTF-8 (better-sqlite3
    // with three U+FFFD, pg with one) and PostgreSQL refuses NUL, so the hash of the text as given
    // never matched the stored row. Such text reaches the log from request fields (ids, usernames).
    const entry = await audit.record(
      input(1, {
        actor: { type: 'user', id: 'eve\uD800' },
        action: 'user.login',
        target: { type: 'user', id: 'a\u0000b\uDC00c😀' },
        payload: { username: 'eve\uD800', raw: 'x\u0000y' },
      }),
    );
    expect(entry.actor.id).toBe('eve\uFFFD');
    const [row] = await rows();
    expect(row).toMatchObject({ actor_id: 'eve\uFFFD', target_id: 'a\uFFFDb\uFFFDc😀' });
    expect(await audit.verify()).toMatchObject({ intact: true, entries: 1 });
  });

  it('keeps the chain linear under 50 concurrent transactions (head row lock on PostgreSQL)', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        transact(db(), async (trx) => {
          await trx
            .insertInto('setting')
            .values({ key: `k${i}`, value: String(i), updated_at: 'now' })
            .execute();
          await audit.append(trx, input(i));
        }),
      ),
    );
    const stored = await rows();
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(stored.map((r) => r.target_id)).size).toBe(50);
    expect(await audit.verify()).toMatchObject({ intact: true, entries: 50, head: await head() });
  });

  it('reports an intact chain while other transactions keep appending during verify()', async () => {
    // Found by these tests: verify() read the head, then scanned; entries committed in between were
    // reported as written around the application (entries_beyond_head) on a live system.
    await appendMany(20);
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 60; i++) await audit.record(input(100 + i));
      writing = false;
    })();
    const reports: VerifyReport[] = [];
    while (writing) reports.push(await audit.verify());
    await writer;
    reports.push(await audit.verify());
    expect(reports.filter((r) => !r.intact).map((r) => r.first_break)).toEqual([]);
    expect(reports.at(-1)).toMatchObject({ intact: true, entries: 80 });
  });

  it('refuses UPDATE and DELETE on the audit log and its checkpoints at the database level', async () => {
    await appendMany(3);
    await audit.checkpoint();
    await expect(
      db().updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 2).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('audit_log').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(db().updateTable('audit_checkpoint').set({ merkle_root: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db().deleteFrom('audit_checkpoint').execute()).rejects.toThrow(/append-only/);
    if (dialect === 'postgres')
      await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only/);
    expect((await rows()).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(await audit.verify()).toMatchObject({ intact: true, entries: 4, checkpoints_checked: 1 });
  });

  it('names the exact entry altered in the database once the triggers are dropped', async () => {
    await appendMany(20);
    await dropTriggers();
    await db()
      .updateTable('audit_log')
      .set({ payload: '{"amount":"999999.00"}' })
      .where('seq', '=', 7)
      .execute();
    expectBreak(await audit.verify(), 7, 'hash_mismatch');
  });

  it('names the exact entry deleted in the database', async () => {
    await appendMany(20);
    await dropTriggers();
    await db().deleteFrom('audit_log').where('seq', '=', 7).execute();
    const report = await audit.verify();
    expectBreak(report, 7, 'missing_entry');
    expect(report.entries).toBe(6);
  });

  it('names an entry whose links were rewritten to skip a deleted one', async () => {
    await appendMany(20);
    const before = await rows();
    await dropTriggers();
    await db().deleteFrom('audit_log').where('seq', '=', 7).execute();
    // Renumber 8 as 7 and link it to 6: it still does not hash to its stored hash.
    await db()
      .updateTable('audit_log')
      .set({ seq: 7, prev_hash: before[5]!.hash })
      .where('seq', '=', 8)
      .execute();
    expectBreak(await audit.verify(), 7, 'hash_mismatch');
  });

  it('reports truncation from the first missing entry (the head still names the last one)', async () => {
    await appendMany(20);
    await dropTriggers();
    await db().deleteFrom('audit_log').where('seq', '>', 15).execute();
    expectBreak(await audit.verify(), 16, 'truncated');
  });

  it('reports an entry written around the application (head not moved)', async () => {
    await appendMany(5);
    const last = (await rows()).at(-1)!;
    const body = { ...last, seq: 6, ts: '2026-03-02T00:00:00.000Z', action: 'loan.write_off' };
    const forged: AuditLogTable = {
      ...body,
      prev_hash: last.hash,
      hash: chainHash(last.hash, canonicalRecord(body)),
    };
    await db().insertInto('audit_log').values(forged).execute();
    expectBreak(await audit.verify(), 6, 'entries_beyond_head');
  });

  it('detects truncation below a checkpoint, from the stored one and from the exported one', async () => {
    await appendMany(20);
    const cp = await audit.checkpoint(); // covers 1..20; its own entry is 21
    const file = JSON.stringify(audit.sign(cp));
    await dropTriggers();
    await db().deleteFrom('audit_log').where('seq', '>', 11).execute();
    const kept = (await rows()).at(-1)!;
    await db().updateTable('audit_head').set({ seq: kept.seq, hash: kept.hash }).execute();
    // The head was moved back to cover the cut; the stored checkpoint still names entry 20.
    expectBreak(await audit.verify(), 12, 'checkpoint_beyond_chain');
    // The stored checkpoints are deleted too: the database alone now looks consistent ...
    await db().deleteFrom('audit_checkpoint').execute();
    expect((await audit.verify()).intact).toBe(true);
    // ... but the exported file remembers entry 20.
    expectBreak(await audit.verify([audit.readSigned(file)]), 12, 'checkpoint_beyond_chain');
  });

  it('detects a fully recomputed chain only against an exported signed checkpoint', async () => {
    await appendMany(30);
    const cp = await audit.checkpoint(); // 1..30, own entry 31
    await appendMany(10, 31); // 32..41
    const file = JSON.stringify(audit.sign(cp));

    // The attacker rewrites entry 5, recomputes every later hash, the head, the stored checkpoint
    // (root, head hash, frontier) and even the payload of the checkpoint's own audit entry.
    await dropTriggers();
    const original = await rows();
    let prev = GENESIS_HASH;
    const merkle = new MerkleFrontier();
    let forgedCp: { head_hash: string; merkle_root: string; frontier: string } | undefined;
    for (const r of original) {
      let row: AuditLogTable = { ...r };
      if (r.seq === 5) row.payload = canonicalJson({ amount: '1.00', i: 5, note: 'rewritten' });
      if (r.seq === cp.seq + 1) {
        expect(r.action).toBe('audit.checkpoint');
        row.payload = canonicalJson({
          seq: cp.seq,
          head_hash: forgedCp!.head_hash,
          merkle_root: forgedCp!.merkle_root,
        });
      }
      const record = canonicalRecord(row);
      row = { ...row, prev_hash: prev, hash: chainHash(prev, record) };
      prev = row.hash;
      if (r.seq <= cp.seq) merkle.add(record);
      if (r.seq === cp.seq) {
        forgedCp = {
          head_hash: row.hash,
          merkle_root: merkle.root(),
          frontier: JSON.stringify(merkle.frontier()),
        };
      }
      await db()
        .updateTable('audit_log')
        .set({ payload: row.payload, prev_hash: row.prev_hash, hash: row.hash })
        .where('seq', '=', r.seq)
        .execute();
    }
    await db().updateTable('audit_head').set({ seq: original.length, hash: prev }).execute();
    await db().updateTable('audit_checkpoint').set(forgedCp!).where('seq', '=', cp.seq).execute();
    expect(forgedCp!.merkle_root).not.toBe(cp.merkle_root);

    // Everything inside the database agrees with itself: verify() without the file passes.
    expect(await audit.verify()).toMatchObject({ intact: true, entries: 41, checkpoints_checked: 1 });
    // The signed file kept outside the database does not, at the entry it anchors.
    const report = await audit.verify([audit.readSigned(file)]);
    expectBreak(report, cp.seq, 'checkpoint_mismatch');
    expect(report.checkpoints_checked).toBe(2);
    // The same from a fresh process that only knows the key (as `fengkong audit verify --checkpoint`).
    const auditor = new AuditLog({ db: db(), dialect, clock, checkpointKey: KEY });
    expectBreak(await auditor.verify([auditor.readSigned(file)]), cp.seq, 'checkpoint_mismatch');
  });

  it('refuses a checkpoint file with a changed field, another key, or a broken shape', async () => {
    await appendMany(3);
    const cp = await audit.checkpoint();
    const signed = audit.sign(cp);
    expect(audit.readSigned(JSON.stringify(signed))).toEqual(signed);
    const invalid = async (text: string, detail: RegExp) => {
      expect(await thrown(() => audit.readSigned(text))).toMatchObject({
        code: 'FK_ERR_AUDIT_CHECKPOINT_INVALID',
        status: 400,
        message: expect.stringMatching(detail),
      });
    };
    const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);
    await invalid(JSON.stringify({ ...signed, seq: signed.seq + 1 }), /signature/);
    await invalid(JSON.stringify({ ...signed, head_hash: flip(signed.head_hash) }), /signature/);
    await invalid(JSON.stringify({ ...signed, merkle_root: flip(signed.merkle_root) }), /signature/);
    await invalid(JSON.stringify({ ...signed, created_at: '2020-01-01T00:00:00.000Z' }), /signature/);
    await invalid(JSON.stringify({ ...signed, signature: flip(signed.signature) }), /signature/);
    await invalid(JSON.stringify({ ...signed, extra: 1 }), /signature/);
    const other = new AuditLog({ db: db(), dialect, clock, checkpointKey: OTHER_KEY });
    const foreign = other.sign(cp);
    await invalid(JSON.stringify(foreign), /another key/);
    // Claiming our key id does not help without our key.
    await invalid(JSON.stringify({ ...foreign, key_id: signed.key_id }), /signature/);
    await invalid('not json', /not JSON/);
    await invalid('null', /field/);
    const { merkle_root: _dropped, ...missing } = signed;
    await invalid(JSON.stringify(missing), /field/);
    await invalid(JSON.stringify({ ...signed, seq: 0 }), /field/);
    await invalid(JSON.stringify({ ...signed, version: 2 }), /field/);
  });

  it('needs a key to sign or read a checkpoint file', async () => {
    await appendMany(1);
    const unkeyed = new AuditLog({ db: db(), dialect, clock });
    expect(unkeyed.canSign).toBe(false);
    const cp = await unkeyed.checkpoint();
    expect(await thrown(() => unkeyed.sign(cp))).toMatchObject({ code: 'FK_ERR_AUDIT_KEY_MISSING' });
    expect(await thrown(() => unkeyed.readSigned('{}'))).toMatchObject({ code: 'FK_ERR_AUDIT_KEY_MISSING' });
  });

  it('makes incremental checkpoints whose Merkle root covers every entry (RFC 6962 §2.1)', async () => {
    expect(await thrown(() => audit.checkpoint())).toMatchObject({ code: 'FK_ERR_AUDIT_EMPTY' });
    await appendMany(25);
    const first = await audit.checkpoint(); // 1..25, own entry 26
    await appendMany(14, 27); // 27..40
    const second = await audit.checkpoint(); // 1..40, own entry 41
    const records = (await rows()).map((r) => canonicalRecord(r));
    expect(first).toMatchObject({ seq: 25, merkle_root: merkleRootRecursive(records.slice(0, 25)) });
    expect(second).toMatchObject({ seq: 40, merkle_root: merkleRootRecursive(records.slice(0, 40)) });
    expect(second.head_hash).toBe((await rows())[39]!.hash);

    // The second one resumed from the first one's stored frontier rather than rehashing 1..25.
    const stored = await db().selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute();
    const resumed = new MerkleFrontier(25, JSON.parse(stored[0]!.frontier) as string[]);
    for (const r of records.slice(25, 40)) resumed.add(r);
    expect(JSON.parse(stored[1]!.frontier)).toEqual(resumed.frontier());
    expect(resumed.root()).toBe(second.merkle_root);

    // Each checkpoint is recorded in the chain itself.
    const own = (await rows()).filter((r) => r.action === 'audit.checkpoint');
    expect(own.map((r) => [r.seq, JSON.parse(r.payload)])).toEqual([
      [26, { seq: 25, head_hash: first.head_hash, merkle_root: first.merkle_root }],
      [41, { seq: 40, head_hash: second.head_hash, merkle_root: second.merkle_root }],
    ]);
    expect(await audit.checkpoints()).toEqual([first, second] satisfies Checkpoint[]);
    expect(await audit.verify()).toMatchObject({ intact: true, entries: 41, checkpoints_checked: 2 });
  });

  it('proves the resume: a second checkpoint follows the first one’s stored frontier', async () => {
    await appendMany(6);
    await audit.checkpoint(); // 1..6, own entry 7
    await appendMany(3, 8);
    // Swap the stored frontier for a different but well-formed one: a checkpoint that rehashed from
    // entry 1 would not notice; the resuming one folds it into its root.
    await dropTriggers();
    const fake = JSON.stringify(['11'.repeat(32), '22'.repeat(32)]); // 6 = 0b110: two subtrees
    await db().updateTable('audit_checkpoint').set({ frontier: fake }).execute();
    const second = await audit.checkpoint();
    const records = (await rows()).map((r) => canonicalRecord(r)).slice(0, second.seq);
    const expected = new MerkleFrontier(6, JSON.parse(fake) as string[]);
    for (const r of records.slice(6)) expected.add(r);
    expect(second.merkle_root).toBe(expected.root());
    expect(second.merkle_root).not.toBe(merkleRootRecursive(records));
  });

  it('refuses to checkpoint a broken chain', async () => {
    await appendMany(5);
    await dropTriggers();
    await db().updateTable('audit_log').set({ outcome: 'failure' }).where('seq', '=', 3).execute();
    await expect(audit.checkpoint()).rejects.toThrow(/broken at entry 3 \(hash_mismatch\)/);
    expect(await audit.checkpoints()).toEqual([]);
  });

  it('lists, filters and reads back entries', async () => {
    await appendMany(5);
    await audit.record(input(6, { action: 'user.login', actor: { type: 'api_key', id: 'ak-1' } }));
    const all = await audit.list({ limit: 10 });
    expect(all.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect((await audit.list({ action: 'user.login', limit: 10 })).map((e) => e.seq)).toEqual([6]);
    expect((await audit.list({ actorType: 'api_key', limit: 10 })).map((e) => e.seq)).toEqual([6]);
    expect((await audit.list({ beforeSeq: 4, limit: 2 })).map((e) => e.seq)).toEqual([3, 2]);
    expect(await audit.get(2)).toMatchObject({
      seq: 2,
      payload: { amount: '1002.00', i: 2, note: '第 2 笔贷款' },
    });
    expect(await audit.get(99)).toBeUndefined();
  });
});
