/**
 * Compact URL encoding of an experiment config (tensorflow/playground keeps its state in the URL
 * the same way): only fields that differ from the defaults, as `path=value` pairs with dotted
 * paths (`mask.ratio=0.9`), `scene=fork` for the scene and `s.<param>` for its parameters; lists
 * are comma-separated. Decoding never throws: each bad pair yields a message naming the field and
 * what it allows, and that field keeps its default, so a damaged link still opens.
 */
import { valueAt } from '../../models/field-rules';
import { validateExperimentConfig, EXPERIMENT_DEFAULTS, type ExperimentConfig } from './experiment-config';

const SCENE_KEY = 'scene';
const SCENE_PARAM_PREFIX = 's.';
/** List fields and the type of their entries. */
const LIST_FIELDS: Readonly<Record<string, 'string' | 'number'>> = {
  learners: 'string',
  'evaluation.probe.fields': 'string',
  'evaluation.probe.labelCounts': 'number',
};

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || prefix === 'scene') return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

/** Every key a link or a --sweep may set: scene, s.<scene parameter>, then each field's dotted path. */
export function settingKeys(base: ExperimentConfig = EXPERIMENT_DEFAULTS): string[] {
  return [SCENE_KEY, `${SCENE_PARAM_PREFIX}<scene parameter>`, ...leafPaths(base).filter((p) => p !== 'scene')];
}

function set(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = object;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(',');
  return String(value);
}

/** A number from the link; text that is not one is an error quoting it (not a silent NaN). */
function parseNumber(raw: string, field: string): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (Number.isNaN(value)) throw new RangeError(`${field}: '${raw}' is not a number`);
  return value;
}

/** A raw query value as the type the field holds (validation comes after). */
function parseValue(path: string, raw: string, current: unknown): unknown {
  if (path in LIST_FIELDS) {
    const items = raw === '' ? [] : raw.split(',');
    return LIST_FIELDS[path] === 'number' ? items.map((item) => parseNumber(item, path)) : items;
  }
  if (raw === 'null') return null;
  if (typeof current === 'boolean') return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
  if (typeof current === 'number' || current === null) return parseNumber(raw, path);
  return raw;
}

/** A scene parameter from the URL: a number, a comma list of numbers, or null. */
function parseSceneParam(raw: string, field: string): unknown {
  if (raw === 'null') return null;
  return raw.includes(',') ? raw.split(',').map((item) => parseNumber(item, field)) : parseNumber(raw, field);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The query string (without '?') that turns `base` into `config`. */
export function encodeExperimentQuery(config: ExperimentConfig, base: ExperimentConfig = EXPERIMENT_DEFAULTS): string {
  const pairs: string[] = [];
  const escape = (s: string) => encodeURIComponent(s).replace(/%2C/g, ',');
  if (config.scene.name !== base.scene.name) pairs.push(`${SCENE_KEY}=${escape(config.scene.name)}`);
  for (const [name, value] of Object.entries(config.scene.params)) {
    if (value !== undefined && !deepEqual(value, base.scene.params[name])) pairs.push(`${SCENE_PARAM_PREFIX}${escape(name)}=${escape(formatValue(value))}`);
  }
  for (const path of leafPaths(base)) {
    if (path === 'scene') continue;
    const value = valueAt(config, path);
    if (!deepEqual(value, valueAt(base, path))) pairs.push(`${path}=${escape(formatValue(value))}`);
  }
  return pairs.join('&');
}

export interface DecodedExperiment {
  config: ExperimentConfig;
  /** One readable message per rejected pair; the field kept its default. */
  errors: string[];
}

/** Decodes a query string ('?a=1&b=2' or 'a=1&b=2') over `base`; never throws. */
export function decodeExperimentQuery(query: string, base: ExperimentConfig = EXPERIMENT_DEFAULTS): DecodedExperiment {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const known = new Set(leafPaths(base).filter((p) => p !== 'scene'));
  let config = structuredClone(base);
  const errors: string[] = [];
  const attempt = (field: string, change: (draft: ExperimentConfig) => void) => {
    const draft = structuredClone(config);
    try {
      change(draft);
      validateExperimentConfig(draft);
      config = draft;
    } catch (e) {
      errors.push(`${(e as Error).message} (from the link's '${field}'; kept ${field === SCENE_KEY ? 'the scene' : 'the default'})`);
    }
  };
  const entries = [...params.entries()];
  // The scene first: its parameters are checked against it.
  const ordered = [...entries.filter(([k]) => k === SCENE_KEY), ...entries.filter(([k]) => k !== SCENE_KEY)];
  for (const [key, raw] of ordered) {
    if (key === SCENE_KEY) {
      attempt(key, (d) => {
        d.scene = { name: raw as ExperimentConfig['scene']['name'], params: {} };
      });
    } else if (key.startsWith(SCENE_PARAM_PREFIX)) {
      const name = key.slice(SCENE_PARAM_PREFIX.length);
      attempt(key, (d) => {
        d.scene.params = { ...d.scene.params, [name]: parseSceneParam(raw, `scene.params.${name}`) };
      });
    } else if (known.has(key)) {
      attempt(key, (d) => set(d as unknown as Record<string, unknown>, key, parseValue(key, raw, valueAt(d, key))));
    } else {
      errors.push(`'${key}' is not a setting of this playground; ignored. Settings: ${settingKeys(base).join(', ')}`);
    }
  }
  return { config, errors };
}
