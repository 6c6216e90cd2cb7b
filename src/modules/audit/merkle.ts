import { createHash, hash } from 'node:crypto';

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
  /** Node hashes as binary strings (one char per byte): cheaper to create than 32-byte Buffers. */
  private readonly nodes: string[];
  private count: number;

  constructor(size = 0, frontier: readonly string[] = []) {
    this.count = size;
    this.nodes = frontier.map((h) => Buffer.from(h, 'hex').toString('latin1'));
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
    let node = leafHash(leaf);
    // Merge equal-sized subtrees, as in binary addition: one merge per trailing 1-bit of the count.
    // Arithmetic rather than `&` / `>>=`, which work on 32-bit integers: at 2^32 - 1 leaves the
    // sign-extending shift never reaches 0 and the loop would pop past the last node.
    for (let n = this.count; n % 2 === 1; n = (n - 1) / 2) {
      node = nodeHash(this.nodes.pop()!, node);
    }
    this.nodes.push(node);
    this.count++;
  }

  /** The RFC 6962 root over all leaves added so far, hex. */
  root(): string {
    if (this.nodes.length === 0) return hash('sha256', '', 'hex');
    let acc = this.nodes[this.nodes.length - 1]!;
    for (let i = this.nodes.length - 2; i >= 0; i--) acc = nodeHash(this.nodes[i]!, acc);
    return Buffer.from(acc, 'latin1').toString('hex');
  }

  /** The perfect-subtree roots, largest first, hex: enough to resume later. */
  frontier(): string[] {
    return this.nodes.map((b) => Buffer.from(b, 'latin1').toString('hex'));
  }
}

/**
 * Leaf and node hashes are computed over one reused buffer with the one-shot `crypto.hash`, and kept
 * as binary strings: a checkpoint of a million entries makes two million of them, and a Hash object
 * or a Buffer each cost more than the SHA-256. Module-private and only used synchronously.
 */
let scratch = Buffer.allocUnsafe(4096);

function room(bytes: number): Buffer {
  if (scratch.length < bytes) scratch = Buffer.allocUnsafe(Math.max(bytes, scratch.length * 2));
  return scratch;
}

/** SHA-256(0x00 ‖ d): the leaf hash of RFC 6962 §2.1; a string leaf is hashed as its UTF-8. */
function leafHash(leaf: string | Buffer): string {
  let end: number;
  if (typeof leaf === 'string') {
    const buf = room(1 + leaf.length * 3);
    buf[0] = 0x00;
    end = 1 + buf.write(leaf, 1, 'utf8');
  } else {
    const buf = room(1 + leaf.length);
    buf[0] = 0x00;
    end = 1 + leaf.copy(buf, 1);
  }
  return hash('sha256', scratch.subarray(0, end), 'binary'); // 'binary' is latin1
}

/** SHA-256(0x01 ‖ left ‖ right): the interior node hash of RFC 6962 §2.1, over binary strings. */
function nodeHash(left: string, right: string): string {
  const buf = room(1 + left.length + right.length);
  buf[0] = 0x01;
  const l = buf.write(left, 1, 'latin1');
  const r = buf.write(right, 1 + l, 'latin1');
  return hash('sha256', buf.subarray(0, 1 + l + r), 'binary');
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) c += x % 2;
  return c;
}

/**
 * The RFC 6962 root computed recursively from the definition; the oracle for tests. It shares no
 * hashing code with MerkleFrontier, so that it stays an independent check.
 */
export function merkleRootRecursive(leaves: readonly (string | Buffer)[]): string {
  const sha256 = (...parts: (string | Buffer)[]): Buffer => {
    const h = createHash('sha256');
    for (const part of parts) h.update(part);
    return h.digest();
  };
  const mth = (from: number, to: number): Buffer => {
    const n = to - from;
    if (n === 0) return sha256();
    if (n === 1) return sha256(Buffer.from([0x00]), leaves[from]!);
    let k = 1;
    while (k * 2 < n) k *= 2;
    return sha256(Buffer.from([0x01]), mth(from, from + k), mth(from + k, to));
  };
  return mth(0, leaves.length).toString('hex');
}
