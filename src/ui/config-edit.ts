/**
 * Editing an ExperimentConfig from form inputs, without touching the DOM: set one dotted field,
 * turn an input's text into a value the validator can judge, and list what differs from the
 * config of the running run (and which of those differences need a restart).
 */
import type { FieldRule } from '../../models/field-rules';
import { resolvedSceneParams, validateExperimentConfig, type ExperimentConfig } from '../lab/experiment-config';

/** A copy of `config` with the field at the dotted `path` (e.g. 'mask.ratio', 'scene.params.radius') set to `value`. */
export function withValue(config: ExperimentConfig, path: string, value: unknown): ExperimentConfig {
  const out = structuredClone(config);
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = out as unknown as Record<string, unknown>;
  for (const key of keys) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
  return out;
}

/**
 * The value an input's text stands for under `rule`: numbers via Number() ('' becomes NaN, so
 * validation reports it rather than reading 0), 'true'/'false' as booleans, choices as given.
 */
export function parseControlValue(raw: string, rule: FieldRule): unknown {
  switch (rule.kind) {
    case 'integer':
    case 'number':
      return raw.trim() === '' ? Number.NaN : Number(raw);
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'choice':
      return raw;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function diffPaths(a: unknown, b: unknown, path: string): string[] {
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) => diffPaths(a[key], b[key], path ? `${path}.${key}` : key));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}

/** Scene parameters with defaults filled in (as given when they do not resolve). */
function effectiveParams(scene: ExperimentConfig['scene']): Record<string, unknown> {
  try {
    return resolvedSceneParams(scene);
  } catch {
    return scene.params;
  }
}

/**
 * Dotted paths whose values differ between the two configs, in config order. Lists are compared
 * whole ('learners'); scene parameters by name ('scene.params.radius'), with defaults filled in
 * when both configs use the same scene (so typing a default in is no change).
 */
export function changedFields(applied: ExperimentConfig, edited: ExperimentConfig): string[] {
  const sameScene = applied.scene.name === edited.scene.name;
  const view = (c: ExperimentConfig) => (sameScene ? { ...c, scene: { ...c.scene, params: effectiveParams(c.scene) } } : c);
  return diffPaths(view(applied), view(edited), '');
}

/** Fields a running run takes on without a restart. */
export const LIVE_FIELDS: readonly string[] = ['readEvery'];

/** The changed fields that only take effect in a new run (changedFields minus LIVE_FIELDS). */
export function restartNeeded(applied: ExperimentConfig, edited: ExperimentConfig): string[] {
  return changedFields(applied, edited).filter((path) => !LIVE_FIELDS.includes(path));
}

/** validateExperimentConfig's message for `config` (naming the field, value and what is allowed), or null when it is valid. */
export function editError(config: ExperimentConfig): string | null {
  try {
    validateExperimentConfig(config);
    return null;
  } catch (e) {
    if (e instanceof RangeError) return e.message;
    throw e;
  }
}
