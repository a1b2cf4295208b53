/**
 * Results as files the page can save and load. A run file (`jepa-playground-run`, written by the
 * page) holds the config, every run's record so far (losses, evaluations, the last samples) and a
 * checkpoint to continue training from. A `summary.json` written by `npm run experiment` holds a
 * preset's runs with their curves. Reading either gives records to chart; anything malformed is a
 * RangeError naming the field and what is allowed.
 */
import { experimentConfigFrom } from './config-json';
import type { ExperimentConfig } from './experiment-config';
import { EVALUATED_KINDS, type EvaluatedKind, type EvaluationEvent, type SamplesEvent, type StepEvent } from './experiment-events';
import { PRESET_NAMES, type PresetName } from './presets';
import type { RunCheckpoint } from './run-checkpoint';
import { newRunRecord, type RunRecord } from './run-record';
import { parseTyped, stringifyTyped } from './typed-json';

export const RUN_FILE_FORMAT = 'jepa-playground-run';
export const RUN_FILE_VERSION = 1;

export interface LoadedResults {
  /** 'run': a page export; 'summary': a summary.json of `npm run experiment`. */
  source: 'run' | 'summary';
  preset: PresetName | null;
  config: ExperimentConfig;
  records: RunRecord[];
  checkpoint: RunCheckpoint | null;
}

/** The run file of the page's current results. */
export function runFileJson(results: Omit<LoadedResults, 'source'>): string {
  const { preset, config, records, checkpoint } = results;
  return stringifyTyped({ format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION, savedAt: new Date().toISOString(), preset, config, records, checkpoint }, 1);
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function objectAt(v: unknown, field: string): Json {
  if (!isObject(v)) throw new RangeError(`${field}: expected an object`);
  return v;
}

function arrayAt(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) throw new RangeError(`${field}: expected a list`);
  return v;
}

function numberAt(v: unknown, field: string): number {
  if (v === null) return Number.NaN; // JSON writes NaN and ±Infinity as null
  if (typeof v !== 'number') throw new RangeError(`${field}: ${JSON.stringify(v)} is not a number`);
  return v;
}

/** An evaluation's learner: a learner or a control (EVALUATED_KINDS). */
function evaluatedAt(v: unknown, field: string): EvaluatedKind {
  if (!EVALUATED_KINDS.includes(v as EvaluatedKind)) throw new RangeError(`${field}: ${JSON.stringify(v)} is not allowed; allowed: ${EVALUATED_KINDS.join(', ')}`);
  return v as EvaluatedKind;
}

function numbersAt(v: unknown, field: string): Record<string, number> {
  return Object.fromEntries(Object.entries(objectAt(v, field)).map(([k, x]) => [k, numberAt(x, `${field}.${k}`)]));
}

function configAt(v: unknown, field: string): ExperimentConfig {
  try {
    return experimentConfigFrom(v);
  } catch (e) {
    throw new RangeError(`${field}.${(e as Error).message}`);
  }
}

function stepEvent(v: unknown, field: string): StepEvent {
  const o = objectAt(v, field);
  const losses = objectAt(o.losses, `${field}.losses`);
  return {
    type: 'step',
    step: numberAt(o.step, `${field}.step`),
    framesSeen: numberAt(o.framesSeen, `${field}.framesSeen`),
    losses: { pixel: numbersAt(losses.pixel ?? {}, `${field}.losses.pixel`), jepa: numbersAt(losses.jepa ?? {}, `${field}.losses.jepa`) },
    stepsPerSecond: numberAt(o.stepsPerSecond ?? null, `${field}.stepsPerSecond`),
  };
}

function evaluationEvent(v: unknown, field: string): EvaluationEvent {
  const o = objectAt(v, field);
  return {
    type: 'evaluation',
    step: numberAt(o.step, `${field}.step`),
    framesSeen: numberAt(o.framesSeen, `${field}.framesSeen`),
    learner: evaluatedAt(o.learner, `${field}.learner`),
    labelledClips: numberAt(o.labelledClips, `${field}.labelledClips`),
    metrics: numbersAt(o.metrics, `${field}.metrics`),
  };
}

function samplesAt(v: unknown, field: string): SamplesEvent | null {
  if (v === null || v === undefined) return null;
  const o = objectAt(v, field);
  if (!(o.clip instanceof Float32Array) || !isObject(o.shape) || !isObject(o.mask)) throw new RangeError(`${field}: expected samples with a clip, its shape and a mask`);
  return o as unknown as SamplesEvent;
}

const OUTCOMES = ['done', 'diverged', 'failed', 'running', 'paused'] as const;

function recordAt(v: unknown, field: string): RunRecord {
  const o = objectAt(v, field);
  const record = newRunRecord(stringsAt(o.variant ?? {}, `${field}.variant`), configAt(o.config, `${field}.config`));
  record.steps = arrayAt(o.steps, `${field}.steps`).map((s, i) => stepEvent(s, `${field}.steps[${i}]`));
  record.evaluations = arrayAt(o.evaluations, `${field}.evaluations`).map((e, i) => evaluationEvent(e, `${field}.evaluations[${i}]`));
  record.lastSamples = samplesAt(o.lastSamples, `${field}.lastSamples`);
  record.started = isObject(o.started) ? (o.started as unknown as RunRecord['started']) : null;
  const outcome = o.outcome ?? 'paused';
  if (!OUTCOMES.includes(outcome as (typeof OUTCOMES)[number])) throw new RangeError(`${field}.outcome: ${JSON.stringify(outcome)} is not allowed; allowed: ${OUTCOMES.join(', ')}`);
  // A run that was still going when saved is paused once loaded.
  record.outcome = outcome === 'running' ? 'paused' : (outcome as RunRecord['outcome']);
  record.message = typeof o.message === 'string' ? o.message : null;
  record.runtimeMs = typeof o.runtimeMs === 'number' ? o.runtimeMs : typeof o.runtimeSeconds === 'number' ? o.runtimeSeconds * 1000 : 0;
  return record;
}

function stringsAt(v: unknown, field: string): Record<string, string> {
  return Object.fromEntries(Object.entries(objectAt(v, field)).map(([k, x]) => [k, String(x)]));
}

function presetAt(v: unknown, field: string): PresetName | null {
  if (v === null || v === undefined) return null;
  if (!(PRESET_NAMES as readonly unknown[]).includes(v)) throw new RangeError(`${field}: ${JSON.stringify(v)} is not allowed; allowed: ${PRESET_NAMES.join(', ')}`);
  return v as PresetName;
}

function checkpointAt(v: unknown, field: string): RunCheckpoint | null {
  if (v === null || v === undefined) return null;
  const o = objectAt(v, field);
  if (!(o.weightData instanceof ArrayBuffer) || !Array.isArray(o.weightSpecs) || !isObject(o.header)) throw new RangeError(`${field}: expected a header, weightSpecs and weightData`);
  numberAt(o.step, `${field}.step`);
  return o as unknown as RunCheckpoint;
}

/** Reads a run file or a summary.json; throws a RangeError naming the first bad field. */
export function parseResultsFile(text: string): LoadedResults {
  let value: unknown;
  try {
    value = parseTyped(text);
  } catch (e) {
    throw new RangeError(`file: not a results file (${(e as Error).message})`);
  }
  const o = objectAt(value, 'file');
  if (o.format === RUN_FILE_FORMAT) {
    if (o.version !== RUN_FILE_VERSION) throw new RangeError(`version: ${JSON.stringify(o.version)} is not supported; allowed: ${RUN_FILE_VERSION}`);
    const records = arrayAt(o.records, 'records').map((r, i) => recordAt(r, `records[${i}]`));
    return { source: 'run', preset: presetAt(o.preset, 'preset'), config: configAt(o.config, 'config'), records, checkpoint: checkpointAt(o.checkpoint, 'checkpoint') };
  }
  if ('preset' in o && Array.isArray(o.runs)) {
    const runs = o.runs.map((r, i) => objectAt(r, `runs[${i}]`));
    runs.forEach((r, i) => {
      if (!Array.isArray(r.evaluations)) throw new RangeError(`runs[${i}].evaluations: missing; this summary.json predates curves in summaries: run the preset again with \`npm run experiment\``);
    });
    return { source: 'summary', preset: presetAt(o.preset, 'preset'), config: configAt(o.config, 'config'), records: runs.map((r, i) => recordAt(r, `runs[${i}]`)), checkpoint: null };
  }
  throw new RangeError(`format: ${JSON.stringify(o.format)} is not allowed; allowed: a '${RUN_FILE_FORMAT}' file saved by the page, or a summary.json from npm run experiment`);
}
