/** Test data: k orthonormal rows of length d (Gram–Schmidt on Gaussian vectors from the project PRNG), row-major [k, d]. */
import { Random } from '../../datasets/random';

export function orthonormalRows(k: number, d: number, seed: number): Float64Array {
  const rng = new Random(seed);
  const q = new Float64Array(k * d);
  for (let i = 0; i < k; i++) {
    const v = Array.from({ length: d }, () => rng.normal());
    for (let p = 0; p < i; p++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += v[j]! * q[p * d + j]!;
      for (let j = 0; j < d; j++) v[j] = v[j]! - dot * q[p * d + j]!;
    }
    const norm = Math.hypot(...v);
    for (let j = 0; j < d; j++) q[i * d + j] = v[j]! / norm;
  }
  return q;
}
