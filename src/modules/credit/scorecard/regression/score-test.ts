/**
 * Rao's score test for adding each candidate variable to a fitted logistic model, from the current
 * fit alone (Rao 1948; for GLMs see McCullagh & Nelder, *Generalized Linear Models*, 1989, §4.4.5).
 * With residuals r = w∘(y − p) and weights W = diag(w·p(1 − p)) at the current fit, the score for a
 * candidate x is U = xᵀr and its efficient information is V = xᵀWx + λ − bᵀH⁻¹b, with b = XᵀWx and
 * H = XᵀWX + λI the model's information; U²/V is asymptotically χ²₁ like the likelihood-ratio
 * statistic, but needs no refit: one pass over the rows serves every candidate.
 *
 * The same quantities give a one-step Newton estimate of the enlarged model (γ = U/V for the new
 * coefficient, β − H⁻¹b·γ for the others), which is used to warm-start its fit.
 */
import { choleskyFactor, choleskySolve } from './cholesky.js';
import {
  addRectangularBlock,
  addSymmetricBlock,
  BLOCK_ROWS,
  blockBuffers,
  mirrorUpper,
} from './cross-product.js';

/** Score statistics of the candidates, and warm starts for the enlarged fits. */
export interface ScoreTests {
  /** U²/V per candidate; 0 for a candidate that is (numerically) a combination of the model's columns. */
  readonly statistic: Float64Array;
  /** One-step Newton start [β_0, …, β_k, γ] for the model with candidate `c` added last. */
  start(c: number): Float64Array;
}

/** A candidate whose V is below this fraction of xᵀWx + λ adds nothing the model does not already span. */
const ALIASED = 1e-10;

/**
 * Score tests of `candidates` against the model with design `model` (without intercept), fitted with
 * coefficients `beta` and linear predictor `eta`, under the same case weights and L2 penalty.
 */
export function scoreTests(
  model: readonly Float64Array[],
  candidates: readonly Float64Array[],
  y: Uint8Array,
  weights: Float64Array | undefined,
  eta: Float64Array,
  beta: Float64Array,
  l2: number,
): ScoreTests {
  const m = model.length + 1;
  const count = candidates.length;
  const x = blockBuffers(m);
  const wx = blockBuffers(m);
  const xc = blockBuffers(count);
  const wxc = blockBuffers(count);
  const residual = new Float64Array(BLOCK_ROWS);
  x[0]!.fill(1);
  const h = new Float64Array(m * m);
  const b = new Float64Array(count * m);
  const score = new Float64Array(count);
  const square = new Float64Array(count);
  const n = eta.length;
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const len = Math.min(BLOCK_ROWS, n - start);
    const w = wx[0]!;
    for (let i = 0; i < len; i++) {
      const row = start + i;
      const wt = weights === undefined ? 1 : weights[row]!;
      const e = eta[row]!;
      const ex = Math.exp(-Math.abs(e));
      const inv = 1 / (1 + ex);
      w[i] = wt * ex * inv * inv;
      residual[i] = wt * (y[row]! - (e >= 0 ? inv : ex * inv));
    }
    for (let a = 1; a < m; a++) {
      const source = model[a - 1]!;
      const xa = x[a]!;
      const wa = wx[a]!;
      for (let i = 0; i < len; i++) {
        const v = source[start + i]!;
        xa[i] = v;
        wa[i] = w[i]! * v;
      }
    }
    for (let c = 0; c < count; c++) {
      const source = candidates[c]!;
      const xa = xc[c]!;
      const wa = wxc[c]!;
      let u = 0;
      let q = 0;
      for (let i = 0; i < len; i++) {
        const v = source[start + i]!;
        const wv = w[i]! * v;
        xa[i] = v;
        wa[i] = wv;
        u += residual[i]! * v;
        q += wv * v;
      }
      score[c] = score[c]! + u;
      square[c] = square[c]! + q;
    }
    addSymmetricBlock(wx, x, len, h, m);
    addRectangularBlock(wxc, x, len, b, m);
  }
  mirrorUpper(h, m);
  for (let j = 1; j < m; j++) h[j * m + j] = h[j * m + j]! + l2;
  const statistic = new Float64Array(count);
  const solved: Float64Array[] = [];
  const information = new Float64Array(count);
  const singular = choleskyFactor(h, m) !== -1;
  for (let c = 0; c < count; c++) {
    const bc = b.slice(c * m, (c + 1) * m);
    const hb = singular ? bc.fill(0) : choleskySolve(h, m, bc.slice());
    let v = square[c]! + l2;
    for (let a = 0; a < m; a++) v -= b[c * m + a]! * hb[a]!;
    solved.push(hb);
    information[c] = v;
    statistic[c] = !singular && v > ALIASED * (square[c]! + l2) ? score[c]! ** 2 / v : 0;
  }
  return {
    statistic,
    start(c: number): Float64Array {
      const gamma = statistic[c]! > 0 ? score[c]! / information[c]! : 0;
      const hb = solved[c]!;
      const out = new Float64Array(m + 1);
      for (let a = 0; a < m; a++) out[a] = beta[a]! - hb[a]! * gamma;
      out[m] = gamma;
      return out;
    },
  };
}
