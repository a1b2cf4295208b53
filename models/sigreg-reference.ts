/**
 * Float64 evaluation of SIGReg (LeJEPA, arXiv 2511.08544) straight from the formula, one
 * Math.cos/Math.sin per knot and sample, no tfjs: the yardstick for models/sigreg.ts.
 *   EP(x) = N · Σ_k w_k [ (mean_j cos(t_k x_j) − e^{−t_k²/2})² + (mean_j sin(t_k x_j))² ]
 */
import { eppsPulleyQuadrature } from './sigreg';

/** Epps–Pulley statistic of one sample x (all 17 knots, including t = 0). */
export function eppsPulleyReference(x: ArrayLike<number>): number {
  const { knots, weights } = eppsPulleyQuadrature();
  const n = x.length;
  let total = 0;
  for (let k = 0; k < knots.length; k++) {
    const t = knots[k]!;
    let c = 0;
    let s = 0;
    for (let j = 0; j < n; j++) {
      c += Math.cos(t * x[j]!);
      s += Math.sin(t * x[j]!);
    }
    total += weights[k]! * ((c / n - Math.exp((-t * t) / 2)) ** 2 + (s / n) ** 2);
  }
  return n * total;
}

/** SIGReg of z ([n, d] row-major) over the columns of directions ([d, slices] row-major), in float64. */
export function sigregReference(
  z: Float64Array,
  n: number,
  d: number,
  directions: Float64Array | Float32Array,
  slices: number,
): number {
  if (z.length !== n * d || directions.length !== d * slices) {
    throw new RangeError(`sigregReference: sizes ${z.length} and ${directions.length} do not match [${n}, ${d}] and [${d}, ${slices}]`);
  }
  const projection = new Float64Array(n);
  let total = 0;
  for (let m = 0; m < slices; m++) {
    for (let j = 0; j < n; j++) {
      let p = 0;
      for (let i = 0; i < d; i++) p += z[j * d + i]! * directions[i * slices + m]!;
      projection[j] = p;
    }
    total += eppsPulleyReference(projection);
  }
  return total / slices;
}
