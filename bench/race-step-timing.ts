/**
 * Times race steps on the active tfjs backend: warm-up excluded, then `repeats` timings of
 * `stepsPerRepeat` steps each, flushed by one device read at the end of each repeat (so GPU
 * queues are included); reports the median and spread in ms per step.
 */
import { createScene } from '../datasets/registry';
import { RACE_DEFAULTS, type RaceConfig } from '../models/race-config';
import { RaceTrainer } from '../models/race-trainer';
import { sceneBatchSource } from '../models/scene-source';

export interface StepTiming {
  backend: string;
  batch: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  repeats: number;
  stepsPerRepeat: number;
  parameters: { pixel: number; jepa: number };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export async function timeRaceSteps(backend: string, config: Partial<RaceConfig> = {}, repeats = 5, stepsPerRepeat = 3, warmup = 3): Promise<StepTiming> {
  const full: RaceConfig = { ...RACE_DEFAULTS, ...config };
  const scene = createScene('bouncing', {}, 1);
  const trainer = new RaceTrainer(full, sceneBatchSource(scene, 'train', full.batch));
  const flush = async () => {
    const pending = trainer.step(true)!;
    await trainer.read(pending);
  };
  for (let i = 0; i < warmup; i++) await flush();
  const perStep: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    for (let i = 0; i < stepsPerRepeat - 1; i++) trainer.step(false);
    await flush();
    perStep.push((performance.now() - start) / stepsPerRepeat);
  }
  const parameters = trainer.parameterCounts();
  trainer.dispose();
  return { backend, batch: full.batch, medianMs: median(perStep), minMs: Math.min(...perStep), maxMs: Math.max(...perStep), repeats, stepsPerRepeat, parameters };
}

export function formatTimings(rows: StepTiming[]): string {
  const lines = ['| backend | batch | median ms/step | min | max | repeats × steps |', '|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.backend} | ${r.batch} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.maxMs.toFixed(1)} | ${r.repeats} × ${r.stepsPerRepeat} |`);
  return lines.join('\n');
}
