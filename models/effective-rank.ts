/**
 * Collapse metrics on an embedding matrix Z ∈ R^{N×D} read back from the device (row-major
 * Float32Array). Plain TypeScript in float64: tfjs has no SVD.
 */

const JACOBI_MAX_SWEEPS = 50;
/** Stop when the off-diagonal squared mass is below this fraction of the whole matrix's. */
const JACOBI_TOLERANCE = 1e-26;

function checkShape(what: string, z: ArrayLike<number>, n: number, d: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 1 || d < 1 || z.length !== n * d) {
    throw new RangeError(`${what}: ${z.length} values do not form a [${n}, ${d}] matrix`);
  }
}

/**
 * Eigenvalues of a symmetric matrix (row-major, overwritten) by the cyclic Jacobi method
 * (Golub & Van Loan §8.5): rotate away each off-diagonal entry in turn until the off-diagonal
 * mass is negligible against the whole matrix.
 */
function symmetricEigenvalues(a: Float64Array, size: number): Float64Array {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i]! ** 2;
  for (let sweep = 0; sweep < JACOBI_MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) off += a[p * size + q]! ** 2;
    if (off <= JACOBI_TOLERANCE * total) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q]!;
        if (apq === 0) continue;
        const theta = (a[q * size + q]! - a[p * size + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
        const c = 1 / Math.hypot(t, 1);
        const s = t * c;
        const tau = s / (1 + c);
        a[p * size + p] = a[p * size + p]! - t * apq;
        a[q * size + q] = a[q * size + q]! + t * apq;
        a[p * size + q] = 0;
        a[q * size + p] = 0;
        for (let r = 0; r < size; r++) {
          if (r === p || r === q) continue;
          const g = a[r * size + p]!;
          const h = a[r * size + q]!;
          const rp = g - s * (h + g * tau);
          const rq = h + s * (g - h * tau);
          a[r * size + p] = rp;
          a[p * size + r] = rp;
          a[r * size + q] = rq;
          a[q * size + r] = rq;
        }
      }
    }
  }
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) values[i] = a[i * size + i]!;
  return values;
}

/**
 * The min(N, D) singular values of z ([n, d] row-major), descending: square roots of the
 * eigenvalues of the Gram matrix in float64 (Jacobi), tiny negative eigenvalues clamped to 0.
 * The Gram matrix is ZᵀZ (D×D), or ZZᵀ (N×N) when N < D: both have the same non-zero eigenvalues.
 */
export function singularValues(z: ArrayLike<number>, n: number, d: number): Float64Array {
  checkShape('singularValues', z, n, d);
  // Gram of the rows of the (possibly transposed) matrix: G_ij = Σ_r x_ri x_rj, x_ri = value(r, i).
  const [rows, size, value] = n >= d
    ? [n, d, (r: number, i: number) => z[r * d + i]!]
    : [d, n, (r: number, i: number) => z[i * d + r]!];
  const gram = new Float64Array(size * size);
  const row = new Float64Array(size);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < size; i++) row[i] = value(r, i);
    for (let i = 0; i < size; i++) {
      const xi = row[i]!;
      if (xi === 0) continue;
      for (let j = i; j < size; j++) gram[i * size + j] = gram[i * size + j]! + xi * row[j]!;
    }
  }
  for (let i = 0; i < size; i++) for (let j = 0; j < i; j++) gram[i * size + j] = gram[j * size + i]!;
  const sigma = Array.from(symmetricEigenvalues(gram, size), (l) => Math.sqrt(Math.max(l, 0)));
  return Float64Array.from(sigma.sort((x, y) => y - x));
}

/**
 * RankMe effective rank (Garrido et al., "RankMe: Assessing the downstream performance of
 * pretrained self-supervised representations by their rank", ICML 2023, arXiv 2210.02885):
 * exp(−Σ_k p_k log p_k), p_k = σ_k / Σσ + 1e-7 over the singular values of z. Between ~1
 * (collapsed to a line) and min(N, D); 0 for an all-zero matrix (no singular mass at all).
 */
export function effectiveRank(z: ArrayLike<number>, n: number, d: number): number {
  const sigma = singularValues(z, n, d);
  let sum = 0;
  for (const s of sigma) sum += s;
  if (sum === 0) return 0;
  let entropy = 0;
  for (const s of sigma) {
    const p = s / sum + 1e-7;
    entropy -= p * Math.log(p);
  }
  return Math.exp(entropy);
}

/** Standard deviation of every column of z over the n rows (population, denominator N). */
export function perDimensionStd(z: ArrayLike<number>, n: number, d: number): Float64Array {
  checkShape('perDimensionStd', z, n, d);
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) mean[i] = mean[i]! + z[r * d + i]! / n;
  const std = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) std[i] = std[i]! + (z[r * d + i]! - mean[i]!) ** 2 / n;
  for (let i = 0; i < d; i++) std[i] = Math.sqrt(std[i]!);
  return std;
}

/**
 * Mean cosine similarity over all pairs of distinct rows, in O(N·D): with unit rows u_i,
 * Σ_{i≠j} u_i·u_j = ‖Σ_i u_i‖² − Σ_i ‖u_i‖². 1 when every row points the same way; an all-zero
 * row has no direction and counts as cosine 0 with every other row.
 */
export function meanPairwiseCosine(z: ArrayLike<number>, n: number, d: number): number {
  checkShape('meanPairwiseCosine', z, n, d);
  if (n < 2) throw new RangeError(`meanPairwiseCosine: needs at least 2 rows, got ${n}`);
  const total = new Float64Array(d);
  let selfTerms = 0;
  for (let r = 0; r < n; r++) {
    let sq = 0;
    for (let i = 0; i < d; i++) sq += z[r * d + i]! ** 2;
    if (sq === 0) continue;
    const inv = 1 / Math.sqrt(sq);
    for (let i = 0; i < d; i++) total[i] = total[i]! + z[r * d + i]! * inv;
    selfTerms += 1;
  }
  let sumSq = 0;
  for (let i = 0; i < d; i++) sumSq += total[i]! ** 2;
  return (sumSq - selfTerms) / (n * (n - 1));
}
