/** Least-squares slope of log y on log x: the exponent k of a power law y ∝ x^k (all values > 0). */
export function powerLawExponent(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2 || points.some((p) => !(p.x > 0) || !(p.y > 0))) throw new RangeError('powerLawExponent: needs at least two points with x > 0 and y > 0');
  const xs = points.map((p) => Math.log(p.x));
  const ys = points.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return sxy / sxx;
}
