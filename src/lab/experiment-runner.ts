/**
 * Runs one experiment: builds the scene and the race, trains, and at each scheduled step
 * evaluates the frozen encoders (probes, collapse, blur, retrieval), emitting typed events. No
 * DOM: the worker and the command line both drive it. Losses are read from the device only every
 * `readEvery` steps; a NaN/Inf loss stops the run with a 'diverged' event naming the learner.
 */
import * as tf from '@tensorflow/tfjs';
import { BatchSampler, type Batch } from '../../datasets/batch-sampler';
import { ForkScene } from '../../datasets/fork';
import { loadScene } from '../../datasets/registry';
import type { Scene } from '../../datasets/scene';
import { frozenTokenFeatures } from '../../models/frozen-features';
import type { ParamSet } from '../../models/params';
import { SigregOnlyEncoder } from '../../models/sigreg-only-encoder';
import type { Learner } from '../../models/learner';
import type { Mask } from '../../models/masking';
import { restoreCheckpoint } from '../../models/checkpoint';
import { checkField } from '../../models/field-rules';
import { DivergedError, RaceTrainer } from '../../models/race-trainer';
import { sceneBatchSource } from '../../models/scene-source';
import { wtaRelaxAt } from '../../models/winner-takes-all';
import { blurMetrics, type ForkReference } from './blur-evaluation';
import { collapseMetrics } from './collapse-evaluation';
import { alignedCropFeatures, cachedBatchSource, rawPixelFeatures } from './control-encoders';
import type { EvaluatedKind, ExperimentEvent, SamplesEvent } from './experiment-events';
import { EXPERIMENT_FIELD_RULES, evaluationSteps, futureProbeFrames, validateExperimentConfig, type ExperimentConfig } from './experiment-config';
import { pixelPredictions, predictedClip, type PixelPredictions } from './pixel-predictions';
import { probeScores, resolveProbeTargets, type ProbeData, type ProbeTargets } from './probe-evaluation';
import { jepaRetrieval, type RetrievalResult } from './retrieval-evaluation';
import { learnerSkill, type SkillClips } from './skill-evaluation';
import { captureCheckpoint, checkpointTensors, type RunCheckpoint } from './run-checkpoint';

export type RunOutcome = 'done' | 'paused' | 'diverged' | 'failed';

/** Step of the held-out evaluation mask: training uses steps ≥ 1, so this mask is never trained on. */
const EVALUATION_MASK_STEP = 0;
/** Assumed cost of one evaluation in training steps, until one has been timed. */
const INITIAL_EVALUATION_WEIGHT = 20;
/** Settings that may differ between a checkpoint's run and the run continuing it (they do not change the curves' definition). */
const RESUMABLE_DIFFERENCES = ['backend', 'readEvery'] as const;

/** JSON with object keys sorted, so configs built in different orders compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v));
}

function sameRun(a: ExperimentConfig, b: ExperimentConfig): boolean {
  const strip = (c: ExperimentConfig) => canonicalJson({ ...c, ...Object.fromEntries(RESUMABLE_DIFFERENCES.map((k) => [k, null])) });
  return strip(a) === strip(b);
}

interface HeldOut {
  train: Batch;
  validation: Batch;
  test: Batch;
  /** The first `heldOutClips` validation clips: collapse, blur, retrieval, skill and samples. */
  gauges: Batch;
  /** Prediction skill: the probe's training clips estimate the position baseline; the gauge clips are scored. */
  skill: SkillClips;
}

/** How an evaluated encoder, or the raw pixels, turns clips into features: [count, prefix · width] (prefix: the first tokens, default all). */
interface FeatureSource {
  width: number;
  features(batch: Batch, count: number, prefix?: number): Promise<Float32Array>;
}

/** Clips 0 … count − 1 of `split`, in buffers of their own (the sampler is used once). */
function firstClips(scene: Scene, split: 'train' | 'validation' | 'test', count: number): Batch {
  return new BatchSampler(scene, split, count).sample(0);
}

export class ExperimentRunner {
  readonly config: ExperimentConfig;
  private scene: Scene | null = null;
  private trainer: RaceTrainer | null = null;
  private heldOut: HeldOut | null = null;
  private targets: ProbeTargets | null = null;
  private schedule: number[] = [];
  private evaluated = new Set<number>();
  private finished = false;
  private runtimeMs = 0;
  private stepMs = 0;
  private evaluationWeight = INITIAL_EVALUATION_WEIGHT;
  /** The SIGReg-only control encoder (evaluation.controls.sigregOnly), trained in step with the race. */
  private sigregOnly: SigregOnlyEncoder | null = null;
  /** Tokens the future probe's encoder sees (the context's time steps); null without a future probe. */
  private contextTokens: number | null = null;
  /** The JEPA's probe and collapse metrics at step 0 by labelled clips: the SIGReg-only encoder's too (same initial weights). */
  private readonly initialJepa = new Map<number, Record<string, number>>();
  /** Scores of the controls that do not train (raw pixels, aligned crop), by labelled clips, computed once. */
  private fixedControls: Map<number, Partial<Record<EvaluatedKind, Record<string, number>>>> | null = null;

  constructor(
    config: ExperimentConfig,
    private readonly emit: (event: ExperimentEvent) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    validateExperimentConfig(config);
    this.config = structuredClone(config);
  }

  get step(): number {
    return this.trainer?.stepsDone ?? 0;
  }

  /** The race being trained (after the first `run`), e.g. for checkpoints. */
  get race(): RaceTrainer | null {
    return this.trainer;
  }

  private async prepare(): Promise<void> {
    const c = this.config;
    const scene = await loadScene(c.scene.name, c.scene.params, c.seed);
    this.scene = scene;
    const probe = c.evaluation.probe;
    const source = cachedBatchSource(sceneBatchSource(scene, 'train', c.batch));
    this.trainer = new RaceTrainer(c, source);
    const grid = this.trainer.grid;
    const future = futureProbeFrames(grid, probe.futureOffset);
    this.contextTokens = probe.dynamics && future ? future.contextSteps * grid.nh * grid.nw : null;
    this.targets = resolveProbeTargets(scene.labelSchema, probe.fields, {
      dynamics: probe.dynamics,
      future: future ? { contextEnd: future.contextFrames - 1, target: future.targetFrame } : null,
      attentive: probe.attentive,
    });
    if (c.evaluation.probes && c.evaluation.controls.sigregOnly) this.sigregOnly = new SigregOnlyEncoder(c, source, grid, this.trainer.tables.encoderAll);
    const trainClips = Math.max(probe.trainClips, ...probe.labelCounts);
    const train = firstClips(scene, 'train', trainClips);
    const gauges = firstClips(scene, 'validation', c.evaluation.heldOutClips);
    const content = new Float32Array(gauges.frames.length);
    gauges.clipIndices.forEach((index, i) => content.set(scene.contentClip('validation', index), i * scene.clipSize));
    this.heldOut = {
      train,
      validation: firstClips(scene, 'validation', probe.validationClips),
      test: firstClips(scene, 'test', probe.testClips),
      gauges,
      skill: { baseline: { frames: train.frames, count: probe.trainClips }, scored: { frames: gauges.frames, count: c.evaluation.heldOutClips }, content },
    };
    this.schedule = evaluationSteps(c.steps, c.evaluation.points);
    this.emit({
      type: 'started',
      config: structuredClone(c),
      backend: tf.getBackend(),
      parameterCounts: this.trainer.parameterCounts(),
      evaluationSteps: [...this.schedule],
      framesPerStep: c.batch * scene.shape.T,
    });
  }

  /** Steps between loss readouts; takes effect at the next step (no restart needed). */
  setReadEvery(readEvery: number): void {
    checkField('readEvery', readEvery, EXPERIMENT_FIELD_RULES.readEvery!);
    this.config.readEvery = readEvery;
  }

  /** The trainer's state now, read from the device (call between `run`s, not during one). */
  async checkpoint(): Promise<RunCheckpoint> {
    if (!this.trainer) throw new Error('no checkpoint before the run has started');
    return captureCheckpoint(this.trainer, this.runtimeMs);
  }

  /**
   * Builds the run and loads `checkpoint` into it, so `run` continues from the checkpoint's step
   * (evaluations up to it count as done). The checkpoint must come from the same experiment; only
   * the backend and the readout interval may differ.
   */
  async restore(checkpoint: RunCheckpoint): Promise<void> {
    if (this.trainer) throw new Error('restore() must come before the first run()');
    if (!sameRun(checkpoint.header.config as ExperimentConfig, this.config)) {
      throw new Error('this checkpoint belongs to a different experiment configuration; only backend and readEvery may differ');
    }
    const { header, tensors } = await checkpointTensors(checkpoint);
    await this.prepare();
    restoreCheckpoint(this.trainer!, header, tensors);
    this.sigregOnly?.catchUp(header.step); // not in the checkpoint: retrained on the same batches
    for (const s of this.schedule) if (s <= header.step) this.evaluated.add(s);
    this.runtimeMs = checkpoint.runtimeMs;
  }

  /**
   * Trains and evaluates until done, diverged, `keepGoing()` turns false (checked at each readout,
   * where the loop also yields so messages get through), or step `pauseAt` is reached (read out
   * and paused there). Errors become an 'error' event.
   */
  async run(keepGoing: () => boolean = () => true, pauseAt: number | null = null): Promise<RunOutcome> {
    if (this.finished) return 'done';
    const started = this.now();
    try {
      if (!this.trainer) await this.prepare();
      const outcome = await this.loop(keepGoing, pauseAt);
      this.runtimeMs += this.now() - started;
      if (outcome === 'done') {
        this.finished = true;
        this.emit({ type: 'done', step: this.step, runtimeMs: this.runtimeMs });
      }
      return outcome;
    } catch (e) {
      this.finished = true;
      if (e instanceof DivergedError) {
        this.emit({ type: 'diverged', step: e.step, learner: e.learner, message: e.message });
        return 'diverged';
      }
      this.emit({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      return 'failed';
    }
  }

  private async loop(keepGoing: () => boolean, pauseAt: number | null): Promise<RunOutcome> {
    const trainer = this.trainer!;
    const { steps } = this.config;
    if (!this.evaluated.has(0)) await this.evaluate(0);
    let windowStart = this.now();
    let windowSteps = 0;
    while (trainer.stepsDone < steps) {
      const step = trainer.stepsDone + 1;
      const evaluateNow = this.schedule.includes(step);
      const pending = trainer.step(step % this.config.readEvery === 0 || step === steps || step === pauseAt || evaluateNow);
      this.sigregOnly?.step();
      windowSteps += 1;
      if (pending) {
        const readout = await trainer.read(pending);
        const now = this.now();
        this.stepMs = (now - windowStart) / windowSteps;
        this.emit({
          type: 'step',
          step,
          framesSeen: this.framesSeen(step),
          losses: { pixel: readout.pixel, jepa: readout.jepa },
          stepsPerSecond: 1000 / Math.max(this.stepMs, 1e-3),
        });
        this.emitProgress('training');
        if (evaluateNow) await this.evaluate(step);
        windowStart = this.now();
        windowSteps = 0;
        await new Promise((resolve) => setTimeout(resolve, 0));
        if ((!keepGoing() || step === pauseAt) && trainer.stepsDone < steps) return 'paused';
      }
    }
    return 'done';
  }

  private framesSeen(step: number): number {
    return step * this.config.batch * this.scene!.shape.T;
  }

  /** Progress of the whole run; `partial` is the share of the evaluation in progress already done. */
  private emitProgress(phase: 'training' | 'evaluating', partial = 0): void {
    const evaluationsDone = this.schedule.filter((s) => this.evaluated.has(s)).length + partial;
    const total = this.config.steps + this.schedule.length * this.evaluationWeight;
    const done = this.step + evaluationsDone * this.evaluationWeight;
    this.emit({ type: 'progress', phase, fraction: Math.min(1, done / total), step: this.step, steps: this.config.steps });
  }

  private learners(): Learner[] {
    return this.trainer!.training();
  }

  /** Every metric of every training learner at `step`, then a samples event. */
  private async evaluate(step: number): Promise<void> {
    const started = this.now();
    const c = this.config;
    const trainer = this.trainer!;
    const heldOut = this.heldOut!;
    const mask = trainer.maskFor(EVALUATION_MASK_STEP);
    const labelsCurve = step === 0 || step === c.steps;
    const predictions = c.learners.includes('pixel') ? await pixelPredictions(trainer, heldOut.gauges.frames, c.evaluation.heldOutClips, mask) : null;
    const fork = this.forkReference();
    const forkClips = fork ? { reference: fork, labels: heldOut.gauges.labels } : null;
    const retrieval = c.learners.includes('jepa') && c.evaluation.retrieval ? await jepaRetrieval(trainer, heldOut.gauges.frames, c.evaluation.heldOutClips, mask, forkClips) : null;
    const learners = this.learners();
    const extraLabelCounts = labelsCurve && c.evaluation.probes ? c.evaluation.probe.labelCounts.filter((n) => n !== c.evaluation.probe.trainClips).length : 0;
    const units = (learners.length + (this.sigregOnly ? 1 : 0)) * (1 + extraLabelCounts);
    let unitsDone = 0;
    const unitDone = () => this.emitProgress('evaluating', ++unitsDone / (units + 1));
    for (const learner of learners) {
      const metrics: Record<string, number> = {};
      const probeData = c.evaluation.probes ? await this.probeData(learner, labelsCurve) : null;
      if (probeData) Object.assign(metrics, await probeScores(probeData, this.targets!, c.evaluation.probe.trainClips));
      if (c.evaluation.collapse) Object.assign(metrics, await this.collapse(learner));
      if (learner.kind === 'pixel' && c.evaluation.blur && predictions) Object.assign(metrics, this.blur(predictions, mask, step));
      if (learner.kind === 'jepa' && retrieval) Object.assign(metrics, retrieval.metrics);
      if (c.evaluation.skill) Object.assign(metrics, await learnerSkill(learner.kind, trainer, heldOut.skill, mask, predictions));
      this.emitEvaluation(step, learner.kind, c.evaluation.probe.trainClips, metrics);
      unitDone();
      if (probeData && labelsCurve) {
        // The probe-vs-labels curve; the point at trainClips is the evaluation just emitted.
        for (const n of c.evaluation.probe.labelCounts) {
          if (n === c.evaluation.probe.trainClips) continue;
          this.emitEvaluation(step, learner.kind, n, await probeScores(probeData, this.curveTargets(), n));
          unitDone();
        }
      }
    }
    await this.evaluateControls(step, labelsCurve, unitDone);
    this.emitSamples(step, mask, predictions, retrieval);
    this.evaluated.add(step);
    if (this.stepMs > 0) this.evaluationWeight = (this.now() - started) / this.stepMs;
    this.emitProgress('evaluating');
  }

  private emitEvaluation(step: number, learner: EvaluatedKind, labelledClips: number, metrics: Record<string, number>): void {
    if (step === 0 && learner === 'jepa') this.initialJepa.set(labelledClips, Object.fromEntries(Object.entries(metrics).filter(([k]) => k.startsWith('probe.') || k.startsWith('collapse.'))));
    this.emit({ type: 'evaluation', step, framesSeen: this.framesSeen(step), learner, labelledClips, metrics });
  }

  /**
   * The controls at `step` (evaluation.controls): the SIGReg-only encoder like a learner (probes,
   * collapse, the labels curve); at step 0 it is the JEPA's initial encoder, bit for bit, so it
   * reports the JEPA's step-0 numbers. Raw pixels and, for class labels, the aligned crop do not
   * train: scored once, reported at every evaluation (flat lines).
   */
  private async evaluateControls(step: number, labelsCurve: boolean, unitDone: () => void): Promise<void> {
    const c = this.config;
    if (!c.evaluation.probes) return;
    const { trainClips, labelCounts } = c.evaluation.probe;
    const counts = labelsCurve ? [trainClips, ...labelCounts.filter((n) => n !== trainClips)] : [trainClips];
    if (this.sigregOnly) {
      if (step === 0 && counts.every((n) => this.initialJepa.has(n))) {
        for (const n of counts) {
          this.emitEvaluation(step, 'sigreg-only', n, { ...this.initialJepa.get(n)! });
          unitDone();
        }
      } else {
        const source = this.encoderFeatures(this.sigregOnly.params);
        const data = await this.probeDataOf(source, labelsCurve);
        const count = c.evaluation.heldOutClips;
        const collapse = c.evaluation.collapse ? await collapseMetrics(await source.features(this.heldOut!.gauges, count), count, this.trainer!.grid.count, c.encoder.width, this.trainer!.jepa) : {};
        for (const n of counts) {
          const scores = await this.scoresOf(data, n);
          this.emitEvaluation(step, 'sigreg-only', n, { ...scores, ...(n === trainClips ? collapse : {}) });
          unitDone();
        }
      }
    }
    if (c.evaluation.controls.rawPixels) {
      this.fixedControls ??= await this.scoreFixedControls();
      for (const n of counts) for (const [kind, metrics] of Object.entries(this.fixedControls.get(n)!)) this.emitEvaluation(step, kind as EvaluatedKind, n, { ...metrics });
    }
  }

  /**
   * The probes of the labels curve's other points: the main probe only. Dynamics (velocity, future)
   * are scored with `trainClips` labelled clips; at 1,024 clips they would nearly double the cost.
   */
  private curveTargets(): ProbeTargets {
    return { ...this.targets!, velocity: [], future: null };
  }

  /** Probe scores with `labelled` clips (dynamics only at trainClips); NaN when the features are not finite (a diverged control). */
  private scoresOf(data: ProbeData, labelled: number): Promise<Record<string, number>> {
    const finite = (x: Float32Array) => x.every(Number.isFinite);
    if (![data.train.x, data.validation.x, data.test.x].every(finite)) return Promise.resolve({ 'probe.r2': Number.NaN });
    return probeScores(data, labelled === this.config.evaluation.probe.trainClips ? this.targets! : this.curveTargets(), labelled);
  }

  /** Raw-pixel probes and, for class labels with positions, the aligned-crop classifier, for every labelled-clip count. */
  private async scoreFixedControls(): Promise<Map<number, Partial<Record<EvaluatedKind, Record<string, number>>>>> {
    const { trainClips, labelCounts } = this.config.evaluation.probe;
    const raw = { ...(await this.probeDataOf(this.rawPixels(), true)), scaling: 'shared' as const };
    const crop = this.alignedCropData();
    const cropTargets = { ...this.targets!, regression: [], velocity: [], future: null, attentive: false };
    const out = new Map<number, Partial<Record<EvaluatedKind, Record<string, number>>>>();
    for (const n of new Set([trainClips, ...labelCounts])) {
      out.set(n, { 'raw-pixels': await this.scoresOf(raw, n), ...(crop ? { 'aligned-crop': await probeScores(crop, cropTargets, n) } : {}) });
    }
    return out;
  }

  /** Crops centred on the first object from its labelled x, y in every frame, for the class probes; null without class labels or positions. */
  private alignedCropData(): ProbeData | null {
    const scene = this.scene!;
    const x = scene.labelSchema.find((f) => f.name === 'x' && f.per === 'frame');
    const y = scene.labelSchema.find((f) => f.name === 'y' && f.per === 'frame');
    if (this.targets!.classes.length === 0 || !x || !y) return null;
    const heldOut = this.heldOut!;
    const { probe } = this.config.evaluation;
    const split = (batch: Batch, n: number) => ({ x: alignedCropFeatures(batch.frames, batch.labels, scene.labelSize, n, scene.shape, { x, y }), labels: batch.labels.subarray(0, n * scene.labelSize), n });
    const train = split(heldOut.train, heldOut.train.clipIndices.length);
    return { featureSize: train.x.length / train.n, labelSize: scene.labelSize, scaling: 'shared', train, validation: split(heldOut.validation, probe.validationClips), test: split(heldOut.test, probe.testClips) };
  }

  private features(learner: Learner, batch: Batch, count: number): Promise<Float32Array> {
    const trainer = this.trainer!;
    return frozenTokenFeatures(learner.params, this.config.encoder, trainer.tables.encoderAll, trainer.grid, batch.frames, count);
  }

  private probeData(learner: Learner, labelsCurve: boolean): Promise<ProbeData> {
    return this.probeDataOf(this.encoderFeatures(learner.params), labelsCurve);
  }

  /** Frozen token embeddings by the encoder in `params` (a learner's or a control's). */
  private encoderFeatures(params: ParamSet): FeatureSource {
    const trainer = this.trainer!;
    const size = this.config.encoder;
    return { width: size.width, features: (batch, count, prefix) => frozenTokenFeatures(params, size, trainer.tables.encoderAll, trainer.grid, batch.frames, count, prefix) };
  }

  /** The clips' raw pixels as tokens (the raw-pixels control). */
  private rawPixels(): FeatureSource {
    const grid = this.trainer!.grid;
    return { width: grid.patchSize, features: async (batch, count, prefix) => rawPixelFeatures(batch.frames, count, grid, prefix) };
  }

  /** Features of the probe splits (all train clips for the labels curve) and, for the future probe, of their context frames. */
  private async probeDataOf(source: FeatureSource, labelsCurve: boolean): Promise<ProbeData> {
    const { probe } = this.config.evaluation;
    const heldOut = this.heldOut!;
    const grid = this.trainer!.grid;
    const trainCount = labelsCurve ? heldOut.train.clipIndices.length : probe.trainClips;
    const labelSize = this.scene!.labelSize;
    const prefix = this.targets!.future ? this.contextTokens : null;
    return {
      featureSize: grid.count * source.width,
      labelSize,
      tokens: { count: grid.count, width: source.width },
      train: { x: await source.features(heldOut.train, trainCount), labels: heldOut.train.labels.subarray(0, trainCount * labelSize), n: trainCount },
      validation: { x: await source.features(heldOut.validation, probe.validationClips), labels: heldOut.validation.labels, n: probe.validationClips },
      test: { x: await source.features(heldOut.test, probe.testClips), labels: heldOut.test.labels, n: probe.testClips },
      // Context features only for the trainClips point (the labels curve's other points do not probe dynamics).
      context: prefix
        ? {
            featureSize: prefix * source.width,
            train: await source.features(heldOut.train, probe.trainClips, prefix),
            validation: await source.features(heldOut.validation, probe.validationClips, prefix),
            test: await source.features(heldOut.test, probe.testClips, prefix),
          }
        : null,
    };
  }

  private async collapse(learner: Learner): Promise<Record<string, number>> {
    const count = this.config.evaluation.heldOutClips;
    const features = await this.features(learner, this.heldOut!.gauges, count);
    return collapseMetrics(features, count, this.trainer!.grid.count, this.config.encoder.width, this.trainer!.jepa);
  }

  /** Blur metrics at evaluation `step`, with the relaxed-WTA ε the pixel learner's last update used. */
  private blur(predictions: PixelPredictions, mask: Mask, step: number): Record<string, number> {
    const c = this.config;
    const grid = this.trainer!.grid;
    const firstHidden = Math.floor(mask.target[0]! / (grid.nh * grid.nw)) * grid.tubelet.t;
    const epsilon = wtaRelaxAt(c.wtaRelaxSchedule, c.wtaRelax, step, c.steps);
    return blurMetrics(predictions, this.heldOut!.gauges.frames, grid, firstHidden, this.forkReference() ?? undefined, epsilon);
  }

  /** On `fork`: the scene and where the held-out gauge clips come from, for futures and their mean. */
  private forkReference(): ForkReference | null {
    return this.scene instanceof ForkScene ? { scene: this.scene, split: 'validation', firstIndex: 0 } : null;
  }

  private emitSamples(step: number, mask: Mask, predictions: PixelPredictions | null, retrieval: RetrievalResult | null): void {
    const { T, H, W } = this.scene!.shape;
    const clipSize = T * H * W;
    const frames = this.heldOut!.gauges.frames;
    const event: SamplesEvent = {
      type: 'samples',
      step,
      shape: { T, H, W },
      clip: frames.slice(0, clipSize),
      mask,
      pixelPredictions: predictions ? Array.from({ length: predictions.hypotheses }, (_, h) => predictedClip(predictions, clipSize, 0, h).slice()) : [],
      retrieved: retrieval ? { index: retrieval.nearest[0]!, isOwnClip: retrieval.nearest[0] === 0, clip: frames.slice(retrieval.nearest[0]! * clipSize, (retrieval.nearest[0]! + 1) * clipSize) } : null,
      futuresMean: this.scene instanceof ForkScene ? this.scene.meanClip('validation', 0) : null,
    };
    this.emit(event);
  }

  dispose(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.sigregOnly?.dispose();
    this.sigregOnly = null;
  }
}
