/**
 * The settings the control panel offers, as data: which config field, how it is labelled and
 * explained, which group it sits in and what kind of input edits it. Allowed values come from
 * EXPERIMENT_FIELD_RULES (and the scene's parameter specs), so a range is written once.
 */
import { SCENE_PARAMS, type SceneName } from '../../datasets/registry';
import type { ResolvedSoFar } from '../../datasets/params';
import { BACKEND_ORDER } from '../../models/backend';
import type { FieldRule } from '../../models/field-rules';
import { EXPERIMENT_FIELD_RULES } from '../lab/experiment-config';

/** A fieldset of the panel. */
export type ControlGroup = 'scene' | 'masking' | 'anti-collapse' | 'model' | 'training' | 'runtime';

/** The groups in the order the panel shows them, with their legends. */
export const CONTROL_GROUPS: readonly { group: ControlGroup; legend: string }[] = [
  { group: 'scene', legend: 'Scene' },
  { group: 'masking', legend: 'Masking' },
  { group: 'anti-collapse', legend: 'Anti-collapse' },
  { group: 'model', legend: 'Model' },
  { group: 'training', legend: 'Training' },
  { group: 'runtime', legend: 'Runtime' },
];

/** One editable config field. */
export interface ConfigControl {
  /** Dotted path into ExperimentConfig, e.g. 'mask.ratio'. */
  path: string;
  label: string;
  /** One sentence, for the input's title and description. */
  help: string;
  group: ControlGroup;
  input: 'select' | 'range' | 'number' | 'checkbox';
  /** Input step; without it integers step by 1 and other numbers by any amount. */
  step?: number;
}

/**
 * Step of the mask ratio slider: 0.01, not 0.05, because a range input snaps its value to its
 * steps and multi-block's default ratio, 0.56, is not a multiple of 0.05.
 */
const MASK_RATIO_STEP = 0.01;

/** Every control of the panel, in display order. */
export const CONFIG_CONTROLS: readonly ConfigControl[] = [
  { path: 'scene.name', label: 'scene', help: 'The toy video both learners train on; changing it resets the scene parameters to that scene’s defaults.', group: 'scene', input: 'select' },
  { path: 'mask.strategy', label: 'mask strategy', help: 'Which tokens are hidden from the context and predicted; changing it moves the ratio to that strategy’s default.', group: 'masking', input: 'select' },
  { path: 'mask.ratio', label: 'mask ratio', help: 'Fraction of the mask units hidden each step (at least one always stays visible).', group: 'masking', input: 'range', step: MASK_RATIO_STEP },
  { path: 'jepa.antiCollapse', label: 'anti-collapse method', help: 'What keeps the JEPA’s embeddings from collapsing to one point (none shows the collapse).', group: 'anti-collapse', input: 'select' },
  { path: 'jepa.lambda', label: 'λ (anti-collapse weight)', help: 'Weight of the anti-collapse term in the JEPA loss (0 turns it off).', group: 'anti-collapse', input: 'number', step: 0.01 },
  { path: 'jepa.sigregScope', label: 'SIGReg scope', help: 'What SIGReg tests for normality: each token position across the batch (per-position: position alone counts as collapse) or all tokens together (tokens: the spread of the position embeddings passes, the positional shortcut).', group: 'anti-collapse', input: 'select' },
  { path: 'jepa.targets', label: 'JEPA targets', help: 'What a hidden token’s target embedding is computed from: the whole clip (clip), or the token alone (token).', group: 'model', input: 'select' },
  { path: 'encoderPositions', label: 'encoder positions', help: 'Fixed sin-cos positions added in the encoders (sincos), or a position-free encoder (none); the predictors always know positions.', group: 'model', input: 'select' },
  { path: 'hypotheses', label: 'latent K', help: 'Hypotheses per prediction; with K > 1 only the best one is trained (winner-takes-all), so futures can stay sharp.', group: 'model', input: 'number' },
  { path: 'encoder.width', label: 'encoder width', help: 'Embedding width of the encoder (even, and a multiple of its heads).', group: 'model', input: 'number', step: 2 },
  { path: 'encoder.depth', label: 'encoder depth', help: 'Transformer blocks in the encoder.', group: 'model', input: 'number' },
  { path: 'predictor.width', label: 'predictor width', help: 'Embedding width of the predictor (even, and a multiple of its heads).', group: 'model', input: 'number', step: 2 },
  { path: 'predictor.depth', label: 'predictor depth', help: 'Transformer blocks in the predictor.', group: 'model', input: 'number' },
  { path: 'optimizer.learningRate', label: 'learning rate', help: 'Step size of the AdamW optimiser for both learners.', group: 'training', input: 'number' },
  { path: 'batch', label: 'batch size', help: 'Clips per training step (both learners see the same batch).', group: 'training', input: 'number' },
  { path: 'seed', label: 'seed', help: 'Seeds the initial weights, the clips and the masks, so a run can be repeated exactly.', group: 'training', input: 'number' },
  { path: 'steps', label: 'steps', help: 'Training steps of the run.', group: 'training', input: 'number' },
  { path: 'evaluation.controls.sigregOnly', label: 'SIGReg-only control', help: 'Also train an encoder on the same batches with SIGReg alone (no prediction term) and probe it beside the learners; costs about a quarter more time per step.', group: 'training', input: 'checkbox' },
  { path: 'evaluation.controls.rawPixels', label: 'raw-pixel control', help: 'Also probe the raw pixels (and, for class labels, a crop centred on the object), scored once per run.', group: 'training', input: 'checkbox' },
  { path: 'backend', label: 'backend', help: `Where the tensors live: auto picks the first that works of ${BACKEND_ORDER.join(', ')}.`, group: 'runtime', input: 'select' },
  { path: 'readEvery', label: 'steps between UI updates', help: 'Steps between loss readouts from the device; applies to a running run without a restart.', group: 'runtime', input: 'number' },
];

/** The allowed values of the config field at `path`; throws for a path without a rule. */
export function ruleOf(path: string): FieldRule {
  const rule = EXPERIMENT_FIELD_RULES[path];
  if (!rule) throw new RangeError(`${path}: no such config field; fields with rules: ${Object.keys(EXPERIMENT_FIELD_RULES).join(', ')}`);
  return rule;
}

/** One numeric scene parameter as an input: its range is computed from the parameters before it. */
export interface SceneParamControl {
  name: string;
  label: string;
  /** The spec's description. */
  help: string;
  min: number;
  max: number;
  /** 1 for integer parameters. */
  step: number;
  value: number;
}

/** Step of the non-integer scene parameters' inputs. */
const SCENE_NUMBER_STEP = 0.05;

function computed(value: number | ((p: ResolvedSoFar) => number), soFar: ResolvedSoFar): number {
  return typeof value === 'function' ? value(soFar) : value;
}

/**
 * The numeric parameters of `sceneName` as inputs, in declaration order: value from `params`
 * (given or resolved; a missing or non-numeric one takes its default), range and default computed
 * by the scene's spec functions from the values before it, as `resolveParams` does. Probability
 * vectors (fork's `probabilities`) have no input; they are set through the URL or a JSON config.
 */
export function sceneParamControls(sceneName: SceneName, params: Readonly<Record<string, unknown>>): SceneParamControl[] {
  const soFar: Record<string, number> = {};
  const out: SceneParamControl[] = [];
  for (const [name, spec] of Object.entries(SCENE_PARAMS[sceneName])) {
    if (spec.kind === 'probabilities') continue;
    const given = params[name];
    const min = computed(spec.min, soFar);
    const max = computed(spec.max, soFar);
    const value = typeof given === 'number' ? given : computed(spec.default, soFar);
    soFar[name] = value;
    out.push({ name, label: name, help: spec.description, min, max, step: spec.kind === 'integer' ? 1 : SCENE_NUMBER_STEP, value });
  }
  return out;
}
