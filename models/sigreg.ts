/**
 * SIGReg, the anti-collapse term of LeJEPA (Balestriero & LeCun, "LeJEPA: Provable and Scalable
 * Self-Supervised Learning Without the Heuristics", arXiv 2511.08544; reference code
 * galilai-group/lejepa). It pushes the embeddings towards an isotropic Gaussian by testing random
 * 1-D projections ("slices") of them for normality with the Epps–Pulley statistic:
 *
 *   EP(x) = N · Σ_k w_k [ (mean_j cos(t_k x_j) − e^{−t_k²/2})² + (mean_j sin(t_k x_j))² ]
 *
 * the trapezoid rule (17 knots on [0, 3], doubled because the integrand is even) applied to
 * N·∫ |φ̂(t) − e^{−t²/2}|² e^{−t²/2} dt, φ̂ the empirical characteristic function.
 * SIGReg(Z) = mean of EP(Z a_m) over M unit directions a_m, new ones every step.
 */
import * as tf from '@tensorflow/tfjs';
import { Random } from '../datasets/random';
import { matMulConstantRight } from './constant-matmul';
import { eppsPulleyWasmKernel } from './epps-pulley-wasm';
import { onWasm, runWasmKernel } from './wasm-kernel';

/** Slices per step (the paper's large runs use 1024). */
export const SIGREG_DEFAULT_SLICES = 256;

const KNOT_COUNT = 17;
const T_MAX = 3;
/** Knot spacing Δ: t_k = kΔ. */
const DT = T_MAX / (KNOT_COUNT - 1);
/** Guards the normalisation of a (practically impossible) all-zero direction. */
const DIRECTION_EPS = 1e-12;
/** AddN inputs per call: WebGPU guarantees only 8 storage buffers per shader, one is the output. */
const ADDN_MAX_INPUTS = 7;

/** The 17 knots t_k = 3k/16 and weights w_k = 2 · trapezoid weight · e^{−t_k²/2}. */
export function eppsPulleyQuadrature(): { knots: Float64Array; weights: Float64Array } {
  const knots = new Float64Array(KNOT_COUNT);
  const weights = new Float64Array(KNOT_COUNT);
  for (let k = 0; k < KNOT_COUNT; k++) {
    const t = k * DT;
    const trapezoid = k === 0 || k === KNOT_COUNT - 1 ? DT / 2 : DT;
    knots[k] = t;
    weights[k] = 2 * trapezoid * Math.exp((-t * t) / 2);
  }
  return { knots, weights };
}

/**
 * M random unit directions for SIGReg as a [dim, slices] row-major matrix (one direction per
 * column): Gaussian entries from the project PRNG, each column divided by its norm. Pass a
 * per-step seed (e.g. deriveSeed(runSeed, step)): same seed → same directions on every backend.
 */
export function sigregDirections(dim: number, slices: number, seed: number): Float32Array {
  for (const [name, v] of [['dim', dim], ['slices', slices]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`sigregDirections: ${name} must be a positive integer, got ${v}`);
  }
  const rng = new Random(seed);
  const raw = new Float64Array(dim * slices);
  for (let i = 0; i < raw.length; i++) raw[i] = rng.normal();
  const out = new Float32Array(dim * slices);
  for (let m = 0; m < slices; m++) {
    let sq = 0;
    for (let i = 0; i < dim; i++) sq += raw[i * slices + m]! ** 2;
    const norm = Math.max(Math.sqrt(sq), DIRECTION_EPS);
    for (let i = 0; i < dim; i++) out[i * slices + m] = raw[i * slices + m]! / norm;
  }
  return out;
}

/** Sum of many same-shape tensors in AddN calls small enough for every backend. */
function addMany(terms: tf.Tensor[]): tf.Tensor {
  let level = terms;
  while (level.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += ADDN_MAX_INPUTS) {
      const group = level.slice(i, i + ADDN_MAX_INPUTS);
      next.push(group.length === 1 ? group[0]! : tf.addN(group));
    }
    level = next;
  }
  return level[0]!;
}

// Cody–Waite split of π/2 (cephes sinf, doubled): A and B have 8 and 13 significant bits, so
// q·A and q·B are exact in float32 for |q| ≤ 2048 (|Δx| ≤ 3200).
const HALF_PI_A = 1.5703125;
const HALF_PI_B = 4.837512969970703125e-4;
const HALF_PI_C = 7.54978995489188216e-8;

/**
 * cos θ and sin θ to ~1e-7 from mul/add/floor only: the GPUs' own sin/cos/tan are too coarse
 * (WGSL allows 2^-11 absolute error; SwiftShader's are off by 1.9e-4, which moves SIGReg by 2e-4).
 * θ = q·π/2 + r with |r| ≤ π/4, cephes' minimax polynomials for sin r and cos r, then a
 * rotation by the quadrant m = q mod 4: cos(mπ/2) = |m − 2| − 1, sin(mπ/2) = 1 − |m − 1|.
 */
function cosSin(theta: tf.Tensor2D): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  const q = tf.floor(tf.add(tf.mul(theta, 2 / Math.PI), 0.5));
  const r = tf.sub(tf.sub(tf.sub(theta, tf.mul(q, HALF_PI_A)), tf.mul(q, HALF_PI_B)), tf.mul(q, HALF_PI_C));
  const z = tf.square(r);
  const sinPoly = tf.add(tf.mul(tf.add(tf.mul(z, -1.9515295891e-4), 8.3321608736e-3), z), -1.6666654611e-1);
  const sinR = tf.add(r, tf.mul(tf.mul(r, z), sinPoly));
  const cosPoly = tf.add(tf.mul(tf.add(tf.mul(z, 2.443315711809948e-5), -1.388731625493765e-3), z), 4.166664568298827e-2);
  const cosR = tf.add(tf.sub(1, tf.mul(z, 0.5)), tf.mul(tf.square(z), cosPoly));
  const m = tf.sub(q, tf.mul(tf.floor(tf.mul(q, 0.25)), 4));
  const cosQ = tf.sub(tf.abs(tf.sub(m, 2)), 1);
  const sinQ = tf.sub(1, tf.abs(tf.sub(m, 1)));
  return {
    cos: tf.sub(tf.mul(cosR, cosQ), tf.mul(sinR, sinQ)),
    sin: tf.add(tf.mul(sinR, cosQ), tf.mul(cosR, sinQ)),
  };
}

/**
 * cos(kΔx) and sin(kΔx) for k = 1..count. Only the first harmonic is evaluated (cosSin); the rest
 * follow by angle addition, cos((k+1)Δx) = cos kΔx cos Δx − sin kΔx sin Δx (and likewise sin),
 * whose float32 error grows only linearly in k: elementwise mul/add instead of 2·16 sin/cos.
 * (The cheaper Chebyshev recurrence y_{k+1} = 2 cos Δx · y_k − y_{k−1} is not used: it amplifies
 * the rounding of cos Δx by up to k/|sin Δx|, measured 1.1e-5 relative on a slice constant at 0.3.)
 */
function harmonics(x: tf.Tensor2D, count: number): { cos: tf.Tensor2D[]; sin: tf.Tensor2D[] } {
  const first = cosSin(tf.mul(x, DT));
  const cos = [first.cos];
  const sin = [first.sin];
  for (let k = 1; k < count; k++) {
    const [c, s] = [cos[k - 1]!, sin[k - 1]!];
    cos.push(tf.sub(tf.mul(c, first.cos), tf.mul(s, first.sin)));
    sin.push(tf.add(tf.mul(s, first.cos), tf.mul(c, first.sin)));
  }
  return { cos, sin };
}

/**
 * Epps–Pulley statistic of every column of x ([N, M] → [M]; see the file comment), with an
 * analytic gradient: ∂EP_m/∂x_jm = Σ_k 2 w_k t_k [ s̄_km cos(t_k x_jm) − (c̄_km − e^{−t_k²/2}) sin(t_k x_jm) ]
 * (c̄, s̄ the column means of cos and sin), computed in the forward pass while the harmonics are
 * at hand (a forward-only call pays for it too) and saved; first-order gradients only. Knot 0
 * (t = 0) is skipped: cos 0 = e^0 and sin 0 = 0, so its term is identically zero. On wasm the
 * whole evaluation is one fused float64 kernel (models/epps-pulley-wasm.ts); elsewhere it is
 * composed from elementwise ops and matMuls as below.
 */
export function eppsPulleyPerSlice(x: tf.Tensor2D): tf.Tensor1D {
  if (x.rank !== 2 || x.shape[0] < 1) throw new Error(`eppsPulleyPerSlice: expected [N ≥ 1, M] samples, got shape [${x.shape}]`);
  if (onWasm() && x.dtype === 'float32') return fusedEppsPulley(x);
  const [n, m] = x.shape;
  const { knots, weights } = eppsPulleyQuadrature();
  const kk = KNOT_COUNT - 1; // knots 1..16
  const phi = Array.from(knots.subarray(1), (t) => Math.exp((-t * t) / 2));
  const scaledWeights = Array.from(weights.subarray(1), (w) => n * w);
  const gradWeights = Array.from(knots.subarray(1), (t, i) => 2 * weights[i + 1]! * t);
  const ep = tf.customGrad((...args) => {
    const [samples, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const { cos, sin } = harmonics(samples, kk);
    const average = tf.fill([n, 1], 1 / n) as tf.Tensor2D;
    // Column means as [M, 1] products (cheaper than a reduction over axis 0 on wasm), then [M, K].
    const meanOf = (hs: tf.Tensor2D[]) => tf.concat(hs.map((h) => tf.matMul(h, average, true, false)), 1);
    const deviation = tf.sub(meanOf(cos), tf.tensor2d(phi, [1, kk]));
    const sinMean = meanOf(sin);
    const error = tf.add(tf.square(deviation), tf.square(sinMean));
    const value = tf.reshape(tf.matMul(error, tf.tensor2d(scaledWeights, [kk, 1])), [m]);
    const g = tf.tensor2d(gradWeights, [1, kk]);
    const cosCoef = tf.split(tf.transpose(tf.mul(sinMean, g)), kk, 0);
    const sinCoef = tf.split(tf.transpose(tf.mul(tf.neg(deviation), g)), kk, 0);
    save([addMany([...cos.map((c, k) => tf.mul(c, cosCoef[k]!)), ...sin.map((s, k) => tf.mul(s, sinCoef[k]!))])]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(saved[0]!, tf.reshape(dy, [1, m])),
    };
  });
  return ep(x) as tf.Tensor1D;
}

const fusedKernel = (() => {
  const { knots, weights } = eppsPulleyQuadrature();
  return eppsPulleyWasmKernel({ dt: DT, phi: knots.slice(1).map((t) => Math.exp((-t * t) / 2)), weights: weights.slice(1) });
})();

/** eppsPulleyPerSlice as one fused wasm kernel that returns the value and saves the gradient. */
const fusedEppsPulley = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
  const [value, gradient] = runWasmKernel(fusedKernel, [x], {});
  save([gradient!]);
  return {
    value: value!,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(saved[0]!, tf.reshape(dy, [1, x.shape[1]])),
  };
}) as (x: tf.Tensor2D) => tf.Tensor1D;

/**
 * SIGReg(Z) = mean over the columns a_m of `directions` ([D, M], unit columns from
 * sigregDirections) of EP(Z a_m), for embeddings Z ∈ R^{N×D}. Differentiable w.r.t. Z (the
 * directions are constants); tidy.
 */
export function sigreg(z: tf.Tensor2D, directions: tf.Tensor2D): tf.Scalar {
  if (z.rank !== 2 || directions.rank !== 2 || z.shape[1] !== directions.shape[0]) {
    throw new Error(`sigreg: embeddings [N, D] and directions [D, M] do not match: [${z.shape}] and [${directions.shape}]`);
  }
  return tf.tidy(() => tf.mean(eppsPulleyPerSlice(matMulConstantRight(z, directions))));
}

/**
 * SIGReg of each token position across the batch, averaged: for z ∈ R^{B×N×D}, the mean over
 * positions n and directions a_m of EP(z[:, n, :] a_m), each slice holding the B clips' values at
 * one position. Unlike SIGReg over all B·N tokens it cannot be met by position alone (a spread
 * made only of per-position offsets is a constant slice per position, the collapsed O(B) value):
 * every position must vary from clip to clip — LeWorldModel's SIGReg per time step across the
 * batch, applied per token. Differentiable w.r.t. z; tidy.
 */
export function sigregAcrossBatch(z: tf.Tensor3D, directions: tf.Tensor2D): tf.Scalar {
  const [batch, tokens, width] = z.shape;
  if (width !== directions.shape[0]) throw new Error(`sigregAcrossBatch: embeddings [B, N, D] and directions [D, M] do not match: [${z.shape}] and [${directions.shape}]`);
  return tf.tidy(() => {
    const slices = matMulConstantRight(z.reshape([batch * tokens, width]) as tf.Tensor2D, directions);
    return tf.mean(eppsPulleyPerSlice(slices.reshape([batch, tokens * directions.shape[1]!]) as tf.Tensor2D));
  });
}
