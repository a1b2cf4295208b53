/**
 * What an experiment run reports, as a stream of typed events (the worker posts them to the page;
 * the command line writes them to files). Plain data only: structured-clone safe.
 */
import type { LearnerKind } from '../../models/learner';
import type { Mask } from '../../models/masking';
import type { ExperimentConfig } from './experiment-config';

/**
 * Controls evaluated beside the learners (DESIGN §1: an encoder learned something only if it beats
 * them on the same probe): an encoder of the same shape trained on the same batches with SIGReg
 * alone (λ = 1, no prediction term), the clip's raw pixels (no encoder), and for class labels a
 * crop centred on the object from its labelled position (how well a linear readout can do when
 * the object's position is given).
 */
export const CONTROL_KINDS = ['sigreg-only', 'raw-pixels', 'aligned-crop'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];
/** What an evaluation scores: a trained learner's frozen encoder or a control. */
export type EvaluatedKind = LearnerKind | ControlKind;
export const EVALUATED_KINDS: readonly EvaluatedKind[] = ['pixel', 'jepa', ...CONTROL_KINDS];

export interface StartedEvent {
  type: 'started';
  config: ExperimentConfig;
  backend: string;
  parameterCounts: Record<LearnerKind, number>;
  /** Steps at which evaluations run (0 = before training). */
  evaluationSteps: number[];
  /** Frames one training step consumes (batch × T). */
  framesPerStep: number;
}

export interface StepEvent {
  type: 'step';
  step: number;
  framesSeen: number;
  /** Losses read at this step: `loss` and named parts per learner (empty for a learner that does not train). */
  losses: Record<LearnerKind, Record<string, number>>;
  stepsPerSecond: number;
}

export interface EvaluationEvent {
  type: 'evaluation';
  step: number;
  framesSeen: number;
  /** The learner whose frozen encoder was scored, or a control (see CONTROL_KINDS). */
  learner: EvaluatedKind;
  /** Labelled clips the probes were fitted on (the probe-vs-labels curve varies it). */
  labelledClips: number;
  /** e.g. probe.r2, probe.r2.velocity, probe.r2.future, probe.accuracy.<field>, probe.attentive.<field>, collapse.rank, blur.sharpness, retrieval.top1. */
  metrics: Record<string, number>;
}

export interface SamplesEvent {
  type: 'samples';
  step: number;
  shape: { T: number; H: number; W: number };
  /** The held-out clip [T, H, W] and the mask both learners saw. */
  clip: Float32Array;
  mask: Mask;
  /** Pixel learner: the clip with each hypothesis in its hidden tokens, [K][T, H, W]. */
  pixelPredictions: Float32Array[];
  /** JEPA: the real clip whose hidden-token embeddings are nearest the prediction (retrieval, not a decoder). */
  retrieved: { clip: Float32Array; index: number; isOwnClip: boolean } | null;
  /** On `fork`: the analytic mean of the futures (the MSE-optimal pixel prediction). */
  futuresMean: Float32Array | null;
}

export interface ProgressEvent {
  type: 'progress';
  phase: 'training' | 'evaluating';
  /** Fraction of the run's work done, 0…1 (evaluations weighted by their measured cost). */
  fraction: number;
  step: number;
  steps: number;
}

export interface DivergedEvent {
  type: 'diverged';
  step: number;
  learner: LearnerKind;
  message: string;
}

export interface ErrorEvent {
  type: 'error';
  message: string;
}

export interface DoneEvent {
  type: 'done';
  step: number;
  runtimeMs: number;
}

export type ExperimentEvent = StartedEvent | StepEvent | EvaluationEvent | SamplesEvent | ProgressEvent | DivergedEvent | ErrorEvent | DoneEvent;
