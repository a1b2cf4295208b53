/**
 * Node-only tfjs IOHandler that saves/loads a checkpoint as two files in a directory:
 * `checkpoint.json` (header + weight specs) and `weights.bin`. Never import this from page code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';

export function fileCheckpointHandler(directory: string): tf.io.IOHandler {
  const jsonPath = join(directory, 'checkpoint.json');
  const weightsPath = join(directory, 'weights.bin');
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      mkdirSync(directory, { recursive: true });
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      writeFileSync(weightsPath, weights);
      const json = { ...artifacts, weightData: undefined, weightsFile: 'weights.bin' };
      writeFileSync(jsonPath, JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as tf.io.ModelArtifacts;
      const bytes = readFileSync(weightsPath);
      return { ...json, weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
    },
  };
}
