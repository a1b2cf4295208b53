/**
 * Ridge-regression linear probe (Hoerl & Kennard 1970, "Ridge regression: biased estimation for
 * nonorthogonal problems", Technometrics 12(1)) on frozen features, for several continuous
 * targets at once. Plain TypeScript in float64, solved exactly by Cholesky (Golub & Van Loan,
 * Matrix Computations, §4.2): the primal system when there are at most as many features as samples, the dual (kernel)
 * system otherwise. The scaled α grid is chosen by validation R² and scored on a test set.
 */
import { checkCount, checkMatrix } from './matrix-checks';
import { columnMeans, columnStandardisation, standardisationOf, standardise, type Scaling, type Standardisation } from './standardise';

/** One split of a regression probe: features x [n, p] and targets y [n, l], row-major. */
export interface RegressionSet {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  n: number;
}

/** A fitted ridge probe: ŷ = ((x − features.mean) / features.scale) · weights + targetMean. */
export interface RidgeModel {
  p: number;
  l: number;
  alpha: number;
  features: Standardisation;
  targetMean: Float64Array;
  /** [p, l] row-major, on standardised features. */
  weights: Float64Array;
}

/** Primal: (XᵀX + αI) W = XᵀY, a p×p system. Dual: W = Xᵀ(XXᵀ + αI)⁻¹Y, an n×n system. */
export type RidgeSolver = 'primal' | 'dual';

export interface RSquared {
  /** Mean of r2PerOutput over the outputs whose truth varies (NaN when none does). */
  r2: number;
  /** 1 − SS_res / SS_tot per output; NaN for an output whose truth is constant (SS_tot = 0). */
  r2PerOutput: number[];
}

export interface RidgeProbeData {
  p: number;
  l: number;
  train: RegressionSet;
  validation: RegressionSet;
  test: RegressionSet;
  /** Feature scaling from the train set (default 'columns'; 'shared' for pixels, see standardise.ts). */
  scaling?: Scaling;
}

export interface RidgeProbeResult extends RSquared {
  /** The α chosen on the validation set (absolute, as in ‖Y − XW‖² + α‖W‖²). */
  alpha: number;
}

/**
 * Default α grid, in units of the train set's size n: α = c·n with c = 10⁻³ … 10³. Minimising
 * ‖Y − XW‖² + c·n‖W‖² is minimising the per-sample mean squared error plus c‖W‖², and on
 * standardised features (diagonal of XᵀX/n equal to 1) c = 1 shrinks a lone feature's weight by
 * half: the grid spans near-least-squares to near-constant whatever the number of samples.
 */
export const RIDGE_ALPHA_FACTORS: readonly number[] = [1e-3, 1e-2, 0.1, 1, 10, 100, 1000];

function checkSet(name: string, argument: string, set: RegressionSet, p: number, l: number): void {
  checkCount(name, `${argument}.n`, set.n);
  checkMatrix(name, `${argument}.x`, set.x, set.n, p);
  checkMatrix(name, `${argument}.y`, set.y, set.n, l);
}

function checkAlpha(name: string, alpha: number): void {
  if (!(alpha >= 0) || !Number.isFinite(alpha)) throw new RangeError(`${name}: alpha must be a finite number ≥ 0, got ${alpha}`);
}

/** Σ_k a[aStart + k]·b[bStart + k] for k < length. */
function dot(a: Float64Array, aStart: number, b: Float64Array, bStart: number, length: number): number {
  let sum = 0;
  for (let k = 0; k < length; k++) sum += a[aStart + k]! * b[bStart + k]!;
  return sum;
}

/**
 * The 4×2 dot products of rows a0…a3 of `a` with rows b0, b1 of `b` (offsets into row-major
 * arrays) over `length` entries, into sums[2u + v]: eight multiply-adds per six loads, where a
 * plain dot product does one per two.
 */
function dot4x2(a: Float64Array, a0: number, a1: number, a2: number, a3: number, b: Float64Array, b0: number, b1: number, length: number, sums: Float64Array): void {
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let s20 = 0;
  let s21 = 0;
  let s30 = 0;
  let s31 = 0;
  for (let k = 0; k < length; k++) {
    const y0 = b[b0 + k]!;
    const y1 = b[b1 + k]!;
    const x0 = a[a0 + k]!;
    const x1 = a[a1 + k]!;
    const x2 = a[a2 + k]!;
    const x3 = a[a3 + k]!;
    s00 += x0 * y0;
    s01 += x0 * y1;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s20 += x2 * y0;
    s21 += x2 * y1;
    s30 += x3 * y0;
    s31 += x3 * y1;
  }
  sums[0] = s00;
  sums[1] = s01;
  sums[2] = s10;
  sums[3] = s11;
  sums[4] = s20;
  sums[5] = s21;
  sums[6] = s30;
  sums[7] = s31;
}

/** Transpose of m [rows, columns]. */
function transpose(m: Float64Array, rows: number, columns: number): Float64Array {
  const out = new Float64Array(rows * columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = m[r * columns + c]!;
  return out;
}

/**
 * A Bᵀ [rowsA, rowsB] for A [rowsA, length] and B [rowsB, length]: dot products of contiguous
 * rows in 4×2 blocks (a partial last block repeats its last row and keeps one copy). With
 * `symmetric` (B = A) only the blocks that reach the lower triangle are computed, then mirrored.
 */
function timesTranspose(a: Float64Array, rowsA: number, b: Float64Array, rowsB: number, length: number, symmetric = false): Float64Array {
  const out = new Float64Array(rowsA * rowsB);
  const sums = new Float64Array(8);
  const rowA = (r: number): number => Math.min(r, rowsA - 1) * length;
  for (let i = 0; i < rowsA; i += 4) {
    const columnsEnd = symmetric ? Math.min(i + 4, rowsB) : rowsB;
    for (let j = 0; j < columnsEnd; j += 2) {
      dot4x2(a, rowA(i), rowA(i + 1), rowA(i + 2), rowA(i + 3), b, j * length, Math.min(j + 1, rowsB - 1) * length, length, sums);
      for (let u = 0; u < 4 && i + u < rowsA; u++) {
        for (let v = 0; v < 2 && j + v < rowsB; v++) out[(i + u) * rowsB + j + v] = sums[2 * u + v]!;
      }
    }
  }
  if (symmetric) for (let i = 0; i < rowsA; i++) for (let j = 0; j < i; j++) out[j * rowsB + i] = out[i * rowsB + j]!;
  return out;
}

/**
 * Lower Cholesky factor L (row-major) of the symmetric a + shift·I, left-looking:
 * L_ij = (a_ij + shift·δ_ij − Σ_{k<j} L_ik L_jk) / L_jj (Golub & Van Loan, Matrix Computations,
 * §4.2; the diagonal entry is the square root of what remains), four rows
 * at a time so that the inner products left of the diagonal block run as 4×2 blocks (`dot4x2`).
 * Throws when a pivot is not positive (not positive definite).
 */
function cholesky(a: Float64Array, size: number, shift: number): Float64Array {
  const factor = new Float64Array(size * size);
  const sums = new Float64Array(8);
  for (let i = 0; i < size; i += 4) {
    const rows = [i, i + 1, i + 2, i + 3].map((r) => Math.min(r, size - 1));
    // Columns left of the block, two at a time (i is a multiple of 4, so j + 1 < i); column j + 1
    // also needs the k = j term, known once column j is.
    for (let j = 0; j < i; j += 2) {
      dot4x2(factor, rows[0]! * size, rows[1]! * size, rows[2]! * size, rows[3]! * size, factor, j * size, (j + 1) * size, j, sums);
      rows.forEach((r, u) => {
        const lrj = (a[r * size + j]! - sums[2 * u]!) / factor[j * size + j]!;
        factor[r * size + j] = lrj;
        factor[r * size + j + 1] = (a[r * size + j + 1]! - sums[2 * u + 1]! - lrj * factor[(j + 1) * size + j]!) / factor[(j + 1) * size + j + 1]!;
      });
    }
    for (let r = i; r < Math.min(i + 4, size); r++) {
      for (let c = i; c < r; c++) factor[r * size + c] = (a[r * size + c]! - dot(factor, r * size, factor, c * size, c)) / factor[c * size + c]!;
      const pivot = a[r * size + r]! + shift - dot(factor, r * size, factor, r * size, r);
      if (!(pivot > 0)) {
        throw new Error(`ridge: Gram matrix + ${shift}·I is not positive definite (pivot ${r} is ${pivot}); use a larger alpha`);
      }
      factor[r * size + r] = Math.sqrt(pivot);
    }
  }
  return factor;
}

/** Solves L Lᵀ X = B in place for B [size, columns]: forward then backward substitution, row operations only. */
function choleskySolve(factor: Float64Array, size: number, b: Float64Array, columns: number): Float64Array {
  for (let i = 0; i < size; i++) {
    const row = i * columns;
    for (let k = 0; k < i; k++) {
      const lik = factor[i * size + k]!;
      for (let c = 0; c < columns; c++) b[row + c] = b[row + c]! - lik * b[k * columns + c]!;
    }
    const inverse = 1 / factor[i * size + i]!;
    for (let c = 0; c < columns; c++) b[row + c] = b[row + c]! * inverse;
  }
  for (let i = size - 1; i >= 0; i--) {
    const row = i * columns;
    const inverse = 1 / factor[i * size + i]!;
    for (let c = 0; c < columns; c++) b[row + c] = b[row + c]! * inverse;
    for (let k = 0; k < i; k++) {
      const lik = factor[i * size + k]!;
      for (let c = 0; c < columns; c++) b[k * columns + c] = b[k * columns + c]! - lik * b[row + c]!;
    }
  }
  return b;
}

/**
 * Ridge weights W [p, l] minimising ‖Y − XW‖² + α‖W‖² for every α, on standardised features xs
 * [n, p] and centred targets yc [n, l]. The Gram matrix (XᵀX, or XXᵀ for the dual) is formed once
 * and only its Cholesky factorisation is redone per α. Both solvers give the same W, by the
 * push-through identity (XᵀX + αI)⁻¹Xᵀ = Xᵀ(XXᵀ + αI)⁻¹.
 */
function ridgeWeights(xs: Float64Array, yc: Float64Array, n: number, p: number, l: number, alphas: readonly number[], solver: RidgeSolver): Float64Array[] {
  const xt = transpose(xs, n, p);
  if (solver === 'primal') {
    const gram = timesTranspose(xt, p, xt, p, n, true);
    const xty = timesTranspose(xt, p, transpose(yc, n, l), l, n);
    return alphas.map((alpha) => choleskySolve(cholesky(gram, p, alpha), p, xty.slice(), l));
  }
  const gram = timesTranspose(xs, n, xs, n, p, true);
  return alphas.map((alpha) => {
    const dual = choleskySolve(cholesky(gram, n, alpha), n, yc.slice(), l);
    return timesTranspose(xt, p, transpose(dual, n, l), l, n);
  });
}

/** Centred copy of y [n, l] and its column means. */
function centreTargets(y: ArrayLike<number>, n: number, l: number): { centred: Float64Array; mean: Float64Array } {
  const mean = columnMeans(y, n, l);
  const centred = new Float64Array(n * l);
  for (let r = 0; r < n; r++) for (let c = 0; c < l; c++) centred[r * l + c] = y[r * l + c]! - mean[c]!;
  return { centred, mean };
}

/** xs W + targetMean [n, l] for standardised xs [n, p] and W [p, l]. */
function predictStandardised(xs: Float64Array, n: number, p: number, weights: Float64Array, targetMean: Float64Array): Float64Array {
  const l = targetMean.length;
  const out = timesTranspose(xs, n, transpose(weights, p, l), l, p);
  for (let r = 0; r < n; r++) for (let c = 0; c < l; c++) out[r * l + c] = out[r * l + c]! + targetMean[c]!;
  return out;
}

/**
 * Fits ridge regression min_W ‖Y − XW‖² + α‖W‖² on features x [n, p] standardised with their own
 * column statistics (`columnStandardisation`) and targets y [n, l] centred on their means (so the
 * intercept, the target mean, is not penalised). `solver` defaults to primal when p ≤ n, dual
 * otherwise (the smaller system); both give the same weights. α = 0 is least squares and throws
 * when the Gram matrix is singular.
 */
export function fitRidge(x: ArrayLike<number>, y: ArrayLike<number>, n: number, p: number, l: number, alpha: number, solver: RidgeSolver = p <= n ? 'primal' : 'dual'): RidgeModel {
  checkCount('fitRidge', 'p', p);
  checkCount('fitRidge', 'l', l);
  checkSet('fitRidge', 'train', { x, y, n }, p, l);
  checkAlpha('fitRidge', alpha);
  const features = columnStandardisation(x, n, p);
  const targets = centreTargets(y, n, l);
  const [weights] = ridgeWeights(standardise(x, n, features, new Float64Array(n * p)), targets.centred, n, p, l, [alpha], solver);
  return { p, l, alpha, features, targetMean: targets.mean, weights: weights! };
}

/** Predictions [n, l] of a fitted ridge model for features x [n, p]. */
export function predictRidge(model: RidgeModel, x: ArrayLike<number>, n: number): Float64Array {
  checkCount('predictRidge', 'n', n);
  checkMatrix('predictRidge', 'x', x, n, model.p);
  return predictStandardised(standardise(x, n, model.features, new Float64Array(n * model.p)), n, model.p, model.weights, model.targetMean);
}

/**
 * Coefficient of determination per output: R²_c = 1 − Σ_r (y_rc − ŷ_rc)² / Σ_r (y_rc − ȳ_c)², ȳ_c
 * the mean of output c over the scored rows; 1 = perfect, 0 = no better than predicting that
 * mean, negative = worse. The mean over outputs is scikit-learn's r2_score(multioutput=
 * 'uniform_average'), except that an output whose truth is constant (SS_tot = 0) has no R² (NaN)
 * and is left out of the mean, where scikit-learn scores it 1 or 0.
 */
export function rSquared(truth: ArrayLike<number>, prediction: ArrayLike<number>, n: number, l: number): RSquared {
  checkCount('rSquared', 'n', n);
  checkCount('rSquared', 'l', l);
  checkMatrix('rSquared', 'truth', truth, n, l);
  checkMatrix('rSquared', 'prediction', prediction, n, l);
  const mean = columnMeans(truth, n, l);
  const residual = new Float64Array(l);
  const total = new Float64Array(l);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < l; c++) {
      residual[c] = residual[c]! + (truth[r * l + c]! - prediction[r * l + c]!) ** 2;
      total[c] = total[c]! + (truth[r * l + c]! - mean[c]!) ** 2;
    }
  }
  const r2PerOutput = Array.from(total, (t, c) => (t > 0 ? 1 - residual[c]! / t : Number.NaN));
  const defined = r2PerOutput.filter((v) => !Number.isNaN(v));
  const r2 = defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : Number.NaN;
  return { r2, r2PerOutput };
}

/** Columns [start, end) of y [n, l]: [n, end − start]. */
function columns(y: ArrayLike<number>, n: number, l: number, start: number, end: number): Float64Array {
  const width = end - start;
  const out = new Float64Array(n * width);
  for (let r = 0; r < n; r++) for (let c = 0; c < width; c++) out[r * width + c] = y[r * l + start + c]!;
  return out;
}

/** Output columns [start, end) of a probe's targets that are scored, and get their α, together. */
export interface OutputGroup {
  start: number;
  end: number;
}

/**
 * Ridge linear probe: fits on `train` for every α of the grid (default RIDGE_ALPHA_FACTORS × the
 * train size), keeps the α with the best mean validation R² (the first in grid order on a tie or
 * when none is defined), and reports that fit's R² on `test`. Validation and test features are
 * standardised with the train statistics (per column, or with one shared scale: `data.scaling`).
 */
export function ridgeProbe(data: RidgeProbeData, alphas: readonly number[] = RIDGE_ALPHA_FACTORS.map((c) => c * data.train.n)): RidgeProbeResult {
  return ridgeProbeGroups(data, [{ start: 0, end: data.l }], alphas)[0]!;
}

/**
 * Several ridge probes on the same features at the cost of one: the outputs of `groups` (column
 * ranges of y) are fitted together, and each group gets the α with its own best mean validation
 * R². Ridge weights are column-wise independent for a given α, so each group's result is exactly
 * what `ridgeProbe` gives for its columns alone; the Gram matrix and its factorisations are shared.
 */
export function ridgeProbeGroups(data: RidgeProbeData, groups: readonly OutputGroup[], alphas: readonly number[] = RIDGE_ALPHA_FACTORS.map((c) => c * data.train.n)): RidgeProbeResult[] {
  const { p, l, train, validation, test } = data;
  checkCount('ridgeProbe', 'p', p);
  checkCount('ridgeProbe', 'l', l);
  checkSet('ridgeProbe', 'train', train, p, l);
  checkSet('ridgeProbe', 'validation', validation, p, l);
  checkSet('ridgeProbe', 'test', test, p, l);
  if (alphas.length === 0) throw new RangeError('ridgeProbe: alphas is empty, needs at least one value');
  for (const alpha of alphas) checkAlpha('ridgeProbe', alpha);
  for (const g of groups) {
    if (!Number.isInteger(g.start) || !Number.isInteger(g.end) || g.start < 0 || g.end > l || g.start >= g.end) {
      throw new RangeError(`ridgeProbe: output group [${g.start}, ${g.end}) is not a non-empty range of the ${l} outputs`);
    }
  }
  const features = standardisationOf(data.scaling ?? 'columns', train.x, train.n, p);
  const targets = centreTargets(train.y, train.n, l);
  const standardised = (set: RegressionSet): Float64Array => standardise(set.x, set.n, features, new Float64Array(set.n * p));
  const candidates = ridgeWeights(standardised(train), targets.centred, train.n, p, l, alphas, p <= train.n ? 'primal' : 'dual');
  const validationX = standardised(validation);
  const validationPredictions = candidates.map((weights) => predictStandardised(validationX, validation.n, p, weights, targets.mean));
  const testX = standardised(test);
  const testPredictions = new Map<number, Float64Array>();
  return groups.map(({ start, end }) => {
    const width = end - start;
    const truth = columns(validation.y, validation.n, l, start, end);
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    validationPredictions.forEach((prediction, i) => {
      const score = rSquared(truth, columns(prediction, validation.n, l, start, end), validation.n, width).r2;
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    if (!testPredictions.has(best)) testPredictions.set(best, predictStandardised(testX, test.n, p, candidates[best]!, targets.mean));
    const prediction = columns(testPredictions.get(best)!, test.n, l, start, end);
    return { ...rSquared(columns(test.y, test.n, l, start, end), prediction, test.n, width), alpha: alphas[best]! };
  });
}
