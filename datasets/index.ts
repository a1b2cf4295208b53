/** Toy video scenes: seeded clip generators with labels, for both learners, the probes and the tests. */
export { BatchSampler, MAX_BATCH, type Batch } from './batch-sampler';
export { BOUNCING_PARAMS, BouncingScene } from './bouncing';
export { DIGITS_PARAMS, DigitsScene, type DigitSource } from './digits';
export { DISTRACTORS_PARAMS, DistractorsScene } from './distractors';
export { branchAngles, FORK_PARAMS, ForkScene, type Future } from './fork';
export { buildLabelSchema, labelIndex, unpackLabels, type ClassLabel, type LabelField, type RegressionLabel } from './labels';
export { loadedMnist, loadMnist, MNIST_SPLIT_SHARES, type MnistDigits } from './mnist';
export { formatValue, PROBABILITY_SUM_TOLERANCE, resolveParams, SceneParamError, type ParamSpec, type ParamSpecs } from './params';
export { deriveSeed, Random, stringSeed } from './random';
export { checkSceneName, createScene, loadScene, SCENE_NAMES, SCENE_PARAMS, type SceneName } from './registry';
export { MAX_SEED, type Clip, type Scene, type SceneShape } from './scene';
export { SHAPE_CLASSES, SHAPES_PARAMS, ShapesScene } from './shapes';
export { clipSeed, MAX_CLIP_INDEX, SPLITS, type Split } from './splits';
