/**
 * Times race steps on the active tfjs backend: warm-up excluded, then `repeats` timings of
 * `stepsPerRepeat` steps each, flushed by one device read at the end of each repeat (so GPU
 * queues are included); reports the median and spread in ms per step.
 *
 * `runSuite` is the body of `npm run bench` in one environment (Node: bench/race-step.bench.ts;
 * Chromium: bench/race-step.browser.bench.ts): per backend, model, batch and what (race = both
 * learners; pixel / jepa = a RaceTrainer with `learners: [that one]`), planned by bench-plan.ts;
 * plus the clip generation rate of the default bouncing scene through the BatchSampler.
 */
import { BatchSampler } from '../datasets/batch-sampler';
import { createScene } from '../datasets/registry';
import type { BackendSelection } from '../models/backend';
import { RACE_DEFAULTS, type RaceConfig } from '../models/race-config';
import { RaceTrainer } from '../models/race-trainer';
import { sceneBatchSource } from '../models/scene-source';
import { backendsFor, BENCH_MODELS, MIN_REPEATS, STEP_WHATS, type BenchBackend, type BenchEnv, type BenchRequest } from './bench-args';
import { estimateStepMs, formatDuration, MAX_WARMUP_STEPS, measurementOrder, MIN_WARMUP_STEPS, planRepeats, skipAfterWarmup, skipBeforeRun, WARMUP_MS, type KnownStep, type StepKey } from './bench-plan';
import { formatMs, median, type BenchEvent, type ClipRow, type EnvInfo, type EnvResult, type SkippedRow, type StepRow } from './bench-table';

export interface StepTiming {
  backend: string;
  batch: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  repeats: number;
  stepsPerRepeat: number;
  parameters: { pixel: number; jepa: number };
}

/** ms in the JSON: to the microsecond. */
const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

/** Lets the event loop run (page RPC, timers) between timed sections; never inside one. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One step, flushed by reading its losses back (one device read). */
async function flushedStep(trainer: RaceTrainer): Promise<void> {
  const pending = trainer.step(true)!;
  await trainer.read(pending);
}

/** Times `repeats` × `stepsPerRepeat` steps; ms per step of each repeat. */
async function timeRepeats(trainer: RaceTrainer, repeats: number, stepsPerRepeat: number): Promise<number[]> {
  const perStep: number[] = [];
  for (let r = 0; r < repeats; r++) {
    await breathe();
    const start = performance.now();
    for (let i = 0; i < stepsPerRepeat - 1; i++) trainer.step(false);
    await flushedStep(trainer);
    perStep.push((performance.now() - start) / stepsPerRepeat);
  }
  return perStep;
}

function trainerFor(config: RaceConfig, sceneParams: Record<string, unknown> = {}): RaceTrainer {
  const scene = createScene('bouncing', sceneParams, 1);
  return new RaceTrainer(config, sceneBatchSource(scene, 'train', config.batch));
}

/**
 * Fixed warm-up and repeats, on the bouncing scene with `sceneParams` (e.g. { frames, height,
 * width }; default: the scene's defaults). Used by bench/scaling.bench.ts.
 */
export async function timeRaceSteps(
  backend: string,
  config: Partial<RaceConfig> = {},
  repeats = 5,
  stepsPerRepeat = 3,
  warmup = 3,
  sceneParams: Record<string, unknown> = {},
): Promise<StepTiming> {
  const full: RaceConfig = { ...RACE_DEFAULTS, ...config };
  const trainer = trainerFor(full, sceneParams);
  try {
    for (let i = 0; i < warmup; i++) await flushedStep(trainer);
    const perStep = await timeRepeats(trainer, repeats, stepsPerRepeat);
    const parameters = trainer.parameterCounts();
    return { backend, batch: full.batch, medianMs: median(perStep), minMs: Math.min(...perStep), maxMs: Math.max(...perStep), repeats, stepsPerRepeat, parameters };
  } finally {
    trainer.dispose();
  }
}

export interface MeasureContext {
  env: BenchEnv;
  backend: BenchBackend;
  adapter: string | null;
  /** What is left of this backend's budget, in ms; null = no budget. */
  leftMs: number | null;
  /** `--repeats`, or null for automatic. */
  repeats: number | null;
}

/**
 * One measurement, planned by bench-plan.ts; `known` (this backend's steps so far) grows by one.
 * `onWarmupStep` hears each warm-up step's time.
 */
export async function measureStep(
  ctx: MeasureContext,
  key: StepKey,
  known: KnownStep[],
  onWarmupStep?: (n: number, ms: number) => void,
): Promise<StepRow | SkippedRow> {
  const base = { env: ctx.env, backend: ctx.backend, adapter: ctx.adapter, model: key.model, batch: key.batch, what: key.what };
  const estimate = estimateStepMs(known, key);
  const before = skipBeforeRun(estimate, ctx.leftMs, ctx.repeats);
  if (before !== null) {
    known.push({ ...key, ms: estimate! });
    return { ...base, reason: before, estimatedMs: round3(estimate!) };
  }
  const learners: RaceConfig['learners'] = key.what === 'race' ? ['pixel', 'jepa'] : [key.what];
  const trainer = trainerFor({ ...RACE_DEFAULTS, ...BENCH_MODELS[key.model], batch: key.batch, learners });
  try {
    const warmupStart = performance.now();
    const warmupMs: number[] = [];
    for (;;) {
      const t0 = performance.now();
      await flushedStep(trainer);
      warmupMs.push(performance.now() - t0);
      onWarmupStep?.(warmupMs.length, warmupMs.at(-1)!);
      if (warmupMs.length >= MAX_WARMUP_STEPS || (warmupMs.length >= MIN_WARMUP_STEPS && performance.now() - warmupStart >= WARMUP_MS)) break;
      await breathe();
    }
    const lastMs = warmupMs.at(-1)!;
    const after = skipAfterWarmup(lastMs, ctx.leftMs, ctx.repeats);
    if (after !== null) {
      known.push({ ...key, ms: lastMs });
      return { ...base, reason: after, estimatedMs: round3(lastMs) };
    }
    const plan = planRepeats(lastMs, ctx.repeats);
    const perStep = await timeRepeats(trainer, plan.repeats, plan.stepsPerRepeat);
    const counts = trainer.parameterCounts();
    const row: StepRow = {
      ...base,
      medianMs: round3(median(perStep)),
      minMs: round3(Math.min(...perStep)),
      maxMs: round3(Math.max(...perStep)),
      repeats: plan.repeats,
      stepsPerRepeat: plan.stepsPerRepeat,
      parameters: Object.fromEntries(learners.map((l) => [l, counts[l]])),
      warmupSteps: warmupMs.length,
      firstStepMs: round3(warmupMs[0]!),
    };
    known.push({ ...key, ms: row.medianMs });
    return row;
  } finally {
    trainer.dispose();
  }
}

export const CLIP_SCENE = 'bouncing';
const CLIP_WARMUP_MS = 1000;
const CLIP_REPEAT_MS = 300;
const CLIP_REPEATS = 7;

/**
 * Clips/s of the default bouncing scene through the BatchSampler at `batch` (as bench/scenes.bench.ts:
 * a 1 s warm-up, then 7 repeats of about 0.3 s; median, min, max).
 */
export async function measureClipRate(env: BenchEnv, batch: number): Promise<ClipRow> {
  const sampler = new BatchSampler(createScene(CLIP_SCENE, {}, 1), 'train', batch);
  let step = 0;
  const end = performance.now() + CLIP_WARMUP_MS;
  while (performance.now() < end) sampler.sample(step++);
  const batchesPerRepeat = Math.max(1, Math.round((step * CLIP_REPEAT_MS) / CLIP_WARMUP_MS));
  const rates: number[] = [];
  for (let r = 0; r < CLIP_REPEATS; r++) {
    await breathe();
    const start = performance.now();
    for (let i = 0; i < batchesPerRepeat; i++) sampler.sample(step++);
    rates.push((batchesPerRepeat * batch) / ((performance.now() - start) / 1000));
  }
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    env,
    scene: CLIP_SCENE,
    batch,
    medianClipsPerSecond: round(median(rates)),
    minClipsPerSecond: round(Math.min(...rates)),
    maxClipsPerSecond: round(Math.max(...rates)),
    repeats: CLIP_REPEATS,
    batchesPerRepeat,
  };
}

export interface SuiteHooks {
  /** Activates a backend (selectBackend with this environment's options). */
  select(backend: BenchBackend): Promise<BackendSelection>;
  /** Receives every row, skip and progress line as it happens. */
  emit(event: BenchEvent): void;
}

/** Runs the request's measurements in one environment. `info`: runtime, CPU and threads. */
export async function runSuite(
  request: BenchRequest,
  info: Omit<EnvInfo, 'adapters' | 'unavailable' | 'notes' | 'budgetS'>,
  hooks: SuiteHooks,
): Promise<EnvResult> {
  const env = info.env;
  const result: EnvResult = { info: { ...info, adapters: {}, unavailable: [], notes: [], budgetS: request.budgetS }, rows: [], skipped: [], clips: [] };
  const progress = (text: string) => hooks.emit({ type: 'progress', text: `[${env}] ${text}` });
  hooks.emit({ type: 'env', info: result.info });
  if (request.whats.includes('clips')) {
    for (const batch of request.batches) {
      const row = await measureClipRate(env, batch);
      result.clips.push(row);
      hooks.emit({ type: 'clips', row });
      progress(`clips batch ${batch}: ${Math.round(row.medianClipsPerSecond).toLocaleString('en-US')} clips/s`);
    }
  }
  const whats = STEP_WHATS.filter((w) => request.whats.includes(w));
  const backends = whats.length > 0 ? backendsFor(request, env) : [];
  for (const backend of backends) {
    const selection = await hooks.select(backend);
    if (selection.backend !== backend) {
      const reason = selection.skipped.find((s) => s.backend === backend)?.reason ?? selection.messages.join(' ');
      result.info.unavailable.push({ backend, reason });
      progress(`${backend}: unavailable (${reason})`);
      continue;
    }
    const adapter = selection.adapter?.label ?? null;
    if (adapter) result.info.adapters[backend] = adapter;
    if (selection.adapter?.cpuEmulated) {
      result.info.notes.push(
        `${backend}: the adapter is a CPU emulation, so a step takes seconds and each measurement is ${request.repeats ?? MIN_REPEATS} repeats × 1 step` +
          (request.budgetS === null ? '' : `; only what fits the backend's budget runs (the rest is listed as skipped, with the reason)`),
      );
    }
    const budgetMs = request.budgetS === null ? null : request.budgetS * 1000;
    const backendStart = performance.now();
    const known: KnownStep[] = [];
    for (const key of measurementOrder(request.models, request.batches, whats)) {
      const started = performance.now();
      const leftMs = budgetMs === null ? null : budgetMs - (started - backendStart);
      const label = `${backend} ${key.model} batch ${key.batch} ${key.what}`;
      const out = await measureStep({ env, backend, adapter, leftMs, repeats: request.repeats }, key, known, (n, ms) => {
        if (ms >= 3000) progress(`${label}: warm-up step ${n} took ${formatDuration(ms)}`);
      });
      if ('reason' in out) {
        result.skipped.push(out);
        hooks.emit({ type: 'skipped', row: out });
        progress(`${label}: skipped, ${out.reason}`);
      } else {
        result.rows.push(out);
        hooks.emit({ type: 'row', row: out });
        const secs = formatDuration(performance.now() - started);
        progress(`${label}: ${formatMs(out.medianMs)} ms/step (${formatMs(out.minMs)}–${formatMs(out.maxMs)}, ${out.repeats} × ${out.stepsPerRepeat}, warm-up ${out.warmupSteps}; took ${secs})`);
      }
    }
    progress(`${backend}: done in ${formatDuration(performance.now() - backendStart)}`);
  }
  hooks.emit({ type: 'env', info: result.info });
  return result;
}
