/** Pure helpers for the run progress line: time left from the fraction done, durations, step rates. */

/** Below this fraction done the rate is too noisy to extrapolate from. */
const MIN_FRACTION = 0.01;

/**
 * Milliseconds left, extrapolating the average rate so far: `elapsed / fraction − elapsed`.
 * Null while `fraction` ≤ 1 % (or is not a number) or `elapsedMs` is not a finite, non-negative number;
 * 0 once `fraction` ≥ 1.
 */
export function timeLeftMs(fraction: number, elapsedMs: number): number | null {
  if (fraction >= 1) return 0;
  if (!(fraction > MIN_FRACTION) || !Number.isFinite(elapsedMs) || elapsedMs < 0) return null;
  return elapsedMs / fraction - elapsedMs;
}

/**
 * "45 s", "3 min 05 s", "1 h 02 min" (rounded to the second, then the two largest units);
 * "—" for null or a value that is not finite; negative values read as "0 s".
 */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "0.42 steps/s", "12.3 steps/s", "310 steps/s" (3 significant digits); "—" for null, negative or not finite. */
export function formatRate(stepsPerSecond: number | null): string {
  if (stepsPerSecond === null || !Number.isFinite(stepsPerSecond) || stepsPerSecond < 0) return '—';
  return `${stepsPerSecond.toLocaleString('en-US', { maximumSignificantDigits: 3 })} steps/s`;
}
