/**
 * Exports one race step as a parity case for the PyTorch reference (bench/reference/parity.py):
 * the config, every parameter of both learners by logical name, step `--step`'s clip batch and
 * mask, the SIGReg directions and token stride that step uses, and our tfjs outputs of that step
 * computed WITHOUT training (forward only): pixel predictions and loss, JEPA context encoding,
 * predictor output, target embeddings, SIGReg and the losses. As extras it exports the gradients
 * of both totals (tf.variableGrads, no update) and the parameters after one trainer step (so the
 * reference can also check the AdamW update); the forward outputs are taken before that step.
 *
 *   npx tsx bench/reference/export-case.ts [--batch 32] [--step 1] [--backend wasm|cpu] [--out results/reference]
 *                                          [--set path=JSON ...]   e.g. --set pixel.normalizePatches=true --set hypotheses=2
 *
 * Writes DIR/case.json (metadata, mask, index of tensors) and DIR/case.bin (float32 little-endian,
 * tensors back to back, offsets in the index). Touches nothing in models/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../datasets/random';
import { createScene } from '../../datasets/registry';
import { selectBackend } from '../../models/backend';
import { encode } from '../../models/encoder';
import { tokenStride } from '../../models/jepa-learner';
import type { Learner } from '../../models/learner';
import { RACE_DEFAULTS, type RaceConfig } from '../../models/race-config';
import { RaceTrainer } from '../../models/race-trainer';
import { sceneBatchSource } from '../../models/scene-source';
import { eppsPulleyPerSlice, eppsPulleyQuadrature, sigregDirections } from '../../models/sigreg';
import { disposeStepInputs } from '../../models/step-inputs';

/** Seed-stream tag for SIGReg directions, as in models/jepa-learner.ts ("SIGR"). */
const SIGREG_STREAM = 0x53494752;

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}

const batch = Number(argument('batch', '32'));
const step = Number(argument('step', '1'));
const requestedBackend = argument('backend', 'wasm');
const outDir = resolve(argument('out', 'results/reference'));
if (!Number.isInteger(batch) || batch < 2) throw new Error(`--batch: ${batch} is not an integer ≥ 2`);
if (!Number.isInteger(step) || step < 1) throw new Error(`--step: ${step} is not an integer ≥ 1`);

const selection = await selectBackend({ requested: requestedBackend });
if (selection.backend !== requestedBackend) throw new Error(`asked for ${requestedBackend}, got ${selection.backend}: ${selection.messages.join(' ')}`);

/** RACE_DEFAULTS at this batch with every `--set dotted.path=JSON` override applied. */
function configFromArguments(): RaceConfig {
  const config = structuredClone({ ...RACE_DEFAULTS, batch }) as RaceConfig;
  process.argv.forEach((a, i) => {
    if (a !== '--set') return;
    const spec = process.argv[i + 1] ?? '';
    const eq = spec.indexOf('=');
    if (eq < 1) throw new Error(`--set ${spec}: expected path=JSON, e.g. pixel.normalizePatches=true`);
    const path = spec.slice(0, eq).split('.');
    let node = config as unknown as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) throw new Error(`--set ${spec}: ${key} is not a config section`);
      node = node[key] as Record<string, unknown>;
    }
    const last = path[path.length - 1]!;
    if (!(last in node)) throw new Error(`--set ${spec}: no field ${last}`);
    node[last] = JSON.parse(spec.slice(eq + 1));
  });
  return config;
}

const config = configFromArguments();
const sceneSeed = 1;
const scene = createScene('bouncing', {}, sceneSeed);
const trainer = new RaceTrainer(config, sceneBatchSource(scene, 'train', batch));
// Bring the trainer to `step` (steps before it train, as in a run); step 1 needs none.
while (trainer.stepsDone < step - 1) trainer.step(false);

interface TensorEntry {
  shape: number[];
  dtype: 'float32';
  /** Offset in float32 elements from the start of the .bin file. */
  offset: number;
}
const chunks: Float32Array[] = [];
const index: Record<string, TensorEntry> = {};
let offset = 0;
function put(name: string, values: Float32Array | Float64Array | number[], shape: number[]): void {
  if (index[name]) throw new Error(`tensor ${name} exported twice`);
  const data = Float32Array.from(values);
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new Error(`tensor ${name}: ${data.length} values for shape [${shape}]`);
  index[name] = { shape, dtype: 'float32', offset };
  chunks.push(data);
  offset += data.length;
}
async function putTensor(name: string, t: tf.Tensor): Promise<void> {
  put(name, (await t.data()) as Float32Array, t.shape);
}

const frames = trainer.source.sample(step);
const mask = trainer.maskFor(step);
const inputs = trainer.inputsFor(step);
const grid = trainer.grid;
put('input/clips', frames, [batch, grid.T, grid.H, grid.W]);
await putTensor('input/tokens', inputs.tokens);
put('tables/encoder', trainer.tables.encoder, [grid.count, config.encoder.width]);
put('tables/predictor', trainer.tables.predictor, [grid.count, config.predictor.width]);

// Parameters (before the step) and weight-decay flags.
const decays: Record<string, boolean> = {};
const parameterOrder: Record<string, string[]> = {};
for (const learner of [trainer.pixel, trainer.jepa] as Learner[]) {
  parameterOrder[learner.kind] = learner.params.names();
  for (const [name, v] of learner.params.entries()) {
    await putTensor(`param/${learner.kind}/${name}`, v);
    decays[`${learner.kind}/${name}`] = learner.params.decays(name);
  }
}

// SIGReg inputs of this step, recomputed with the same public functions the learner uses.
const width = config.encoder.width;
const stride = tokenStride(batch, grid.count, config.jepa.regularizedTokens);
const sigregSeed = deriveSeed(trainer.jepa.config.seed, SIGREG_STREAM, step);
const directions = sigregDirections(width, config.jepa.slices, sigregSeed);
put('sigreg/directions', directions, [width, config.jepa.slices]);
const { knots, weights } = eppsPulleyQuadrature();
put('sigreg/knots', knots, [knots.length]);
put('sigreg/weights', weights, [weights.length]);

// Forward outputs (no training).
const pixelLosses = trainer.pixel.losses(inputs, step, true);
await putTensor('pixel/loss/total', pixelLosses.total);
for (const [name, t] of Object.entries(pixelLosses.parts)) await putTensor(`pixel/loss/${name}`, t);
tf.dispose([pixelLosses.total, ...Object.values(pixelLosses.parts)]);
await putTensor('pixel/context_encoding', tf.tidy(() => encode(trainer.pixel.params, config.encoder, inputs.context, inputs.encoderContextPositions)));
await putTensor('pixel/prediction', tf.tidy(() => trainer.pixel.predictRaw(inputs)));
await putTensor('pixel/prediction_pixels', tf.tidy(() => trainer.pixel.predictPixels(inputs)));

const jepaLosses = trainer.jepa.losses(inputs, step, true);
await putTensor('jepa/loss/total', jepaLosses.total);
for (const [name, t] of Object.entries(jepaLosses.parts)) await putTensor(`jepa/loss/${name}`, t);
tf.dispose([jepaLosses.total, ...Object.values(jepaLosses.parts)]);
await putTensor('jepa/context_encoding', tf.tidy(() => encode(trainer.jepa.params, config.encoder, inputs.context, inputs.encoderContextPositions)));
await putTensor('jepa/prediction', tf.tidy(() => trainer.jepa.predictEmbeddings(inputs)));
const z = trainer.jepa.encodeAll(inputs.tokens);
await putTensor('jepa/full_encoding', z);
await putTensor('jepa/targets', tf.tidy(() => tf.gather(z, tf.tensor1d(mask.target, 'int32'), 1)));
const rows = trainer.jepa.regularizedRows(z, step);
await putTensor('jepa/regularized_rows', rows);
await putTensor('jepa/sigreg_per_slice', tf.tidy(() => eppsPulleyPerSlice(tf.matMul(rows, tf.tensor2d(directions, [width, config.jepa.slices])))));
tf.dispose([z, rows]);

// Extra: gradients of each learner's total at this step (no update).
for (const learner of trainer.training()) {
  const names = new Map(learner.params.entries().map(([logical, v]) => [v.name, logical]));
  const { value, grads } = tf.variableGrads(() => learner.losses(inputs, step, false).total, learner.params.variables());
  for (const [variableName, g] of Object.entries(grads)) await putTensor(`grad/${learner.kind}/${names.get(variableName)!}`, g);
  tf.dispose([value, ...Object.values(grads)]);
}
disposeStepInputs(inputs);

// Extra: one real trainer step (same step, same inputs), then the parameters after it; the
// optimiser's flat moments (parameters in ParamSet order) are exported from before that step.
const optimizerIterations = { pixel: trainer.optimizers.pixel.iterations, jepa: trainer.optimizers.jepa.iterations };
for (const learner of trainer.training()) {
  for (const [name, t] of trainer.optimizers[learner.kind].stateTensors()) await putTensor(`optimizer/${learner.kind}/${name}`, t);
}
trainer.step(false);
for (const learner of trainer.training()) {
  for (const [name, v] of learner.params.entries()) await putTensor(`param_after/${learner.kind}/${name}`, v);
}
trainer.dispose();

mkdirSync(outDir, { recursive: true });
const bin = new Float32Array(offset);
let at = 0;
for (const c of chunks) {
  bin.set(c, at);
  at += c.length;
}
const binName = 'case.bin';
writeFileSync(join(outDir, binName), new Uint8Array(bin.buffer));
const meta = {
  format: 'jepa-playground reference case v1',
  created: new Date().toISOString(),
  node: process.version,
  tfjs: tf.version.tfjs,
  backend: selection.backend,
  scene: { name: 'bouncing', params: {}, seed: sceneSeed, split: 'train' },
  step,
  config,
  grid,
  mask: { strategy: mask.strategy, ratio: mask.ratio, context: Array.from(mask.context), target: Array.from(mask.target) },
  sigreg: { seed: sigregSeed, stride, offset: step % stride, rows: (batch * grid.count) / stride },
  learnerSeeds: { pixel: trainer.pixel.config.seed, jepa: trainer.jepa.config.seed },
  parameterOrder,
  decays,
  /** Optimiser iterations done before the exported update (the update is iteration + 1). */
  optimizerIterations,
  bin: binName,
  tensors: index,
};
writeFileSync(join(outDir, 'case.json'), JSON.stringify(meta, null, 1));
console.log(`wrote ${join(outDir, 'case.json')} and ${binName}: ${Object.keys(index).length} tensors, ${(offset * 4 / 1e6).toFixed(1)} MB (backend ${selection.backend}, batch ${batch}, step ${step})`);
