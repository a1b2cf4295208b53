/**
 * The page's experiment settings in its URL. The page starts from PAGE_DEFAULTS (the engine's
 * defaults with blur and retrieval on, so both learner cards have their figures and frames); the
 * query holds only what differs, plus `preset=<name>` when a preset was picked. A bad pair is
 * reported (naming the field and what it allows) and that field keeps its default.
 */
import { decodeExperimentQuery, encodeExperimentQuery } from '../lab/config-url';
import { EXPERIMENT_DEFAULTS, type ExperimentConfig } from '../lab/experiment-config';
import { PRESET_NAMES, type PresetName } from '../lab/presets';

export const PAGE_DEFAULTS: ExperimentConfig = {
  ...EXPERIMENT_DEFAULTS,
  evaluation: { ...EXPERIMENT_DEFAULTS.evaluation, blur: true, retrieval: true },
};

const PRESET_KEY = 'preset';

export interface PageSettings {
  config: ExperimentConfig;
  preset: PresetName | null;
  /** One message per rejected part of the link. */
  errors: string[];
}

/** Reads `location.search`; never throws. */
export function readPageQuery(search: string): PageSettings {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const errors: string[] = [];
  let preset: PresetName | null = null;
  const name = params.get(PRESET_KEY);
  if (name !== null) {
    if ((PRESET_NAMES as readonly string[]).includes(name)) preset = name as PresetName;
    else errors.push(`preset: '${name}' is not a preset; allowed: ${PRESET_NAMES.join(', ')} (ignored)`);
    params.delete(PRESET_KEY);
  }
  const decoded = decodeExperimentQuery(params.toString(), PAGE_DEFAULTS);
  return { config: decoded.config, preset, errors: [...errors, ...decoded.errors] };
}

/** The query ('?…', or '' for the defaults) that reproduces `config` (and names the preset it came from). */
export function pageQuery(config: ExperimentConfig, preset: PresetName | null): string {
  const parts = [preset ? `${PRESET_KEY}=${preset}` : '', encodeExperimentQuery(config, PAGE_DEFAULTS)].filter((p) => p.length > 0);
  return parts.length ? `?${parts.join('&')}` : '';
}
