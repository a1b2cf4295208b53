/**
 * Feature standardisation for linear probes: each column to zero mean and unit variance with the
 * train set's statistics (what MAE's linear probe does with a BatchNorm without affine terms, He et
 * al. 2022), so the probe's regularisation treats every feature alike.
 */
import { checkCount, checkMatrix } from './matrix-checks';

/** Per-column mean and scale that standardise features: (x − mean) / scale. */
export interface Standardisation {
  mean: Float64Array;
  scale: Float64Array;
}

/** A column whose std is at most this fraction of its largest magnitude is constant up to rounding. */
const CONSTANT_COLUMN_TOLERANCE = 1e-9;

/** Mean of every column of x [n, p]. */
export function columnMeans(x: ArrayLike<number>, n: number, p: number): Float64Array {
  const mean = new Float64Array(p);
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) mean[j] = mean[j]! + x[r * p + j]!;
  for (let j = 0; j < p; j++) mean[j] = mean[j]! / n;
  return mean;
}

/**
 * Mean and population std (denominator n, two passes) of every column of x [n, p]. A column that
 * is constant up to rounding (std ≤ 1e-9 of its largest magnitude) gets scale 1: centred, it is
 * ≈ 0 and carries no signal, where dividing by its tiny std would amplify rounding noise.
 */
export function columnStandardisation(x: ArrayLike<number>, n: number, p: number): Standardisation {
  checkCount('columnStandardisation', 'n', n);
  checkCount('columnStandardisation', 'p', p);
  checkMatrix('columnStandardisation', 'x', x, n, p);
  const mean = columnMeans(x, n, p);
  const variance = new Float64Array(p);
  const largest = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) {
      const v = x[r * p + j]!;
      variance[j] = variance[j]! + (v - mean[j]!) ** 2;
      largest[j] = Math.max(largest[j]!, Math.abs(v));
    }
  }
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const std = Math.sqrt(variance[j]! / n);
    scale[j] = std > CONSTANT_COLUMN_TOLERANCE * largest[j]! ? std : 1;
  }
  return { mean, scale };
}

/**
 * How features are scaled before a probe: 'columns' (each column to unit variance, the default:
 * learned features, whose dimensions have no common unit) or 'shared' (each column centred, all
 * divided by one scale, the root mean column variance: pixels, which share a unit). Per-column
 * scaling is wrong for sparse pixels: a pixel lit in 1 of 256 clips has std ≈ 1/16 and becomes a
 * feature 16 times louder than it is (on one-ball `bouncing` a ridge probe of the raw pixels
 * scores R² 0.56 scaled per column and 0.98 with a shared scale).
 */
export type Scaling = 'columns' | 'shared';

/** Per-column means and one shared scale (root mean column variance, population; 1 if every column is constant). */
export function sharedStandardisation(x: ArrayLike<number>, n: number, p: number): Standardisation {
  checkCount('sharedStandardisation', 'n', n);
  checkCount('sharedStandardisation', 'p', p);
  checkMatrix('sharedStandardisation', 'x', x, n, p);
  const mean = columnMeans(x, n, p);
  let squares = 0;
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) squares += (x[r * p + j]! - mean[j]!) ** 2;
  const shared = squares > 0 ? Math.sqrt(squares / (n * p)) : 1;
  return { mean, scale: new Float64Array(p).fill(shared) };
}

/** The standardisation `scaling` asks for, from x [n, p]. */
export function standardisationOf(scaling: Scaling, x: ArrayLike<number>, n: number, p: number): Standardisation {
  return scaling === 'shared' ? sharedStandardisation(x, n, p) : columnStandardisation(x, n, p);
}

/** Writes (x − mean) / scale, column by column, for x [n, p] into `out` and returns it. */
export function standardise<T extends Float32Array | Float64Array>(x: ArrayLike<number>, n: number, standardisation: Standardisation, out: T): T {
  const { mean, scale } = standardisation;
  const p = mean.length;
  checkMatrix('standardise', 'x', x, n, p);
  checkMatrix('standardise', 'out', out, n, p);
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) out[r * p + j] = (x[r * p + j]! - mean[j]!) / scale[j]!;
  return out;
}

