/**
 * Scenes by name: `createScene(name, params, seed)` builds any scene synchronously;
 * `loadScene` first loads what a scene needs (the MNIST digits for `digits`), after checking the
 * parameters so a bad one fails before any download.
 */
import { BouncingScene, BOUNCING_PARAMS } from './bouncing';
import { DigitsScene, DIGITS_PARAMS } from './digits';
import { DistractorsScene, DISTRACTORS_PARAMS } from './distractors';
import { ForkScene, FORK_PARAMS } from './fork';
import { loadMnist } from './mnist';
import { resolveParams, SceneParamError, type ParamSpecs } from './params';
import { checkSeed, type Scene } from './scene';
import { ShapesScene, SHAPES_PARAMS } from './shapes';

export const SCENE_NAMES = ['bouncing', 'fork', 'distractors', 'shapes', 'digits'] as const;
export type SceneName = (typeof SCENE_NAMES)[number];

/** Each scene's parameter specs (kinds, defaults, ranges, descriptions), e.g. to build a form. */
export const SCENE_PARAMS: Readonly<Record<SceneName, ParamSpecs>> = {
  bouncing: BOUNCING_PARAMS,
  fork: FORK_PARAMS,
  distractors: DISTRACTORS_PARAMS,
  shapes: SHAPES_PARAMS,
  digits: DIGITS_PARAMS,
};

const CONSTRUCTORS: Readonly<Record<SceneName, new (params?: Record<string, unknown>, seed?: number) => Scene>> = {
  bouncing: BouncingScene,
  fork: ForkScene,
  distractors: DistractorsScene,
  shapes: ShapesScene,
  digits: DigitsScene,
};

/** Throws unless `name` is one of SCENE_NAMES. */
export function checkSceneName(name: unknown): asserts name is SceneName {
  if (typeof name !== 'string' || !(SCENE_NAMES as readonly string[]).includes(name)) {
    throw new SceneParamError('createScene', 'scene', name, SCENE_NAMES.join(', '), 'is an unknown scene');
  }
}

/** The scene `name` with `params` (defaults for the rest) and `seed`. `digits` needs loadScene or loadMnist first. */
export function createScene(name: string, params?: Record<string, unknown>, seed = 0): Scene {
  checkSceneName(name);
  return new CONSTRUCTORS[name](params, seed);
}

/** Validates, loads what the scene needs, then creates it; works for every scene. */
export async function loadScene(name: string, params?: Record<string, unknown>, seed = 0): Promise<Scene> {
  checkSceneName(name);
  resolveParams(name, SCENE_PARAMS[name], params);
  checkSeed(name, seed);
  if (name === 'digits') await loadMnist();
  return createScene(name, params, seed);
}
