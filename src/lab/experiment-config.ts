/**
 * One typed experiment: the race (both learners, data, masks, optimiser), the scene it trains on,
 * the backend, and what is evaluated when. The same object drives the command line, the worker and
 * the page; `validateExperimentConfig` names the first bad field and what it allows.
 */
import { SCENE_NAMES, SCENE_PARAMS, type SceneName } from '../../datasets/registry';
import { resolveParams, SceneParamError } from '../../datasets/params';
import { BACKEND_ORDER, type BackendName } from '../../models/backend';
import { checkField, checkFields, type FieldRule } from '../../models/field-rules';
import { validateMaskSpec } from '../../models/masking';
import { RACE_DEFAULTS, RACE_FIELD_RULES, validateRaceConfig, type RaceConfig } from '../../models/race-config';
import { tokenGrid, type TokenGrid } from '../../models/tubelets';

export interface ProbeConfig {
  /** Label fields to probe, by name ([] = every field of the scene). Regression fields share one ridge probe (mean R²); each class field gets a linear classifier. */
  fields: string[];
  /** Labelled training clips for the probe-vs-frames curve. */
  trainClips: number;
  /** Labelled-clip counts of the probe-vs-labels curve (fitted at the last evaluation). */
  labelCounts: number[];
  /** Clips that choose the probe's regularisation. */
  validationClips: number;
  /** Held-out clips that score it. */
  testClips: number;
  /** Probe score (mean R² of the regression fields) that defines "frames to target". */
  target: number;
  /**
   * Probes of dynamics, where the scene has the labels: velocity (vx, vy in every frame, from the
   * whole clip) and the position `futureOffset` frames after the context, from the context frames
   * only (see futureProbeFrames).
   */
  dynamics: boolean;
  /** Frames after the context's last frame whose position the future probe predicts. */
  futureOffset: number;
  /** For class labels, an attentive probe (one learned query over the frozen tokens, V-JEPA) beside the linear classifier. */
  attentive: boolean;
}

/** Encoders and references probed beside the learners (see CONTROL_KINDS in experiment-events.ts). */
export interface ControlsConfig {
  /** An encoder of the learners' shape trained on the same batches with SIGReg only (λ = 1, no prediction term). */
  sigregOnly: boolean;
  /** The probes on the clip's raw pixels (no encoder); for class labels also on a crop aligned on the object. */
  rawPixels: boolean;
}

export interface EvaluationConfig {
  /** Evaluations on a doubling schedule ending at the last step, plus one before training (see evaluationSteps). */
  points: number;
  /** Frozen-encoder linear probes (and a random-init encoder as the floor). */
  probes: boolean;
  probe: ProbeConfig;
  /** Controls scored by the same probes (they need `probes`; SIGReg-only also gets the collapse metrics). */
  controls: ControlsConfig;
  /** Effective rank, per-dimension std, mean cosine and SIGReg of held-out token embeddings. */
  collapse: boolean;
  /** Sharpness of pixel predictions (future-frames masking); on `fork` also the distance to the mean of the futures. */
  blur: boolean;
  /** Nearest-neighbour retrieval of the JEPA's predicted embeddings among real clips. */
  retrieval: boolean;
  /** Prediction skill of both learners over the position-mean baseline (all, content and debiased; see models/prediction-skill.ts). */
  skill: boolean;
  /** Validation clips for collapse, blur and retrieval metrics (the retrieval bank). */
  heldOutClips: number;
}

export type BackendChoice = 'auto' | BackendName;

export interface ExperimentConfig extends RaceConfig {
  scene: { name: SceneName; params: Record<string, unknown> };
  backend: BackendChoice;
  /** Steps between loss readouts from the device (never every step on a GPU). */
  readEvery: number;
  evaluation: EvaluationConfig;
}

export const EXPERIMENT_DEFAULTS: ExperimentConfig = {
  ...RACE_DEFAULTS,
  steps: 500,
  scene: { name: 'bouncing', params: {} },
  backend: 'auto',
  readEvery: 10,
  evaluation: {
    points: 5,
    probes: true,
    probe: { fields: [], trainClips: 256, labelCounts: [16, 64, 256, 1024], validationClips: 256, testClips: 512, target: 0.5, dynamics: true, futureOffset: 2, attentive: true },
    controls: { sigregOnly: false, rawPixels: false },
    collapse: true,
    blur: false,
    retrieval: false,
    skill: true,
    heldOutClips: 64,
  },
};

/** Scalar fields beyond the race's, with their allowed values (dotted paths). */
export const EXPERIMENT_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'scene.name': { kind: 'choice', options: SCENE_NAMES },
  ...RACE_FIELD_RULES,
  backend: { kind: 'choice', options: ['auto', ...BACKEND_ORDER] },
  readEvery: { kind: 'integer', min: 1, max: 10_000 },
  'evaluation.points': { kind: 'integer', min: 1, max: 40 },
  'evaluation.probes': { kind: 'boolean' },
  'evaluation.probe.trainClips': { kind: 'integer', min: 8, max: 4096 },
  'evaluation.probe.validationClips': { kind: 'integer', min: 8, max: 4096 },
  'evaluation.probe.testClips': { kind: 'integer', min: 8, max: 4096 },
  'evaluation.probe.target': { kind: 'number', min: -1, max: 1 },
  'evaluation.probe.dynamics': { kind: 'boolean' },
  'evaluation.probe.futureOffset': { kind: 'integer', min: 1, max: 64 },
  'evaluation.probe.attentive': { kind: 'boolean' },
  'evaluation.controls.sigregOnly': { kind: 'boolean' },
  'evaluation.controls.rawPixels': { kind: 'boolean' },
  'evaluation.collapse': { kind: 'boolean' },
  'evaluation.blur': { kind: 'boolean' },
  'evaluation.retrieval': { kind: 'boolean' },
  'evaluation.skill': { kind: 'boolean' },
  'evaluation.heldOutClips': { kind: 'integer', min: 2, max: 1024 },
};

/** Each entry of the labels curve: an integer number of clips. */
export const LABEL_COUNT_RULE: FieldRule = { kind: 'integer', min: 2, max: 4096 };

/** The scene's parameters with defaults filled in; errors name `scene.params.<name>`. */
export function resolvedSceneParams(scene: ExperimentConfig['scene']): Record<string, number | readonly number[]> {
  try {
    return resolveParams(scene.name, SCENE_PARAMS[scene.name], scene.params);
  } catch (e) {
    if (e instanceof SceneParamError) throw new RangeError(`scene.params.${e.param}: ${e.message}`);
    throw e;
  }
}

/**
 * Steps at which to evaluate: 0 (the untrained, random-init encoders), then `points` steps on a
 * doubling schedule ending at the last step (…, steps/4, steps/2, steps), rounded and deduplicated.
 */
export function evaluationSteps(steps: number, points: number): number[] {
  const out = new Set<number>([0]);
  for (let i = points - 1; i >= 0; i--) {
    const step = Math.round(steps / 2 ** i);
    if (step >= 1) out.add(step);
  }
  return [...out].sort((x, y) => x - y);
}

/** The token grid of the experiment's clips (scene frame size in its tubelets); a RangeError names a size that does not divide. */
export function experimentTokenGrid(c: Pick<ExperimentConfig, 'scene' | 'tubelet'>): TokenGrid {
  const params = resolvedSceneParams(c.scene);
  return tokenGrid({ T: params.frames as number, H: params.height as number, W: params.width as number }, c.tubelet);
}

/**
 * The future-position probe's frames: the context is the first half of the token time steps
 * (⌊nt/2⌋ of them, i.e. `contextFrames` = ⌊nt/2⌋·t frames) and the target is the position at
 * frame contextFrames − 1 + offset. Null when the clip has a single token time step (no context
 * to predict from).
 */
export function futureProbeFrames(grid: TokenGrid, offset: number): { contextSteps: number; contextFrames: number; targetFrame: number } | null {
  const contextSteps = Math.floor(grid.nt / 2);
  if (contextSteps < 1) return null;
  const contextFrames = contextSteps * grid.tubelet.t;
  return { contextSteps, contextFrames, targetFrame: contextFrames - 1 + offset };
}

/** Throws a RangeError naming the first bad field of `c`, its value and what is allowed. */
export function validateExperimentConfig(c: ExperimentConfig): void {
  checkFields(c, EXPERIMENT_FIELD_RULES);
  validateRaceConfig(c);
  const grid = experimentTokenGrid(c);
  validateMaskSpec(c.mask, grid);
  const { probe } = c.evaluation;
  const future = futureProbeFrames(grid, probe.futureOffset);
  if (probe.dynamics && future && future.targetFrame >= grid.T) {
    const most = grid.T - future.contextFrames;
    throw new RangeError(
      `evaluation.probe.futureOffset: ${probe.futureOffset} is out of range; allowed: integers from 1 to ${most} (frames after the context's last frame, ${future.contextFrames - 1}, in a clip of ${grid.T} frames)`,
    );
  }
  if (!Array.isArray(probe.labelCounts) || probe.labelCounts.length === 0) {
    throw new RangeError(`evaluation.probe.labelCounts: ${JSON.stringify(probe.labelCounts)} is not allowed; allowed: a non-empty list of integers from 2 to 4096`);
  }
  probe.labelCounts.forEach((n, i) => checkField(`evaluation.probe.labelCounts[${i}]`, n, LABEL_COUNT_RULE));
  if (!Array.isArray(probe.fields) || probe.fields.some((f) => typeof f !== 'string')) {
    throw new RangeError(`evaluation.probe.fields: ${JSON.stringify(probe.fields)} is not allowed; allowed: a list of label field names ([] = all)`);
  }
}
