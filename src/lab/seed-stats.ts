/**
 * Summary statistics of one metric over seeds (mean, sample standard deviation, range, count) and
 * their one-line rendering for reports. Pure: no DOM, no Node APIs.
 */

/** Statistics of the finite values of one metric over seeds. */
export interface SeedSummary {
  /** Mean of the finite values; NaN when there are none. */
  mean: number;
  /** Sample standard deviation (divides by n − 1); 0 when n = 1, NaN when n = 0. */
  std: number;
  /** Smallest finite value; NaN when there are none. */
  min: number;
  /** Largest finite value; NaN when there are none. */
  max: number;
  /** How many finite values the statistics cover. */
  n: number;
  /** How many inputs were NaN or ±Infinity (a diverged seed, say): left out of every statistic above. */
  nonFinite: number;
}

/** Mean, sample standard deviation, min and max of the finite `values`; non-finite ones are only counted. */
export function summarize(values: readonly number[]): SeedSummary {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  const nonFinite = values.length - n;
  if (n === 0) return { mean: NaN, std: NaN, min: NaN, max: NaN, n, nonFinite };
  const mean = finite.reduce((sum, v) => sum + v, 0) / n;
  const squaredDeviations = finite.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  const std = n === 1 ? 0 : Math.sqrt(squaredDeviations / (n - 1));
  return { mean, std, min: Math.min(...finite), max: Math.max(...finite), n, nonFinite };
}

/**
 * "0.734 ± 0.021 (n = 3)" with `digits` decimals; "0.734 (n = 1)" for a single seed, "n/a" for none.
 * Left-out non-finite seeds are named, e.g. "0.734 ± 0.021 (n = 3, 1 non-finite)" or "n/a (2 non-finite)".
 */
export function formatMeanSpread(s: SeedSummary, digits = 3): string {
  const nonFinite = s.nonFinite > 0 ? `${s.nonFinite} non-finite` : '';
  if (s.n === 0) return nonFinite ? `n/a (${nonFinite})` : 'n/a';
  const count = nonFinite ? `(n = ${s.n}, ${nonFinite})` : `(n = ${s.n})`;
  const mean = s.mean.toFixed(digits);
  return s.n === 1 ? `${mean} ${count}` : `${mean} ± ${s.std.toFixed(digits)} ${count}`;
}
