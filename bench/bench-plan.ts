/**
 * What to measure, in which order, and how much of each measurement to run (pure: no tfjs;
 * shared by Node and Chromium).
 *
 * One measurement = one (backend, model, batch, what): a warm-up (excluded), then `repeats`
 * timings of `stepsPerRepeat` steps, each repeat flushed by one device read.
 * - Warm-up: steps until WARMUP_MS have passed, at least 2 steps (the first compiles shaders /
 *   kernels for the new shapes; the second is steady, and its time plans the repeats), at most 10
 *   (where a step is fast: V8 has then optimised the fused JS kernels).
 * - Steps per repeat: enough for a repeat of about REPEAT_TARGET_MS (1 where a step is slower).
 * - Repeats: 7 where a repeat takes under a second, else 5 (never fewer); `--repeats N` fixes it.
 * - Order: the cheapest cells first (batch 8 default, batch 8 larger, batch 32 default, …), in
 *   each cell race, pixel, jepa.
 * - Budget (`--budget`, default 200 s per backend and environment): before each measurement its
 *   step time is estimated from those already measured on that backend (a smaller batch of the
 *   same model, the other model at the same batch, or the race step for one learner); when the
 *   estimated warm-up + repeats do not fit what is left of the backend's budget, it is skipped and
 *   the table lists it with the estimate. A measurement that turns out, after its warm-up, to need
 *   more than twice what was left is skipped too, with the reason. `--budget none` runs all.
 */
import { MIN_REPEATS, type BenchModel, type StepWhat } from './bench-args';

export const WARMUP_MS = 2000;
export const MIN_WARMUP_STEPS = 2;
export const MAX_WARMUP_STEPS = 10;
export const REPEAT_TARGET_MS = 400;
export const MAX_STEPS_PER_REPEAT = 10;
export const FAST_REPEATS = 7;
/** A repeat shorter than this gets FAST_REPEATS repeats. */
export const FAST_REPEAT_MS = 1000;

/** Batch scaling of step time: ms(b) ≈ ms(b0)·(b/b0)^0.85 (measured 0.6–0.9 on wasm and cpu). */
export const BATCH_EXPONENT = 0.85;
/** The larger model's step over the default's at the same batch (measured 2–6× on wasm, cpu, webgpu). */
export const LARGER_OVER_DEFAULT = 2.5;
/** One learner's step over a race step (both learners). */
export const LEARNER_OVER_RACE = 0.45;

export interface StepKey {
  model: BenchModel;
  batch: number;
  what: StepWhat;
}

export interface KnownStep extends StepKey {
  /** Measured median, or the estimate of a skipped measurement. */
  ms: number;
}

/** The measurements of one backend, cheapest cells first; in each cell race, pixel, jepa. */
export function measurementOrder(models: readonly BenchModel[], batches: readonly number[], whats: readonly StepWhat[]): StepKey[] {
  const cells = [...batches].sort((a, b) => a - b).flatMap((batch) => models.map((model) => ({ model, batch })));
  return cells.flatMap((cell) => (['race', 'pixel', 'jepa'] as const).filter((w) => whats.includes(w)).map((what) => ({ ...cell, what })));
}

/** Estimated ms per step on this backend from the steps already known there; null = no basis. */
export function estimateStepMs(known: readonly KnownStep[], key: StepKey): number | null {
  const sameWhat = known.filter((k) => k.what === key.what);
  // 1. The same model and learner(s) at the nearest smaller batch.
  const smaller = sameWhat.filter((k) => k.model === key.model && k.batch < key.batch).sort((a, b) => b.batch - a.batch)[0];
  if (smaller) return smaller.ms * (key.batch / smaller.batch) ** BATCH_EXPONENT;
  // 2. The other model at the same batch.
  const other = sameWhat.find((k) => k.model !== key.model && k.batch === key.batch);
  if (other) return key.model === 'larger' ? other.ms * LARGER_OVER_DEFAULT : other.ms / LARGER_OVER_DEFAULT;
  // 3. The race step ↔ one learner, same model and batch.
  const sameCell = known.filter((k) => k.model === key.model && k.batch === key.batch);
  const race = sameCell.find((k) => k.what === 'race');
  if (key.what !== 'race' && race) return race.ms * LEARNER_OVER_RACE;
  const learners = sameCell.filter((k) => k.what !== 'race');
  if (key.what === 'race' && learners.length > 0) return learners.reduce((s, k) => s + k.ms, 0) * (learners.length === 1 ? 2 : 1);
  // 4. The other learner alone, same model and batch.
  if (learners.length > 0) return learners[0]!.ms;
  return null;
}

export interface RepeatPlan {
  repeats: number;
  stepsPerRepeat: number;
}

/** Repeats and steps per repeat for a step of `stepMs` (`repeats`: --repeats, or null). */
export function planRepeats(stepMs: number, repeats: number | null = null): RepeatPlan {
  const stepsPerRepeat = Math.min(MAX_STEPS_PER_REPEAT, Math.max(1, Math.round(REPEAT_TARGET_MS / Math.max(stepMs, 1e-3))));
  return { repeats: repeats ?? (stepsPerRepeat * stepMs < FAST_REPEAT_MS ? FAST_REPEATS : MIN_REPEATS), stepsPerRepeat };
}

/** Time a measurement takes for a step of `stepMs`: warm-up + planned repeats (first-step compilation not counted). */
export function measurementCostMs(stepMs: number, repeats: number | null = null): number {
  const plan = planRepeats(stepMs, repeats);
  return Math.max(WARMUP_MS, MIN_WARMUP_STEPS * stepMs) + plan.repeats * plan.stepsPerRepeat * stepMs;
}

/** Reason to skip before running (the estimate does not fit what is left), or null to run. */
export function skipBeforeRun(estimateMs: number | null, leftMs: number | null, repeats: number | null = null): string | null {
  if (estimateMs === null || leftMs === null) return null;
  const cost = measurementCostMs(estimateMs, repeats);
  if (cost <= leftMs) return null;
  return `estimated ${formatDuration(estimateMs)}/step, so warm-up + repeats ≈ ${formatDuration(cost)} > ${formatDuration(Math.max(0, leftMs))} left of this backend's budget (--budget none runs it)`;
}

/** Reason to skip after the warm-up measured `stepMs`, or null to go on (`leftMs`: budget left when the measurement began). */
export function skipAfterWarmup(stepMs: number, leftMs: number | null, repeats: number | null = null): string | null {
  if (leftMs === null) return null;
  const plan = planRepeats(stepMs, repeats);
  const cost = plan.repeats * plan.stepsPerRepeat * stepMs;
  if (cost <= 2 * leftMs) return null;
  return `after its warm-up: a step took ${formatDuration(stepMs)}, so ${plan.repeats} repeats ≈ ${formatDuration(cost)} > 2 × the ${formatDuration(Math.max(0, leftMs))} left of this backend's budget (--budget none runs it)`;
}

/** "850 ms", "14.2 s", "3.1 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}
