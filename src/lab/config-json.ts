/**
 * Experiment configs as JSON: a file or an imported run may give only some fields (the rest come
 * from a base config); an unknown or mistyped field is an error that names it. Output is the full
 * config, so a saved file documents every setting it ran with.
 */
import { EXPERIMENT_DEFAULTS, validateExperimentConfig, type ExperimentConfig } from './experiment-config';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects whose keys are free (checked by their own validator): the scene's parameters. */
const FREE_FORM = new Set(['scene.params']);

function merge(base: unknown, given: unknown, path: string): unknown {
  if (given === undefined) return base;
  if (!isPlainObject(base) || FREE_FORM.has(path)) return given;
  if (!isPlainObject(given)) {
    throw new RangeError(`${path || 'config'}: ${JSON.stringify(given)} is not allowed; allowed: an object with fields ${Object.keys(base).join(', ')}`);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(base, key)) {
      throw new RangeError(`${path ? `${path}.` : ''}${key}: unknown field; allowed fields${path ? ` of ${path}` : ''}: ${Object.keys(base).join(', ')}`);
    }
  }
  for (const [key, value] of Object.entries(base)) out[key] = merge(value, given[key], path ? `${path}.${key}` : key);
  return out;
}

/** `given` (possibly partial) over `base`, validated. Throws a RangeError naming the bad field. */
export function experimentConfigFrom(given: unknown, base: ExperimentConfig = EXPERIMENT_DEFAULTS): ExperimentConfig {
  const config = merge(base, given, '') as ExperimentConfig;
  const scene = isPlainObject(given) && isPlainObject(given.scene) ? given.scene : {};
  // A different scene does not inherit the base scene's parameters.
  if (config.scene.name !== base.scene.name && scene.params === undefined) config.scene = { ...config.scene, params: {} };
  validateExperimentConfig(config);
  return config;
}

/** Parses JSON text into a validated config; bad JSON or a bad field is a RangeError saying which. */
export function parseExperimentJson(text: string, base: ExperimentConfig = EXPERIMENT_DEFAULTS): ExperimentConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new RangeError(`config: not valid JSON (${(e as Error).message})`);
  }
  return experimentConfigFrom(value, base);
}

export function experimentConfigToJson(config: ExperimentConfig): string {
  return JSON.stringify(config, null, 2);
}
