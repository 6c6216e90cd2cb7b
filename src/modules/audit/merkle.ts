import { createHash } from 'node:crypto';

/**
 * Merkle tree hash of RFC 6962 §2.1 (Certificate Transparency), computed incrementally.
 *
 * MTH({}) = SHA-256(), MTH({d}) = SHA-256(0x00 ‖ d), and for n > 1 with k the largest power of two
 * smaller than n: MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])).
 *
 * The frontier holds the roots of the perfect subtrees that cover the leaves so far, largest first
 * (one per set bit of the leaf count); folding them from the right gives exactly the RFC 6962 root,
 * because each split point k is the size of the leftmost perfect subtree. A checkpoint stores the
 * frontier, so the next checkpoint only hashes the entries added since.
 */
export class MerkleFrontier {
  private readonly nodes: Buffer[];
  private count: number;

  constructor(size = 0, frontier: readonly string[] = []) {
    this.count = size;
    this.nodes = frontier.map((h) => Buffer.from(h, 'hex'));
    if (popcount(size) !== this.nodes.length) {
      throw new Error(
        `a Merkle frontier of ${size} leaves has ${popcount(size)} nodes, not ${this.nodes.length}`,
      );
    }
  }

  /** Number of leaves added. */
  get size(): number {
    return this.count;
  }

  /** Adds one leaf (its data, not its hash). */
  add(leaf: string | Buffer): void {
    let node: Buffer = createHash('sha256').update(LEAF).update(leaf).digest();
    // Merge equal-sized subtrees, as in binary addition: one merge per trailing 1-bit of the count.
    for (let n = this.count; n & 1; n >>= 1) {
      node = nodeHash(this.nodes.pop()!, node);
    }
    this.nodes.push(node);
    this.count++;
  }

  /** The RFC 6962 root over all leaves added so far, hex. */
  root(): string {
    if (this.nodes.length === 0) return createHash('sha256').digest('hex');
    let acc = this.nodes[this.nodes.length - 1]!;
    for (let i = this.nodes.length - 2; i >= 0; i--) acc = nodeHash(this.nodes[i]!, acc);
    return acc.toString('hex');
  }

  /** The perfect-subtree roots, largest first, hex: enough to resume later. */
  frontier(): string[] {
    return this.nodes.map((b) => b.toString('hex'));
  }
}

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) c += x % 2;
  return c;
}

/** The RFC 6962 root computed recursively from the definition; the oracle for tests. */
export function merkleRootRecursive(leaves: readonly (string | Buffer)[]): string {
  const mth = (from: number, to: number): Buffer => {
    const n = to - from;
    if (n === 0) return createHash('sha256').digest();
    if (n === 1) return createHash('sha256').update(LEAF).update(leaves[from]!).digest();
    let k = 1;
    while (k * 2 < n) k *= 2;
    return nodeHash(mth(from, from + k), mth(from + k, to));
  };
  return mth(0, leaves.length).toString('hex');
}
