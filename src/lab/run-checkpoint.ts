/**
 * A run's checkpoint as plain, transferable data: the race's weights and optimiser state (see
 * models/checkpoint.ts) captured in memory, plus the run's runtime so far. The worker posts one
 * every few seconds, so a run whose GPU device is lost continues on another backend from it; a
 * run file carries one so an imported run can continue.
 */
import * as tf from '@tensorflow/tfjs';
import { loadCheckpoint, saveCheckpoint, type CheckpointHeader } from '../../models/checkpoint';
import type { RaceTrainer } from '../../models/race-trainer';

export interface RunCheckpoint {
  step: number;
  runtimeMs: number;
  header: CheckpointHeader;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

function oneBuffer(data: tf.io.WeightData): ArrayBuffer {
  return Array.isArray(data) ? tf.io.CompositeArrayBuffer.join(data) : data;
}

/** Reads the trainer's state from the device (one read per tensor) into memory. */
export async function captureCheckpoint(trainer: RaceTrainer, runtimeMs: number): Promise<RunCheckpoint> {
  let captured: tf.io.ModelArtifacts | null = null;
  await saveCheckpoint(
    trainer,
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = captured as unknown as tf.io.ModelArtifacts;
  return {
    step: trainer.stepsDone,
    runtimeMs,
    header: artifacts.modelTopology as unknown as CheckpointHeader,
    weightSpecs: artifacts.weightSpecs!,
    weightData: oneBuffer(artifacts.weightData!),
  };
}

/** The checkpoint's header and tensors, ready for restoreCheckpoint. */
export function checkpointTensors(checkpoint: RunCheckpoint): ReturnType<typeof loadCheckpoint> {
  return loadCheckpoint(
    tf.io.fromMemory({
      modelTopology: checkpoint.header as unknown as tf.io.ModelArtifacts['modelTopology'],
      weightSpecs: checkpoint.weightSpecs,
      weightData: checkpoint.weightData,
    }),
  );
}
