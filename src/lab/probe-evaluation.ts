/**
 * Linear probes of frozen features (DESIGN §5): one closed-form ridge probe for all selected
 * regression labels (mean test R², and per field), and one linear classifier per class label
 * (test accuracy). Fitted on the first `labelled` train clips, regularisation chosen on the
 * validation clips, scored on the test clips.
 */
import type { ClassLabel, LabelField } from '../../datasets/labels';
import { classifierProbe } from '../../models/linear-classifier';
import { ridgeProbe } from '../../models/ridge-probe';

export interface ProbeTargets {
  regression: LabelField[];
  classes: ClassLabel[];
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
  train: ProbeSplit;
  validation: ProbeSplit;
  test: ProbeSplit;
}

/** The label fields to probe (`fields` by name; [] = all); an unknown name is a RangeError naming it. */
export function resolveProbeTargets(schema: readonly LabelField[], fields: readonly string[]): ProbeTargets {
  const names = schema.map((f) => f.name);
  for (const name of fields) {
    if (!names.includes(name)) throw new RangeError(`evaluation.probe.fields: '${name}' is not a label of this scene; allowed: ${names.join(', ')}`);
  }
  const chosen = fields.length === 0 ? schema : schema.filter((f) => fields.includes(f.name));
  return {
    regression: chosen.filter((f) => f.kind === 'regression'),
    classes: chosen.filter((f): f is ClassLabel => f.kind === 'class'),
  };
}

/** Values of `fields` for the first n clips: [n, Σ field sizes]. */
function regressionTargets(split: ProbeSplit, n: number, labelSize: number, fields: readonly LabelField[]): Float64Array {
  const width = fields.reduce((s, f) => s + f.size, 0);
  const y = new Float64Array(n * width);
  for (let c = 0; c < n; c++) {
    let column = 0;
    for (const f of fields) {
      for (let i = 0; i < f.size; i++) y[c * width + column++] = split.labels[c * labelSize + f.offset + i]!;
    }
  }
  return y;
}

function classTargets(split: ProbeSplit, n: number, labelSize: number, field: ClassLabel): Int32Array {
  return Int32Array.from({ length: n }, (_, c) => split.labels[c * labelSize + field.offset]!);
}

/** Probe scores with the first `labelled` train clips. */
export async function probeScores(data: ProbeData, targets: ProbeTargets, labelled: number): Promise<Record<string, number>> {
  if (labelled > data.train.n) throw new RangeError(`labelled clips: ${labelled} asked, ${data.train.n} encoded`);
  const { featureSize: p, labelSize } = data;
  const train = { ...data.train, x: data.train.x.subarray(0, labelled * p), n: labelled };
  const metrics: Record<string, number> = {};
  if (targets.regression.length > 0) {
    const l = targets.regression.reduce((s, f) => s + f.size, 0);
    const set = (s: ProbeSplit) => ({ x: s.x, y: regressionTargets(s, s.n, labelSize, targets.regression), n: s.n });
    const result = ridgeProbe({ p, l, train: set(train), validation: set(data.validation), test: set(data.test) });
    metrics['probe.r2'] = result.r2;
    let column = 0;
    for (const f of targets.regression) {
      const values = result.r2PerOutput.slice(column, column + f.size).filter(Number.isFinite);
      metrics[`probe.r2.${f.name}`] = values.length ? values.reduce((s, v) => s + v, 0) / values.length : Number.NaN;
      column += f.size;
    }
  }
  for (const field of targets.classes) {
    const set = (s: ProbeSplit) => ({ x: s.x, labels: classTargets(s, s.n, labelSize, field), n: s.n });
    const result = await classifierProbe({ p, train: set(train), validation: set(data.validation), test: set(data.test) }, field.classes);
    metrics[`probe.accuracy.${field.name}`] = result.accuracy;
  }
  return metrics;
}
