/**
 * `npm run bench:scenes`: clip generation speed of every scene at its defaults (32 × 32 × 8),
 * through the BatchSampler the learners use (batches of 64 fresh training clips). Per scene: a
 * warm-up of at least 1 s (excluded; it also fills the digits' sprite cache), then 7 timed
 * repeats of about 0.3 s each; prints the median, min and max clips/s. JavaScript runs on one
 * thread; `taskset -c 0 npm run bench:scenes` pins the whole process to one core.
 */
import { cpus } from 'node:os';
import { BatchSampler } from '../datasets/batch-sampler';
import { loadScene, SCENE_NAMES } from '../datasets/registry';
import { median } from './bench-table';

const BATCH = 64;
const REPEATS = 7;
const WARMUP_MS = 1000;
const REPEAT_MS = 300;
const TARGET = 5000;

/** Runs `sample(step)` for consecutive steps from `first` until `ms` have passed; returns steps done. */
function runFor(sampler: BatchSampler, first: number, ms: number): number {
  const end = performance.now() + ms;
  let step = first;
  while (performance.now() < end) sampler.sample(step++);
  return step - first;
}


async function main(): Promise<void> {
  process.stdout.write(`clip generation, defaults (32 × 32 × 8), batches of ${BATCH}, median of ${REPEATS} repeats after a ${WARMUP_MS} ms warm-up\n`);
  process.stdout.write(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; node ${process.version}; one JavaScript thread\n\n`);
  const rows = ['| scene | clips/s (median) | min | max | µs/clip | ≥ 5,000? |', '|---|---|---|---|---|---|'];
  for (const name of SCENE_NAMES) {
    const scene = await loadScene(name, {}, 1);
    const sampler = new BatchSampler(scene, 'train', BATCH);
    let step = runFor(sampler, 0, WARMUP_MS);
    const rates: number[] = [];
    const stepsPerRepeat = Math.max(1, Math.round((step * REPEAT_MS) / WARMUP_MS));
    for (let r = 0; r < REPEATS; r++) {
      const start = performance.now();
      for (let i = 0; i < stepsPerRepeat; i++) sampler.sample(step++);
      rates.push((stepsPerRepeat * BATCH) / ((performance.now() - start) / 1000));
    }
    const mid = median(rates);
    const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
    rows.push(`| ${name} | ${fmt(mid)} | ${fmt(Math.min(...rates))} | ${fmt(Math.max(...rates))} | ${(1e6 / mid).toFixed(1)} | ${mid >= TARGET ? 'yes' : 'NO'} |`);
    process.stdout.write(`${name}: ${fmt(mid)} clips/s\n`);
  }
  process.stdout.write(`\n${rows.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
