/**
 * Paired differences over seeds with a 95 % Student-t interval: runs that share a seed share their
 * data, initial weights and probe clips, so the per-seed difference d_s = a_s − b_s removes what the
 * seeds have in common, and mean(d) ± t_{0.975, n−1} · sd(d) / √n is the usual paired-t interval
 * (Student 1908; e.g. Rice, Mathematical Statistics and Data Analysis, §11.3). Pure: no DOM, no Node.
 */
import { formatMeanSpread, summarize, type SeedSummary } from './seed-stats';

/** Summary of the paired differences, with the ends of their 95 % interval (NaN with fewer than 2 pairs). */
export interface PairedDifference extends SeedSummary {
  low95: number;
  high95: number;
}

/**
 * P(|T| < t) for Student's t with ν degrees of freedom, in closed form for integer ν
 * (Abramowitz & Stegun 26.7.3–4), θ = atan(t / √ν): 2θ/π + (2/π) sinθ cosθ Σ (odd ν), sinθ Σ (even ν).
 */
function centralProbability(t: number, nu: number): number {
  const theta = Math.atan(t / Math.sqrt(nu));
  const c2 = Math.cos(theta) ** 2;
  if (nu % 2 === 1) {
    let term = 1;
    let sum = nu > 1 ? 1 : 0;
    for (let k = 3; k <= nu - 2; k += 2) sum += (term *= (c2 * (k - 1)) / k);
    return (2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta) * sum);
  }
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= nu - 2; k += 2) sum += (term *= (c2 * (k - 1)) / k);
  return Math.sin(theta) * sum;
}

/** The 0.975 quantile of Student's t with `nu` (a positive integer) degrees of freedom, by bisection on A&S 26.7.3–4. */
export function studentT975(nu: number): number {
  if (!Number.isInteger(nu) || nu < 1) throw new RangeError(`studentT975: degrees of freedom ${nu} is not allowed; allowed: a positive integer`);
  let low = 0;
  let high = 64; // t_{0.975} is 12.71 at ν = 1 and falls with ν
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (centralProbability(mid, nu) < 0.95) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * Differences a[i] − b[i] of paired values (the same seed at index i): their summary and the 95 %
 * t interval of their mean. A pair with a non-finite side is left out and counted as non-finite.
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`pairedDifference: ${a.length} and ${b.length} values are not pairs`);
  const s = summarize(a.map((x, i) => x - b[i]!));
  if (s.n < 2) return { ...s, low95: Number.NaN, high95: Number.NaN };
  const half = (studentT975(s.n - 1) * s.std) / Math.sqrt(s.n);
  return { ...s, low95: s.mean - half, high95: s.mean + half };
}

function isPairedDifference(s: SeedSummary): s is PairedDifference {
  return 'low95' in s && 'high95' in s;
}

/** x with its sign always written, "-" as in formatMeanSpread. */
function signed(x: number, digits: number): string {
  return `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(digits)}`;
}

/**
 * A headline summary as text: a paired difference as "+0.012 (95 % CI -0.004 … +0.028, n = 3)",
 * any other summary as formatMeanSpread writes it.
 */
export function formatSummary(s: SeedSummary, digits = 3): string {
  if (!isPairedDifference(s) || s.n < 2) return formatMeanSpread(s, digits);
  const nonFinite = s.nonFinite > 0 ? `, ${s.nonFinite} non-finite` : '';
  return `${signed(s.mean, digits)} (95 % CI ${signed(s.low95, digits)} … ${signed(s.high95, digits)}, n = ${s.n}${nonFinite})`;
}
