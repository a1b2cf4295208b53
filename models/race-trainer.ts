/**
 * The race: each step samples one batch and one mask, then steps the pixel learner and the JEPA
 * learner on exactly that data with the same optimiser settings. Losses stay on the device unless
 * the caller asks for a readout; non-finite losses are caught on the device (first bad step per
 * learner) and reported at the next readout, naming the learner and the step.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../datasets/random';
import { AdamW } from './adamw';
import { JepaLearner } from './jepa-learner';
import type { Learner, LearnerKind } from './learner';
import { sampleMask, validateMaskSpec, type Mask } from './masking';
import { variableFrom } from './params';
import { PixelLearner } from './pixel-learner';
import { validateRaceConfig, type RaceConfig } from './race-config';
import { disposeStepInputs, PositionTables, StepInputBuilder, type StepInputs } from './step-inputs';
import { tokenGrid, type TokenGrid } from './tubelets';

/** Where clips come from: B clips [B, T, H, W] for a step, deterministic in the step. */
export interface BatchSource {
  readonly shape: { T: number; H: number; W: number };
  readonly batch: number;
  sample(step: number): Float32Array;
}

export interface PendingReadout {
  step: number;
  totals: Partial<Record<LearnerKind, tf.Scalar>>;
  parts: Record<LearnerKind, Record<string, tf.Scalar>>;
}

/** Values read at a step; a learner that does not train has an empty record. */
export interface RaceReadout {
  step: number;
  pixel: Record<string, number>;
  jepa: Record<string, number>;
}

export class DivergedError extends Error {
  constructor(readonly learner: LearnerKind, readonly step: number, value: string) {
    super(`The ${learner} learner's loss became ${value} at step ${step}; the run stopped itself.`);
  }
}

/** Seed-stream tag for masks ("MASK"). */
const MASK_STREAM = 0x4d41534b;

export class RaceTrainer {
  readonly grid: TokenGrid;
  readonly tables: PositionTables;
  readonly pixel: PixelLearner;
  readonly jepa: JepaLearner;
  readonly optimizers: Record<LearnerKind, AdamW>;
  stepsDone = 0;
  private readonly builder: StepInputBuilder;
  /** Per learner: first step whose loss was not finite, −1 while all are finite. */
  private readonly firstBadStep: Record<LearnerKind, tf.Variable>;
  private readonly logicalNames: Record<LearnerKind, Map<string, string>>;

  constructor(readonly config: RaceConfig, readonly source: BatchSource) {
    validateRaceConfig(config);
    if (source.batch !== config.batch) throw new RangeError(`batch: source gives ${source.batch} clips, config asks for ${config.batch}`);
    this.grid = tokenGrid(source.shape, config.tubelet);
    validateMaskSpec(config.mask, this.grid); // fail now, not at step 1, if the grid is too small for the mask
    this.tables = new PositionTables(this.grid, config.encoder.width, config.predictor.width, config.encoderPositions);
    this.builder = new StepInputBuilder(this.tables, config.batch);
    const { encoder, predictor, hypotheses, wtaRelax, wtaRelaxSchedule } = config;
    const shared = { encoder, predictor, hypotheses, wtaRelax, wtaRelaxSchedule, totalSteps: config.steps };
    this.pixel = new PixelLearner({ ...shared, ...config.pixel, seed: deriveSeed(config.seed, 1) }, this.grid.patchSize);
    this.jepa = new JepaLearner(
      { ...shared, ...config.jepa, seed: deriveSeed(config.seed, 2) },
      this.grid,
      this.tables.encoderAll,
    );
    this.optimizers = { pixel: new AdamW(config.optimizer, this.pixel.params), jepa: new AdamW(config.optimizer, this.jepa.params) };
    this.firstBadStep = { pixel: variableFrom(tf.scalar(-1), false), jepa: variableFrom(tf.scalar(-1), false) };
    this.logicalNames = { pixel: namesByVariable(this.pixel), jepa: namesByVariable(this.jepa) };
  }

  parameterCounts(): Record<LearnerKind, number> {
    return { pixel: this.pixel.params.count(), jepa: this.jepa.params.count() };
  }

  /** The mask of a step: plain data, the same for both learners, deterministic in (seed, step). */
  maskFor(step: number): Mask {
    return sampleMask(this.config.mask, this.grid, deriveSeed(this.config.seed, MASK_STREAM, step));
  }

  /** Tensors of a step (for predictions and metrics); dispose with disposeStepInputs. */
  inputsFor(step: number): StepInputs {
    return this.builder.build(this.source.sample(step), this.maskFor(step));
  }

  /** Runs the next step. With `readout`, returns the losses still on the device (see `read`). */
  step(readout: boolean): PendingReadout | null {
    const step = this.stepsDone + 1;
    const inputs = this.inputsFor(step);
    const pending: PendingReadout = { step, totals: {}, parts: { pixel: {}, jepa: {} } };
    try {
      for (const learner of this.training()) {
        const { total, parts } = this.trainLearner(learner, inputs, step, readout);
        this.recordIfNotFinite(learner.kind, total, step);
        if (readout) {
          pending.totals[learner.kind] = total;
          pending.parts[learner.kind] = parts;
        } else {
          total.dispose();
        }
      }
    } finally {
      disposeStepInputs(inputs);
    }
    this.stepsDone = step;
    return readout ? pending : null;
  }

  /** The learners this race trains, in a fixed order (pixel first). */
  training(): Learner[] {
    return ([this.pixel, this.jepa] as Learner[]).filter((l) => this.config.learners.includes(l.kind));
  }

  private trainLearner(learner: Learner, inputs: StepInputs, step: number, withParts: boolean): { total: tf.Scalar; parts: Record<string, tf.Scalar> } {
    let parts: Record<string, tf.Scalar> = {};
    const { value, grads } = tf.variableGrads(() => {
      const terms = learner.losses(inputs, step, withParts);
      parts = terms.parts;
      for (const t of Object.values(parts)) tf.keep(t);
      return terms.total;
    }, learner.params.variables());
    const names = this.logicalNames[learner.kind];
    const byName = new Map<string, tf.Tensor>();
    for (const [variableName, g] of Object.entries(grads)) byName.set(names.get(variableName)!, g);
    this.optimizers[learner.kind].step(byName);
    tf.dispose(grads);
    learner.afterUpdate(step);
    return { total: value, parts };
  }

  private recordIfNotFinite(kind: LearnerKind, total: tf.Scalar, step: number): void {
    const flag = this.firstBadStep[kind];
    tf.tidy(() => {
      const firstTime = tf.logicalAnd(tf.logicalNot(tf.isFinite(total)), tf.less(flag, 0));
      flag.assign(tf.where(firstTime, tf.scalar(step), flag as tf.Scalar));
    });
  }

  /** Reads a pending readout (one device read), disposes it, and throws if a loss diverged. */
  async read(pending: PendingReadout): Promise<RaceReadout> {
    const out: RaceReadout = { step: pending.step, pixel: {}, jepa: {} };
    try {
      for (const { kind } of this.training()) {
        const bad = (await this.firstBadStep[kind].data())[0]!;
        if (bad >= 0) throw new DivergedError(kind, bad, 'NaN or Inf');
        out[kind].loss = (await pending.totals[kind]!.data())[0]!;
        for (const [name, t] of Object.entries(pending.parts[kind])) out[kind][name] = (await t.data())[0]!;
      }
    } finally {
      disposePending(pending);
    }
    return out;
  }

  dispose(): void {
    this.pixel.dispose();
    this.jepa.dispose();
    this.optimizers.pixel.dispose();
    this.optimizers.jepa.dispose();
    this.tables.dispose();
    tf.dispose([this.firstBadStep.pixel, this.firstBadStep.jepa]);
  }

  /** Device state beyond parameters and optimiser (for checkpoints). */
  divergenceFlags(): Record<LearnerKind, tf.Variable> {
    return this.firstBadStep;
  }
}

export function disposePending(pending: PendingReadout): void {
  for (const kind of ['pixel', 'jepa'] as const) {
    pending.totals[kind]?.dispose();
    tf.dispose(Object.values(pending.parts[kind]));
  }
}

function namesByVariable(learner: Learner): Map<string, string> {
  return new Map(learner.params.entries().map(([logical, v]) => [v.name, logical]));
}
