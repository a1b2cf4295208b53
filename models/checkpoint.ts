/**
 * Checkpoints of a race: both learners' weights, their optimiser state (Adam moments and step
 * count), the EMA target encoder if any, and the step reached, saved through any tfjs IOHandler
 * (`indexeddb://name` or `downloads://name` in the browser via `checkpointHandler`, files in Node:
 * see checkpoint-files-node.ts). Clips,
 * masks and SIGReg directions are functions of (seed, step), so a resumed run continues the same
 * curve as an uninterrupted one.
 */
import * as tf from '@tensorflow/tfjs';
import type { LearnerKind } from './learner';
import type { RaceConfig } from './race-config';
import type { RaceTrainer } from './race-trainer';

export const CHECKPOINT_FORMAT = 'jepa-playground-race-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface CheckpointHeader {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  config: RaceConfig;
  step: number;
  optimizerIterations: Record<LearnerKind, number>;
}

/**
 * The tfjs IO handler registered for a URL such as `indexeddb://my-run` or `downloads://my-run`
 * (browser), for saving or loading. Throws naming the URL when no handler takes it.
 */
export function checkpointHandler(url: string, purpose: 'save' | 'load'): tf.io.IOHandler {
  const handlers = purpose === 'save' ? tf.io.getSaveHandlers(url) : tf.io.getLoadHandlers(url);
  if (handlers.length === 0) throw new Error(`checkpoint URL '${url}': no handler can ${purpose} it here (try indexeddb://NAME or downloads://NAME in a browser)`);
  return handlers[0]!;
}

function namedState(trainer: RaceTrainer): Map<string, tf.Tensor> {
  const named = new Map<string, tf.Tensor>();
  for (const kind of ['pixel', 'jepa'] as const) {
    const learner = trainer[kind];
    for (const [name, v] of learner.params.entries()) named.set(`${kind}/param/${name}`, v);
    for (const [name, t] of trainer.optimizers[kind].stateTensors()) named.set(`${kind}/optimizer/${name}`, t);
    for (const [name, v] of learner.extraState()) named.set(`${kind}/${name}`, v);
    named.set(`${kind}/first-bad-step`, trainer.divergenceFlags()[kind]);
  }
  return named;
}

/** Saves the trainer through `handler` (e.g. checkpointHandler('indexeddb://name', 'save'), or a file handler). */
export async function saveCheckpoint(trainer: RaceTrainer, handler: tf.io.IOHandler): Promise<tf.io.SaveResult> {
  if (!handler.save) throw new Error('this IO handler cannot save');
  const named = namedState(trainer);
  const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(named));
  const header: CheckpointHeader = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    config: trainer.config,
    step: trainer.stepsDone,
    optimizerIterations: { pixel: trainer.optimizers.pixel.iterations, jepa: trainer.optimizers.jepa.iterations },
  };
  return handler.save({
    modelTopology: header as unknown as tf.io.ModelArtifacts['modelTopology'],
    format: CHECKPOINT_FORMAT,
    generatedBy: 'jepa-playground',
    weightSpecs: specs,
    weightData: data,
  });
}

/** Reads a checkpoint's header and tensors; the caller builds a trainer from `header.config` and calls `restoreCheckpoint`. */
export async function loadCheckpoint(handler: tf.io.IOHandler): Promise<{ header: CheckpointHeader; tensors: Map<string, tf.Tensor> }> {
  if (!handler.load) throw new Error('this IO handler cannot load');
  const artifacts = await handler.load();
  const header = artifacts.modelTopology as unknown as CheckpointHeader;
  if (header?.format !== CHECKPOINT_FORMAT) throw new Error(`not a race checkpoint (format '${String(header?.format)}')`);
  if (header.version !== CHECKPOINT_VERSION) throw new Error(`checkpoint version ${header.version} is not supported (expected ${CHECKPOINT_VERSION})`);
  if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error('checkpoint has no weights');
  const decoded = tf.io.decodeWeights(artifacts.weightData as ArrayBuffer, artifacts.weightSpecs);
  return { header, tensors: new Map(Object.entries(decoded)) };
}

/** Copies loaded tensors into a trainer built from the same config, then disposes them. */
export function restoreCheckpoint(trainer: RaceTrainer, header: CheckpointHeader, tensors: Map<string, tf.Tensor>): void {
  try {
    const named = namedState(trainer);
    for (const [name, target] of named) {
      const value = tensors.get(name);
      if (!value) throw new Error(`checkpoint is missing '${name}'`);
      if (value.shape.join('x') !== target.shape.join('x')) {
        throw new Error(`checkpoint '${name}' has shape [${value.shape}] but the model expects [${target.shape}]`);
      }
      if (!(target instanceof tf.Variable)) throw new Error(`'${name}' is not restorable`);
      target.assign(value);
    }
    for (const kind of ['pixel', 'jepa'] as const) trainer.optimizers[kind].iterations = header.optimizerIterations[kind];
    trainer.stepsDone = header.step;
  } finally {
    tf.dispose([...tensors.values()]);
  }
}
