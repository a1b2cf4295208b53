/**
 * `npm run bench:scaling`: how the race step's time grows with batch, tokens (frame size and clip
 * length) and model width, on Node wasm (the backend a GPU-less user trains on). Each point is the
 * median of 5 repeats × 2 steps after 3 warm-up steps; the exponent of each sweep is the
 * least-squares slope of log(ms) on log(size). Writes results/bench/scaling-<date>.json and the
 * chart bench/preview/scaling.svg (log–log, size relative to the default).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { selectBackend } from '../models/backend';
import { RACE_DEFAULTS, type RaceConfig } from '../models/race-config';
import { lineChartSvg } from '../src/cli/svg-chart';
import { SERIES_PALETTE } from '../src/lab/chart-spec';
import { powerLawExponent } from './power-law';
import { timeRaceSteps } from './race-step-timing';

interface Point {
  sweep: string;
  value: number;
  relative: number;
  tokens: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

interface Sweep {
  name: string;
  values: number[];
  base: number;
  /** The race config and scene parameters of one point. */
  at(value: number): { config: Partial<RaceConfig>; scene: Record<string, number> };
}

const size = (width: number) => ({ width, depth: 2, heads: 2, mlpRatio: 2 });
const tokensOf = (scene: Record<string, number>) => ((scene.frames ?? 8) / 2) * ((scene.height ?? 32) / 8) * ((scene.width ?? 32) / 8);

const SWEEPS: Sweep[] = [
  { name: 'batch', values: [8, 16, 32, 64, 128], base: 32, at: (batch) => ({ config: { batch }, scene: {} }) },
  { name: 'frame size (H = W)', values: [16, 32, 48, 64], base: 32, at: (side) => ({ config: {}, scene: { height: side, width: side } }) },
  { name: 'clip length (T)', values: [4, 8, 16], base: 8, at: (frames) => ({ config: {}, scene: { frames } }) },
  { name: 'width (encoder and predictor)', values: [16, 32, 64, 128], base: 32, at: (width) => ({ config: { encoder: size(width), predictor: { ...size(width), depth: 1 } }, scene: {} }) },
];

const selection = await selectBackend({ requested: 'wasm' });
if (selection.backend !== 'wasm') throw new Error(`wasm is not available: ${selection.messages.join(' ')}`);
const points: Point[] = [];
for (const sweep of SWEEPS) {
  for (const value of sweep.values) {
    const { config, scene } = sweep.at(value);
    const timing = await timeRaceSteps('wasm', { ...RACE_DEFAULTS, ...config }, 5, 2, 3, scene);
    points.push({ sweep: sweep.name, value, relative: value / sweep.base, tokens: tokensOf(scene), medianMs: timing.medianMs, minMs: timing.minMs, maxMs: timing.maxMs });
    process.stderr.write(`${sweep.name} = ${value}: ${timing.medianMs.toFixed(1)} ms\n`);
  }
}
const exponents = Object.fromEntries(SWEEPS.map((s) => [s.name, powerLawExponent(points.filter((p) => p.sweep === s.name).map((p) => ({ x: p.value, y: p.medianMs })))]));
console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, wasm single-threaded; race step (both learners), ms median of 5 × 2 steps`);
console.log('| sweep | value | tokens | median ms | min–max |\n|---|---|---|---|---|');
for (const p of points) console.log(`| ${p.sweep} | ${p.value} | ${p.tokens} | ${p.medianMs.toFixed(1)} | ${p.minMs.toFixed(1)}–${p.maxMs.toFixed(1)} |`);
console.log('\nexponent k in time ∝ size^k:');
for (const [name, k] of Object.entries(exponents)) console.log(`  ${name}: ${k.toFixed(2)}`);
const svg = lineChartSvg({
  title: 'Race step time vs size (wasm, Node, 2-core machine)',
  xLabel: 'size relative to the default (batch 32, 32 × 32 × 8 frames, width 32)',
  yLabel: 'ms per race step',
  xScale: 'log',
  yScale: 'log',
  series: SWEEPS.map((s, i) => ({
    name: `${s.name}: k = ${exponents[s.name]!.toFixed(2)}`,
    color: SERIES_PALETTE[i + 2],
    points: points.filter((p) => p.sweep === s.name).map((p) => ({ x: p.relative, y: p.medianMs, low: p.minMs, high: p.maxMs })),
  })),
});
mkdirSync('results/bench', { recursive: true });
mkdirSync('bench/preview', { recursive: true });
const stamp = new Date().toISOString().slice(0, 10);
writeFileSync(`results/bench/scaling-${stamp}.json`, JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, points, exponents }, null, 1));
writeFileSync('bench/preview/scaling.svg', svg);
console.log(`\nwrote results/bench/scaling-${stamp}.json and bench/preview/scaling.svg`);
