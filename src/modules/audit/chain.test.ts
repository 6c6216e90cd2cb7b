import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../kernel/canonical-json.js';
import {
  type ChainBreak,
  type ChainEntry,
  type ChainPoint,
  ChainVerifier,
  canonicalRecord,
  chainHash,
  GENESIS_HASH,
} from './chain.js';

/**
 * The hash chain against every kind of tampering, as property-based tests: chains of thousands of
 * entries with random Unicode content are built purely from `canonicalRecord` / `chainHash`, then
 * modified, cut, extended or reordered, and the verifier must stop at exactly the first bad sequence
 * number, with no false positive on an untouched chain.
 *
 * Only values a database can hold are used as tampered values: well-formed Unicode (stored as UTF-8),
 * so the raw payload text is never given lone surrogates.
 */

type Content = Omit<ChainEntry, 'seq' | 'prev_hash' | 'hash'>;

const CONTENT_FIELDS = [
  'ts',
  'actor_type',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'payload',
] as const;
type ContentField = (typeof CONTENT_FIELDS)[number];

/** Chains of thousands of entries; runs kept modest so the file takes a few seconds on 2 cores. */
const MIN_ENTRIES = 1000;
const MAX_ENTRIES = 1600;
const RUNS = { numRuns: 25 };
const MORE_RUNS = { numRuns: 60 };

// ---------------------------------------------------------------------------------------------
// Generators

/** Text as modules record it: printable Unicode, any code point, and a few hand-picked hard cases. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', '风控', '贷款.审批', 'e\u0301', '\u00e9', '😀👩‍👩‍👧', '"\\/', '\u2028\u2029', '\u0000'),
);

const payload = fc
  .dictionary(text, fc.jsonValue({ maxDepth: 1, stringUnit: 'grapheme' }), { maxKeys: 3 })
  .map((o) => canonicalJson(o));

const content: fc.Arbitrary<Content> = fc.record({
  ts: fc
    .date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2035-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  actor_type: fc.constantFrom('user', 'api_key', 'system'),
  actor_id: text,
  action: fc.oneof(fc.constantFrom('loan.approve', 'policy.publish', 'user.login', 'audit.checkpoint'), text),
  target_type: text,
  target_id: text,
  outcome: fc.constantFrom('success', 'failure', 'denied'),
  payload,
});

/** How a chain's contents are drawn: a random pool of records, cycled (each entry still differs by seq). */
const pool = fc.array(content, { minLength: 1, maxLength: 24 });

/**
 * Base chains of MAX_ENTRIES entries with random content, built once (fixed seed, so a failure
 * replays with the seed fast-check reports). A run takes a prefix of n entries of one of them: a
 * prefix of a valid chain is itself a valid chain whose head is its last entry. Building a fresh
 * chain per run would double the cost of every run; the property on untouched chains does build
 * fresh ones, from a new random pool each run.
 */
const BASES: readonly (readonly ChainEntry[])[] = fc
  .sample(pool, { numRuns: 6, seed: 20260101 })
  .map((p) => buildChain(p, MAX_ENTRIES));

/** Which chain a run uses: base `base`, first `n` entries. */
interface Recipe {
  readonly base: number;
  readonly n: number;
}

function chainOf(r: Recipe): ChainEntry[] {
  return BASES[r.base]!.slice(0, r.n);
}

/** A chain of thousands of entries together with a tampering drawn for a chain of that length. */
function chainWith<T>(tamper: (n: number) => fc.Arbitrary<T>): fc.Arbitrary<{ recipe: Recipe; t: T }> {
  return fc
    .record({
      base: fc.integer({ min: 0, max: BASES.length - 1 }),
      n: fc.integer({ min: MIN_ENTRIES, max: MAX_ENTRIES }),
    })
    .chain((recipe) => fc.record({ recipe: fc.constant(recipe), t: tamper(recipe.n) }));
}

const hex64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((a) => Buffer.from(a).toString('hex'));

/** A change to a text value: a whole new value, one character replaced, or one character dropped. */
type TextChange =
  | { readonly kind: 'replace'; readonly value: string }
  | { readonly kind: 'set-char'; readonly at: number; readonly ch: string }
  | { readonly kind: 'drop-char'; readonly at: number };

const textChange: fc.Arbitrary<TextChange> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), value: fc.oneof(text, payload) }),
  fc.record({
    kind: fc.constant('set-char' as const),
    at: fc.nat(),
    ch: fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 1 }),
  }),
  fc.record({ kind: fc.constant('drop-char' as const), at: fc.nat() }),
);

/** Applies a change by code point (never splitting a surrogate pair); the result always differs. */
function changeText(original: string, c: TextChange): string {
  const cps = Array.from(original);
  let out: string;
  if (c.kind === 'replace' || cps.length === 0) out = c.kind === 'replace' ? c.value : 'x';
  else if (c.kind === 'drop-char') out = cps.toSpliced(c.at % cps.length, 1).join('');
  else out = cps.with(c.at % cps.length, c.ch).join('');
  return out === original ? `${original}\u{1F512}` : out;
}

/** A new value for a hash field: another hash, one digit changed, or a malformed string. */
const hashChange = fc.oneof(
  hex64.map((h) => () => h),
  fc.nat().map((at) => (h: string) => flipDigit(h, at)),
  fc.constant((h: string) => h.toUpperCase()),
  fc.constant((h: string) => h.slice(1)),
  fc.constant((h: string) => `${h}0`),
  text.map((s) => () => s),
);

function flipDigit(h: string, at: number): string {
  const i = at % h.length;
  return h.slice(0, i) + (h[i] === '0' ? '1' : '0') + h.slice(i + 1);
}

/** A new value for the seq column: any other integer, or a value no integer column would hold. */
const seqChange = fc.oneof(
  fc.integer({ min: -3, max: MAX_ENTRIES + 3 }),
  fc.constantFrom(0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53 + 2),
);

// ---------------------------------------------------------------------------------------------
// Building and verifying

function buildChain(pool: readonly Content[], n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const body = { ...pool[i % pool.length]!, seq: i + 1 };
    const hash = chainHash(prev, canonicalRecord(body));
    out.push({ ...body, prev_hash: prev, hash });
    prev = hash;
  }
  return out;
}

/** An entry with `content` and `seq`, chained correctly to `prev` and self-consistent. */
function forge(content: Content, seq: number, prev: string): ChainEntry {
  const body = { ...content, seq };
  return { ...body, prev_hash: prev, hash: chainHash(prev, canonicalRecord(body)) };
}

/** The head row as the database records it after appending the untouched chain. */
function headOf(chain: readonly ChainEntry[]): ChainPoint {
  const last = chain.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

interface Outcome {
  readonly broken: ChainBreak | undefined;
  readonly verified: number;
}

/** Runs the verifier over `entries` in storage order and ends against `head`, as the service does. */
function verify(entries: readonly ChainEntry[], head?: ChainPoint, precomputed = false): Outcome {
  const v = new ChainVerifier();
  for (const e of entries) if (v.push(e, precomputed ? canonicalRecord(e) : undefined)) break;
  return { broken: v.firstBreak ?? v.finish(head), verified: v.verified };
}

/** The hash of entry `seq` (GENESIS for 0), in an untouched chain. */
function hashBefore(chain: readonly ChainEntry[], seq: number): string {
  return seq === 1 ? GENESIS_HASH : chain[seq - 2]!.hash;
}

// ---------------------------------------------------------------------------------------------

describe('canonical record and chain hash', () => {
  it('hashes SHA-256(previous hash bytes ‖ UTF-8 record) from 32 zero bytes', () => {
    // Known answers computed with coreutils: `head -c 32 /dev/zero | sha256sum` and
    // `(head -c 32 /dev/zero; printf '风控') | sha256sum`.
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(chainHash(GENESIS_HASH, '')).toBe(
      '66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925',
    );
    expect(chainHash(GENESIS_HASH, '风控')).toBe(
      '894708ecca6e0cdd5e928c22d66eee1138c478d8a9ac8d488f5920f537358984',
    );
  });

  it('hashes exactly the bytes of Buffer.from(prev, "hex") ‖ UTF-8(record), for any strings', () => {
    // The reference formula, with a Hash object per call, against the optimised one-shot version;
    // malformed previous hashes and lone surrogates (UTF-8 replacement) included.
    const reference = (prev: string, record: string) =>
      createHash('sha256').update(Buffer.from(prev, 'hex')).update(record, 'utf8').digest('hex');
    const anyString = fc.string({
      unit: fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        fc.constantFrom('\uD800', '\uDC00'),
      ),
      maxLength: 64,
    });
    fc.assert(
      fc.property(
        fc.oneof(hex64, anyString),
        fc.oneof(anyString, fc.string({ maxLength: 5000 })),
        (prev, record) => {
          expect(chainHash(prev, record)).toBe(reference(prev, record));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is the RFC 8785 canonical JSON of the nested record, for any content', () => {
    // RFC 8785 §3.2.3: members sorted by UTF-16 code units; §3.2.2.2: strings as JSON.stringify.
    // The hand-written record must equal the general canonicaliser applied to the same object.
    fc.assert(
      fc.property(content, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (c, seq) => {
        const expected = canonicalJson({
          action: c.action,
          actor: { type: c.actor_type, id: c.actor_id },
          outcome: c.outcome,
          payload: JSON.parse(c.payload) as unknown,
          seq,
          target: { type: c.target_type, id: c.target_id },
          ts: c.ts,
        });
        expect(canonicalRecord({ ...c, seq })).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * The verifier as first written: every field checked in turn (well-formedness, number, link, hash),
 * hashing with a Hash object per entry. The optimised ChainVerifier must report exactly the same
 * first break (seq, reason and detail) for any input.
 */
function referenceVerify(
  start: ChainPoint,
  entries: readonly ChainEntry[],
  head?: ChainPoint,
): ChainBreak | undefined {
  const hex = /^[0-9a-f]{64}$/;
  let expected = start.seq + 1;
  let prev = start.hash;
  for (const e of entries) {
    const seq = expected;
    if (!Number.isSafeInteger(e.seq) || !hex.test(e.hash) || !hex.test(e.prev_hash)) {
      return {
        seq,
        reason: 'malformed_entry',
        detail: `entry at position ${seq} has a malformed sequence number or hash`,
      };
    }
    if (e.seq !== seq) {
      return e.seq > seq
        ? { seq, reason: 'missing_entry', detail: `entry ${seq} is missing (next stored entry is ${e.seq})` }
        : { seq, reason: 'unexpected_seq', detail: `expected entry ${seq}, found entry ${e.seq}` };
    }
    if (e.prev_hash !== prev) {
      return { seq, reason: 'prev_hash_mismatch', detail: `entry ${seq} does not link to entry ${seq - 1}` };
    }
    const recomputed = createHash('sha256')
      .update(Buffer.from(e.prev_hash, 'hex'))
      .update(canonicalRecord(e), 'utf8')
      .digest('hex');
    if (recomputed !== e.hash) {
      return {
        seq,
        reason: 'hash_mismatch',
        detail: `entry ${seq} was altered: its content does not match its hash`,
      };
    }
    prev = e.hash;
    expected = seq + 1;
  }
  if (!head) return undefined;
  const last = expected - 1;
  if (last < head.seq) {
    return {
      seq: last + 1,
      reason: 'truncated',
      detail: `the chain ends at ${last} but its head records ${head.seq}`,
    };
  }
  if (last > head.seq) {
    return {
      seq: head.seq + 1,
      reason: 'entries_beyond_head',
      detail: `entries after ${head.seq} are not recorded in the head`,
    };
  }
  if (prev !== head.hash) {
    return {
      seq: last,
      reason: 'hash_mismatch',
      detail: `the hash of entry ${last} differs from the recorded head`,
    };
  }
  return undefined;
}

describe('ChainVerifier against the field-by-field reference', () => {
  it('reports the same first break as checking every field in turn, for any tampering and start point', () => {
    const anyField = fc.constantFrom(...CONTENT_FIELDS, 'seq', 'prev_hash', 'hash');
    const edit = fc.record({
      at: fc.nat(),
      field: anyField,
      text: textChange,
      hash: hashChange,
      seq: seqChange,
      rehash: fc.boolean(),
    });
    const startPoint = fc.oneof(
      fc.constant(undefined),
      fc.record({ seq: fc.oneof(fc.nat({ max: 5 }), fc.constant(2 ** 53)), hash: fc.oneof(hex64, text) }),
    );
    fc.assert(
      fc.property(
        fc.array(content, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(edit, { maxLength: 3 }),
        startPoint,
        fc.constantFrom('recorded', 'none', 'other'),
        (contents, n, edits, start, headKind) => {
          let chain = buildChain(contents, n);
          if (start) {
            // Re-chain from an arbitrary (possibly malformed) start point.
            let prev = start.hash;
            chain = chain.map((e, i) => {
              const next = forge(e, start.seq + 1 + i, prev);
              prev = next.hash;
              return next;
            });
          }
          const recorded = chain.at(-1) ?? { seq: start?.seq ?? 0, hash: start?.hash ?? GENESIS_HASH };
          for (const ed of edits) {
            if (chain.length === 0) break;
            const i = ed.at % chain.length;
            const e = chain[i]!;
            let changed: ChainEntry;
            if (ed.field === 'seq') changed = { ...e, seq: ed.seq };
            else if (ed.field === 'prev_hash' || ed.field === 'hash')
              changed = { ...e, [ed.field]: ed.hash(e[ed.field]) };
            else changed = { ...e, [ed.field]: changeText(e[ed.field], ed.text) };
            if (ed.rehash)
              changed = { ...changed, hash: chainHash(changed.prev_hash, canonicalRecord(changed)) };
            chain = chain.with(i, changed);
          }
          const head =
            headKind === 'none'
              ? undefined
              : headKind === 'recorded'
                ? recorded
                : { seq: recorded.seq, hash: GENESIS_HASH };
          const v = new ChainVerifier(start);
          for (const e of chain) if (v.push(e)) break;
          const got = v.firstBreak ?? v.finish(head);
          expect(got).toEqual(referenceVerify(start ?? { seq: 0, hash: GENESIS_HASH }, chain, head));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('ChainVerifier on untouched chains', () => {
  it('reports no break for freshly built chains of random content (0 false positives)', () => {
    fc.assert(
      fc.property(pool, fc.integer({ min: MIN_ENTRIES, max: MAX_ENTRIES }), (p, n) => {
        const chain = buildChain(p, n);
        expect(verify(chain, headOf(chain))).toEqual({ broken: undefined, verified: n });
      }),
      { numRuns: 15 },
    );
  });

  it('reports no break for any prefix, also when resumed from a known-good point', () => {
    fc.assert(
      fc.property(
        chainWith((n) => fc.integer({ min: 0, max: n })),
        ({ recipe, t: resumeAt }) => {
          const chain = chainOf(recipe);
          expect(verify(chain, headOf(chain), true)).toEqual({ broken: undefined, verified: recipe.n });
          // Resuming from a known-good point (what a checkpoint does) verifies the rest alone.
          const start = resumeAt === 0 ? { seq: 0, hash: GENESIS_HASH } : headOf(chain.slice(0, resumeAt));
          const v = new ChainVerifier(start);
          for (const e of chain.slice(resumeAt)) v.push(e);
          expect(v.firstBreak ?? v.finish(headOf(chain))).toBeUndefined();
          expect(v.head).toEqual(headOf(chain));
          expect(v.verified).toBe(recipe.n - resumeAt);
        },
      ),
      RUNS,
    );
  });

  it('accepts the empty chain against the genesis head', () => {
    expect(verify([], { seq: 0, hash: GENESIS_HASH })).toEqual({ broken: undefined, verified: 0 });
  });
});

describe('ChainVerifier detects every tampering at the exact first bad seq', () => {
  it('modify: any stored field of entry k changed without recomputing anything breaks at k', () => {
    const field = fc.constantFrom(...CONTENT_FIELDS, 'seq', 'prev_hash', 'hash');
    const change = fc.record({ text: textChange, hash: hashChange, seq: seqChange });
    fc.assert(
      fc.property(
        chainWith((n) => fc.record({ k: fc.integer({ min: 1, max: n }), field, change })),
        ({ recipe, t: { k, field, change } }) => {
          const chain = chainOf(recipe);
          const original = chain[k - 1]!;
          let tampered: ChainEntry;
          let reason: ChainBreak['reason'];
          if (field === 'seq') {
            const seq = change.seq === k ? k + 1 : change.seq;
            tampered = { ...original, seq };
            reason = !Number.isSafeInteger(seq)
              ? 'malformed_entry'
              : seq > k
                ? 'missing_entry'
                : 'unexpected_seq';
          } else if (field === 'prev_hash' || field === 'hash') {
            let value = change.hash(original[field]);
            if (value === original[field]) value = flipDigit(value, k);
            tampered = { ...original, [field]: value };
            reason = !/^[0-9a-f]{64}$/.test(value)
              ? 'malformed_entry'
              : field === 'prev_hash'
                ? 'prev_hash_mismatch'
                : 'hash_mismatch';
          } else {
            tampered = { ...original, [field]: changeText(original[field], change.text) };
            reason = 'hash_mismatch';
          }
          const stored = chain.with(k - 1, tampered);
          const out = verify(stored, headOf(chain));
          expect(out.broken).toMatchObject({ seq: k, reason });
          expect(out.verified).toBe(k - 1);
          expect(verify(stored, headOf(chain), true)).toEqual(out);
        },
      ),
      MORE_RUNS,
    );
  });

  it('modify and recompute that entry’s own hash: breaks at k + 1, where the next link no longer fits', () => {
    fc.assert(
      fc.property(
        chainWith((n) =>
          fc.record({
            k: fc.integer({ min: 1, max: n - 1 }),
            field: fc.constantFrom(...CONTENT_FIELDS),
            change: textChange,
          }),
        ),
        ({ recipe, t: { k, field, change } }) => {
          const chain = chainOf(recipe);
          const original = chain[k - 1]!;
          const rewritten = forge(
            { ...original, [field]: changeText(original[field as ContentField], change) },
            k,
            original.prev_hash,
          );
          const out = verify(chain.with(k - 1, rewritten), headOf(chain));
          expect(out.broken).toMatchObject({ seq: k + 1, reason: 'prev_hash_mismatch' });
          expect(out.verified).toBe(k);
        },
      ),
      RUNS,
    );
  });

  it('modify and recompute the last entry: only the recorded head reveals it, at n', () => {
    fc.assert(
      fc.property(
        chainWith(() => fc.record({ field: fc.constantFrom(...CONTENT_FIELDS), change: textChange })),
        ({ recipe, t: { field, change } }) => {
          const chain = chainOf(recipe);
          const last = chain.at(-1)!;
          const rewritten = forge(
            { ...last, [field]: changeText(last[field], change) },
            last.seq,
            last.prev_hash,
          );
          const stored = chain.with(-1, rewritten);
          expect(verify(stored, headOf(chain)).broken).toMatchObject({
            seq: recipe.n,
            reason: 'hash_mismatch',
          });
          // Without the head nothing is inconsistent: the chain itself ends in a valid entry.
          expect(verify(stored).broken).toBeUndefined();
        },
      ),
      RUNS,
    );
  });

  it('delete: removing entries k.. (k < n) breaks at k with missing_entry', () => {
    fc.assert(
      fc.property(
        chainWith((n) =>
          fc
            .integer({ min: 1, max: n - 1 })
            .chain((k) =>
              fc.record({ k: fc.constant(k), count: fc.integer({ min: 1, max: Math.min(20, n - k) }) }),
            ),
        ),
        ({ recipe, t: { k, count } }) => {
          const chain = chainOf(recipe);
          const stored = chain.toSpliced(k - 1, count);
          const out = verify(stored, headOf(chain));
          expect(out.broken).toMatchObject({ seq: k, reason: 'missing_entry' });
          expect(out.verified).toBe(k - 1);
        },
      ),
      RUNS,
    );
  });

  it('insert (a): a forged entry that is malformed, unlinked, misnumbered or a replay breaks at k', () => {
    const forgery = fc.oneof(
      fc.record({
        kind: fc.constant('random' as const),
        c: content,
        seq: fc.integer(),
        prev: hex64,
        hash: hex64,
      }),
      fc.record({ kind: fc.constant('unlinked' as const), c: content, prev: hex64 }),
      fc.record({ kind: fc.constant('bad-hash' as const), c: content, hash: hex64 }),
      fc.record({ kind: fc.constant('wrong-seq' as const), c: content, seq: seqChange }),
      fc.record({ kind: fc.constant('malformed' as const), c: content, hash: text }),
      fc.record({ kind: fc.constant('replay' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(
        chainWith((n) => fc.record({ k: fc.integer({ min: 1, max: n }), f: forgery })),
        ({ recipe, t: { k, f } }) => {
          const chain = chainOf(recipe);
          const prev = hashBefore(chain, k);
          let forged: ChainEntry;
          switch (f.kind) {
            case 'random':
              forged = { ...f.c, seq: f.seq, prev_hash: f.prev, hash: f.hash };
              break;
            case 'unlinked':
              forged = forge(f.c, k, f.prev === prev ? flipDigit(prev, k) : f.prev);
              break;
            case 'bad-hash': {
              const good = forge(f.c, k, prev);
              forged = { ...good, hash: f.hash === good.hash ? flipDigit(f.hash, k) : f.hash };
              break;
            }
            case 'wrong-seq':
              forged = forge(f.c, f.seq === k ? k + 1 : f.seq, prev);
              break;
            case 'malformed':
              forged = {
                ...forge(f.c, k, prev),
                hash: /^[0-9a-f]{64}$/.test(f.hash) ? `${f.hash}!` : f.hash,
              };
              break;
            case 'replay': {
              // A copy of another stored entry j ≠ k (a copy of k itself is case (b) below).
              const j = 1 + (f.at % (recipe.n - 1));
              forged = chain[(j >= k ? j + 1 : j) - 1]!;
              break;
            }
          }
          const out = verify(chain.toSpliced(k - 1, 0, forged), headOf(chain));
          expect(out.broken?.seq).toBe(k);
          expect(out.verified).toBe(k - 1);
        },
      ),
      MORE_RUNS,
    );
  });

  it('insert (b): a forged entry chained correctly to k - 1 with seq k breaks at k + 1', () => {
    // Nothing at position k is inconsistent: the forged entry is exactly what an honest append of
    // entry k would have produced, so the verifier accepts it. The original entry k, which follows
    // unchanged, is the first inconsistency: it repeats seq k where k + 1 is due. Which of the two is
    // genuine cannot be told from the chain itself; only an external anchor (a checkpoint covering
    // k, or an exported signed checkpoint) could. Hence exactly {seq: k + 1, unexpected_seq}.
    fc.assert(
      fc.property(
        chainWith((n) => fc.record({ k: fc.integer({ min: 1, max: n }), c: content })),
        ({ recipe, t: { k, c } }) => {
          const chain = chainOf(recipe);
          const forged = forge(c, k, hashBefore(chain, k));
          const out = verify(chain.toSpliced(k - 1, 0, forged), headOf(chain));
          expect(out.broken).toMatchObject({ seq: k + 1, reason: 'unexpected_seq' });
          expect(out.verified).toBe(k);
        },
      ),
      RUNS,
    );
  });

  it('insert after the last entry without moving the head: entries_beyond_head at n + 1', () => {
    fc.assert(
      fc.property(
        chainWith(() => content),
        ({ recipe, t: c }) => {
          const chain = chainOf(recipe);
          const stored = [...chain, forge(c, recipe.n + 1, chain.at(-1)!.hash)];
          expect(verify(stored, headOf(chain)).broken).toMatchObject({
            seq: recipe.n + 1,
            reason: 'entries_beyond_head',
          });
        },
      ),
      RUNS,
    );
  });

  it('reorder: swapping two entries i < j in storage order breaks at i', () => {
    fc.assert(
      fc.property(
        chainWith((n) =>
          fc
            .integer({ min: 1, max: n - 1 })
            .chain((i) =>
              fc.record({ i: fc.constant(i), j: fc.integer({ min: i + 1, max: n }), keepSeq: fc.boolean() }),
            ),
        ),
        ({ recipe, t: { i, j, keepSeq } }) => {
          const chain = chainOf(recipe);
          const a = chain[i - 1]!;
          const b = chain[j - 1]!;
          // Either the rows change places, or their contents do while the seq column stays in order.
          const stored = keepSeq
            ? chain.with(i - 1, { ...b, seq: i }).with(j - 1, { ...a, seq: j })
            : chain.with(i - 1, b).with(j - 1, a);
          const out = verify(stored, headOf(chain));
          expect(out.broken).toMatchObject({
            seq: i,
            reason: keepSeq ? 'prev_hash_mismatch' : 'missing_entry',
          });
          expect(out.verified).toBe(i - 1);
        },
      ),
      RUNS,
    );
  });

  it('reorder: moving entry j to an earlier position i breaks at i', () => {
    fc.assert(
      fc.property(
        chainWith((n) =>
          fc
            .integer({ min: 1, max: n - 1 })
            .chain((i) => fc.record({ i: fc.constant(i), j: fc.integer({ min: i + 1, max: n }) })),
        ),
        ({ recipe, t: { i, j } }) => {
          const chain = chainOf(recipe);
          const stored = chain.toSpliced(j - 1, 1).toSpliced(i - 1, 0, chain[j - 1]!);
          expect(verify(stored, headOf(chain)).broken).toMatchObject({ seq: i, reason: 'missing_entry' });
        },
      ),
      RUNS,
    );
  });

  it('truncate: dropping the last m entries is reported by finish(recorded head) at n - m + 1', () => {
    fc.assert(
      fc.property(
        chainWith((n) => fc.integer({ min: 1, max: n })),
        ({ recipe, t: m }) => {
          const chain = chainOf(recipe);
          const stored = chain.slice(0, recipe.n - m);
          const out = verify(stored, headOf(chain));
          expect(out.broken).toMatchObject({ seq: recipe.n - m + 1, reason: 'truncated' });
          expect(out.verified).toBe(recipe.n - m);
          // The remaining prefix is itself a valid chain: without the head, truncation is invisible.
          expect(verify(stored).broken).toBeUndefined();
        },
      ),
      RUNS,
    );
  });

  it('a moved head: a head hash that is not the last entry’s is a hash_mismatch at n', () => {
    fc.assert(
      fc.property(
        chainWith(() => hex64),
        ({ recipe, t: other }) => {
          const chain = chainOf(recipe);
          const head = headOf(chain);
          const forgedHead = { seq: head.seq, hash: other === head.hash ? flipDigit(other, 0) : other };
          expect(verify(chain, forgedHead).broken).toMatchObject({ seq: recipe.n, reason: 'hash_mismatch' });
        },
      ),
      RUNS,
    );
  });
});

describe('ChainVerifier: exhaustive over every position of one chain', () => {
  // Every position, every tampering: 100% detection at exactly the first bad seq, on top of the
  // random positions above. 128 entries × 128 re-verifications per kind stays well under a second.
  const n = 128;
  const contents = fc.sample(content, { numRuns: 12, seed: 6962 });
  const chain = buildChain(contents, n);
  const head = headOf(chain);

  it('finds each single-field modification, deletion, insertion, swap and truncation', () => {
    const seen: Record<string, number> = {};
    const expectBreak = (kind: string, stored: readonly ChainEntry[], seq: number, reason?: string) => {
      const out = verify(stored, head).broken;
      expect(out?.seq, `${kind} at ${seq}`).toBe(seq);
      if (reason) expect(out?.reason, `${kind} at ${seq}`).toBe(reason);
      seen[kind] = (seen[kind] ?? 0) + 1;
    };
    for (let k = 1; k <= n; k++) {
      const e = chain[k - 1]!;
      expectBreak('modify', chain.with(k - 1, { ...e, action: `${e.action}.` }), k, 'hash_mismatch');
      expectBreak(
        'modify-payload',
        chain.with(k - 1, { ...e, payload: `${e.payload} ` }),
        k,
        'hash_mismatch',
      );
      expectBreak('modify-prev', chain.with(k - 1, { ...e, prev_hash: flipDigit(e.prev_hash, k) }), k);
      if (k < n) {
        const rewritten = forge({ ...e, outcome: 'forged' }, k, e.prev_hash);
        expectBreak('rewrite', chain.with(k - 1, rewritten), k + 1, 'prev_hash_mismatch');
        expectBreak('delete', chain.toSpliced(k - 1, 1), k, 'missing_entry');
        expectBreak('swap', chain.with(k - 1, chain[k]!).with(k, e), k, 'missing_entry');
      }
      expectBreak('insert-unlinked', chain.toSpliced(k - 1, 0, forge(e, k, flipDigit(e.prev_hash, 0))), k);
      expectBreak('insert-chained', chain.toSpliced(k - 1, 0, forge(contents[0]!, k, e.prev_hash)), k + 1);
      expectBreak('truncate', chain.slice(0, k - 1), k, 'truncated');
    }
    expect(seen).toEqual({
      modify: n,
      'modify-payload': n,
      'modify-prev': n,
      rewrite: n - 1,
      delete: n - 1,
      swap: n - 1,
      'insert-unlinked': n,
      'insert-chained': n,
      truncate: n,
    });
  });
});
