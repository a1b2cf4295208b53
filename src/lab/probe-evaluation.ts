/**
 * Probes of frozen features (DESIGN §5), fitted on the first `labelled` train clips,
 * regularisation (or training settings) chosen on the validation clips, scored on the test clips:
 * - one closed-form ridge probe for the selected regression labels (`probe.r2`, mean test R², and
 *   `probe.r2.<field>`), sharing its fit with the velocity probe (`probe.r2.velocity`: vx and vy in
 *   every frame, α chosen for it alone);
 * - the future probe, from features of the context frames only (the encoder never sees the rest):
 *   the position `futureOffset` frames after the context's last frame (`probe.r2.future`), beside
 *   the position in the context's last frame from the same features (`probe.r2.contextEnd`);
 * - per class label, a linear classifier (`probe.accuracy.<field>`) and an attentive probe over the
 *   tokens (`probe.attentive.<field>`, models/attentive-probe.ts), which reads a moving object
 *   wherever it is.
 * A class field of several objects is probed for its first object.
 */
import type { ClassLabel, LabelField } from '../../datasets/labels';
import type { Scaling } from '../../models/standardise';
import { attentiveProbe } from '../../models/attentive-probe';
import { classifierProbe } from '../../models/linear-classifier';
import { ridgeProbeGroups, type OutputGroup } from '../../models/ridge-probe';

/** Frames of the future probe (see futureProbeFrames in experiment-config.ts). */
export interface FutureFrames {
  /** Last frame the encoder sees. */
  contextEnd: number;
  /** Frame whose position is predicted. */
  target: number;
}

export interface ProbeTargets {
  regression: LabelField[];
  classes: ClassLabel[];
  /** The scene's vx and vy fields when dynamics are probed ([] otherwise). */
  velocity: LabelField[];
  /** The position fields (x, y) and frames of the future probe; null when it is not run. */
  future: { fields: LabelField[]; frames: FutureFrames } | null;
  /** Attentive probes for the class labels (needs token-shaped features). */
  attentive: boolean;
}

export interface ProbeTargetOptions {
  /** Velocity and future probes, where the scene has the labels. */
  dynamics?: boolean;
  /** The future probe's frames (null: no future probe). */
  future?: FutureFrames | null;
  attentive?: boolean;
}

/** One split: features [n, featureSize] and the scene's flat labels [n, labelSize]. */
export interface ProbeSplit {
  x: Float32Array;
  labels: Float32Array;
  n: number;
}

export interface ProbeData {
  featureSize: number;
  labelSize: number;
  /** Feature scaling ('columns' by default; 'shared' for raw pixels and crops, whose values share a unit: see models/standardise.ts). */
  scaling?: Scaling;
  /** x read as tokens, featureSize = count · width (for attentive probes); null: not token-shaped. */
  tokens?: { count: number; width: number } | null;
  train: ProbeSplit;
  validation: ProbeSplit;
  test: ProbeSplit;
  /** Features of the context frames only, [n, featureSize] per split, for the future probe (train: at least the labelled clips it is scored with). */
  context?: { featureSize: number; train: Float32Array; validation: Float32Array; test: Float32Array } | null;
}

/** The label fields to probe (`fields` by name; [] = all); an unknown name is a RangeError naming it. */
export function resolveProbeTargets(schema: readonly LabelField[], fields: readonly string[], options: ProbeTargetOptions = {}): ProbeTargets {
  const names = schema.map((f) => f.name);
  for (const name of fields) {
    if (!names.includes(name)) throw new RangeError(`evaluation.probe.fields: '${name}' is not a label of this scene; allowed: ${names.join(', ')}`);
  }
  const chosen = fields.length === 0 ? schema : schema.filter((f) => fields.includes(f.name));
  const named = (wanted: readonly string[]) => wanted.map((name) => schema.find((f) => f.name === name && f.kind === 'regression' && f.per === 'frame'));
  const velocity = named(['vx', 'vy']);
  const position = named(['x', 'y']);
  const complete = (list: (LabelField | undefined)[]): list is LabelField[] => list.every((f) => f !== undefined);
  return {
    regression: chosen.filter((f) => f.kind === 'regression'),
    classes: chosen.filter((f): f is ClassLabel => f.kind === 'class'),
    velocity: options.dynamics && complete(velocity) ? velocity : [],
    future: options.dynamics && options.future && complete(position) ? { fields: position, frames: options.future } : null,
    attentive: options.attentive ?? false,
  };
}

/** Label values picked per clip: [n, picks.length]. */
function pickTargets(split: ProbeSplit, n: number, labelSize: number, picks: readonly number[]): Float64Array {
  const y = new Float64Array(n * picks.length);
  for (let c = 0; c < n; c++) for (let i = 0; i < picks.length; i++) y[c * picks.length + i] = split.labels[c * labelSize + picks[i]!]!;
  return y;
}

/** Label offsets of every value of `fields`, in order. */
function allValues(fields: readonly LabelField[]): number[] {
  return fields.flatMap((f) => Array.from({ length: f.size }, (_, i) => f.offset + i));
}

/** Label offsets of per-frame `fields` at `frame`, every object. */
function valuesAt(fields: readonly LabelField[], frame: number): number[] {
  return fields.flatMap((f) => Array.from({ length: f.width }, (_, slot) => f.offset + frame * f.width + slot));
}

function classTargets(split: ProbeSplit, n: number, labelSize: number, field: ClassLabel): Int32Array {
  return Int32Array.from({ length: n }, (_, c) => split.labels[c * labelSize + field.offset]!);
}

function mean(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length ? finite.reduce((s, v) => s + v, 0) / finite.length : Number.NaN;
}

interface RegressionProbe {
  /** Label offsets of the outputs. */
  picks: number[];
  /** Metric name → the range of picks it is scored on (one α each). */
  groups: { name: string; start: number; end: number; perField?: LabelField[] }[];
}

/** Ridge probes sharing one set of features (one fit, one α per group): metrics by name. */
function ridgeMetrics(data: ProbeData, x: { train: Float32Array; validation: Float32Array; test: Float32Array }, p: number, labelled: number, probe: RegressionProbe): Record<string, number> {
  const { labelSize } = data;
  const l = probe.picks.length;
  const set = (features: Float32Array, split: ProbeSplit, n: number) => ({ x: features.subarray(0, n * p), y: pickTargets(split, n, labelSize, probe.picks), n });
  const results = ridgeProbeGroups(
    { p, l, train: set(x.train, data.train, labelled), validation: set(x.validation, data.validation, data.validation.n), test: set(x.test, data.test, data.test.n), scaling: data.scaling },
    probe.groups.map((g): OutputGroup => ({ start: g.start, end: g.end })),
  );
  const metrics: Record<string, number> = {};
  probe.groups.forEach((g, i) => {
    const result = results[i]!;
    metrics[g.name] = result.r2;
    let column = 0;
    for (const f of g.perField ?? []) {
      metrics[`${g.name}.${f.name}`] = mean(result.r2PerOutput.slice(column, column + f.size));
      column += f.size;
    }
  });
  return metrics;
}

/** Probe scores with the first `labelled` train clips. */
export async function probeScores(data: ProbeData, targets: ProbeTargets, labelled: number): Promise<Record<string, number>> {
  if (labelled > data.train.n) throw new RangeError(`labelled clips: ${labelled} asked, ${data.train.n} encoded`);
  const { featureSize: p, labelSize } = data;
  const metrics: Record<string, number> = {};
  const whole: RegressionProbe = { picks: [], groups: [] };
  if (targets.regression.length > 0) {
    const picks = allValues(targets.regression);
    whole.groups.push({ name: 'probe.r2', start: 0, end: picks.length, perField: targets.regression });
    whole.picks.push(...picks);
  }
  if (targets.velocity.length > 0) {
    const picks = allValues(targets.velocity);
    whole.groups.push({ name: 'probe.r2.velocity', start: whole.picks.length, end: whole.picks.length + picks.length });
    whole.picks.push(...picks);
  }
  if (whole.groups.length > 0) Object.assign(metrics, ridgeMetrics(data, { train: data.train.x, validation: data.validation.x, test: data.test.x }, p, labelled, whole));
  if (targets.future && data.context) {
    const { fields, frames } = targets.future;
    const future = valuesAt(fields, frames.target);
    const present = valuesAt(fields, frames.contextEnd);
    const probe: RegressionProbe = {
      picks: [...future, ...present],
      groups: [
        { name: 'probe.r2.future', start: 0, end: future.length },
        { name: 'probe.r2.contextEnd', start: future.length, end: future.length + present.length },
      ],
    };
    Object.assign(metrics, ridgeMetrics(data, data.context, data.context.featureSize, labelled, probe));
  }
  for (const field of targets.classes) {
    const set = (s: ProbeSplit, n: number) => ({ x: s.x.subarray(0, n * p), labels: classTargets(s, n, labelSize, field), n });
    const train = set(data.train, labelled);
    const validation = set(data.validation, data.validation.n);
    const test = set(data.test, data.test.n);
    metrics[`probe.accuracy.${field.name}`] = (await classifierProbe({ p, train, validation, test, scaling: data.scaling }, field.classes)).accuracy;
    if (targets.attentive && data.tokens) {
      metrics[`probe.attentive.${field.name}`] = (await attentiveProbe({ tokens: data.tokens.count, width: data.tokens.width, train, validation, test }, field.classes, { scaling: data.scaling ?? 'columns' })).accuracy;
    }
  }
  return metrics;
}
