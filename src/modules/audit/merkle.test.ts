import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MerkleFrontier, merkleRootRecursive } from './merkle.js';

/**
 * The Merkle Tree Hash of RFC 6962 §2.1 (https://www.rfc-editor.org/rfc/rfc6962#section-2.1):
 * MTH({}) = SHA-256(), MTH({d0}) = SHA-256(0x00 ‖ d0), MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))
 * with k the largest power of two smaller than n.
 *
 * Known answers: the leaf inputs, roots and compact ranges of the Certificate Transparency reference
 * tree, as published in transparency-dev/merkle `testonly/constants.go` (LeafInputs, RootHashes,
 * NodeHashes, CompactTrees), https://github.com/transparency-dev/merkle/blob/main/testonly/constants.go.
 */
const LEAF_INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'));

/** RootHashes()[n]: the root of the tree over the first n leaf inputs. */
const ROOT_HASHES = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** CompactTrees()[n]: the perfect-subtree roots covering the first n leaves, largest first. */
const NH = {
  l0: [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  ],
  l1: [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
  ],
  l2: ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'],
  l3: ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
};
const COMPACT_TREES: string[][] = [
  [],
  [NH.l0[0]!],
  [NH.l1[0]!],
  [NH.l1[0]!, NH.l0[2]!],
  [NH.l2[0]!],
  [NH.l2[0]!, NH.l0[4]!],
  [NH.l2[0]!, NH.l1[2]!],
  [NH.l2[0]!, NH.l1[2]!, NH.l0[6]!],
  [NH.l3[0]!],
];

/** Random leaf data: text (as audit records are, lone surrogates included: hashed as U+FFFD) or bytes. */
const leaf = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({
    unit: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.constantFrom('\uD800', '\uDFFF'),
    ),
  }),
  fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a)),
);

function frontierOf(leaves: readonly (string | Buffer)[]): MerkleFrontier {
  const f = new MerkleFrontier();
  for (const l of leaves) f.add(l);
  return f;
}

describe('MerkleFrontier (RFC 6962 §2.1 Merkle Tree Hash)', () => {
  it('gives SHA-256 of the empty string for the empty tree (RFC 6962 §2.1: MTH({}) = SHA-256())', () => {
    const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(new MerkleFrontier().root()).toBe(empty);
    expect(merkleRootRecursive([])).toBe(empty);
    expect(createHash('sha256').update('').digest('hex')).toBe(empty);
  });

  it('reproduces the Certificate Transparency reference roots and compact ranges for 0..8 leaves', () => {
    for (let n = 0; n <= LEAF_INPUTS.length; n++) {
      const leaves = LEAF_INPUTS.slice(0, n);
      const f = frontierOf(leaves);
      expect(f.root(), `root over ${n} leaves`).toBe(ROOT_HASHES[n]);
      expect(merkleRootRecursive(leaves), `oracle over ${n} leaves`).toBe(ROOT_HASHES[n]);
      expect(f.frontier(), `compact range of ${n} leaves`).toEqual(COMPACT_TREES[n]);
    }
  });

  it('equals the recursive definition for any number of leaves from 0 to 300', () => {
    fc.assert(
      fc.property(fc.array(leaf, { maxLength: 300 }), (leaves) => {
        const f = frontierOf(leaves);
        expect(f.size).toBe(leaves.length);
        expect(f.root()).toBe(merkleRootRecursive(leaves));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same root when resumed from a saved frontier as in one pass', () => {
    fc.assert(
      fc.property(
        fc
          .array(leaf, { maxLength: 300 })
          .chain((leaves) => fc.tuple(fc.constant(leaves), fc.integer({ min: 0, max: leaves.length }))),
        ([leaves, cut]) => {
          const first = frontierOf(leaves.slice(0, cut));
          // What a checkpoint stores: the size and the frontier, as JSON text.
          const saved = JSON.parse(JSON.stringify({ size: first.size, frontier: first.frontier() })) as {
            size: number;
            frontier: string[];
          };
          const resumed = new MerkleFrontier(saved.size, saved.frontier);
          for (const l of leaves.slice(cut)) resumed.add(l);
          const onePass = frontierOf(leaves);
          expect(resumed.size).toBe(leaves.length);
          expect(resumed.root()).toBe(onePass.root());
          expect(resumed.frontier()).toEqual(onePass.frontier());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps one frontier node per set bit of the leaf count', () => {
    const f = new MerkleFrontier();
    for (let n = 0; n <= 1100; n++) {
      expect(f.frontier()).toHaveLength(n.toString(2).replaceAll('0', '').length);
      f.add(String(n));
    }
  });

  it('refuses a frontier whose node count does not fit its size', () => {
    const node = 'ab'.repeat(32);
    expect(() => new MerkleFrontier(3, [node])).toThrow(/3 leaves has 2 nodes/);
    expect(() => new MerkleFrontier(0, [node])).toThrow();
    expect(() => new MerkleFrontier(4, [node, node])).toThrow();
  });

  it('still merges correctly past 2^31 and 2^32 leaves (counts beyond 32-bit integers)', () => {
    // 2^32 - 1 leaves are 32 perfect subtrees; adding one merges all of them into a single root of
    // 2^32 leaves. The expected value is folded here by hand from the RFC 6962 node hash.
    const nodes = Array.from({ length: 32 }, (_, i) => createHash('sha256').update(`subtree ${i}`).digest());
    const f = new MerkleFrontier(
      2 ** 32 - 1,
      nodes.map((b) => b.toString('hex')),
    );
    f.add('next');
    let acc = createHash('sha256')
      .update(Buffer.from([0]))
      .update('next')
      .digest();
    for (let i = nodes.length - 1; i >= 0; i--) {
      acc = createHash('sha256')
        .update(Buffer.from([1]))
        .update(nodes[i]!)
        .update(acc)
        .digest();
    }
    expect(f.size).toBe(2 ** 32);
    expect(f.frontier()).toEqual([acc.toString('hex')]);
    expect(f.root()).toBe(acc.toString('hex'));

    // 2^31 + 1 leaves (sign bit set in 32-bit arithmetic): one merge, then two nodes.
    const g = new MerkleFrontier(2 ** 31 + 1, [nodes[0]!.toString('hex'), nodes[1]!.toString('hex')]);
    g.add('next');
    expect(g.size).toBe(2 ** 31 + 2);
    expect(g.frontier()).toHaveLength(2);
    expect(g.frontier()[0]).toBe(nodes[0]!.toString('hex'));
  });
});
