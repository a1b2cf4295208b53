/** A tiny experiment (fork 16 × 16, batch 4, 6 steps, narrow models, small evaluation sets, no attentive probe, no controls) that runs in about a second on wasm. */
import { EXPERIMENT_DEFAULTS, type ExperimentConfig } from '../../src/lab/experiment-config';

export const TINY_EXPERIMENT: ExperimentConfig = {
  ...EXPERIMENT_DEFAULTS,
  scene: { name: 'fork', params: { width: 16, height: 16 } },
  batch: 4,
  steps: 6,
  readEvery: 2,
  mask: { strategy: 'future-frames', ratio: 0.5 },
  encoder: { width: 16, depth: 1, heads: 2, mlpRatio: 2 },
  predictor: { width: 16, depth: 1, heads: 2, mlpRatio: 2 },
  jepa: { ...EXPERIMENT_DEFAULTS.jepa, slices: 16 },
  evaluation: {
    points: 2,
    probes: true,
    probe: { ...EXPERIMENT_DEFAULTS.evaluation.probe, fields: [], trainClips: 16, labelCounts: [8, 16, 24], validationClips: 12, testClips: 12, target: 0.5, attentive: false },
    controls: { sigregOnly: false, rawPixels: false },
    collapse: true,
    blur: true,
    retrieval: true,
    skill: true,
    heldOutClips: 6,
  },
};
