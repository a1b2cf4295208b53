/**
 * `npm run bench:ratio`: ours / PyTorch in one run. Runs `npm run bench` for the default model at
 * batch 32 (every backend, Node and Chromium; what fits the budgets), then the PyTorch reference's
 * speed.py on the same shapes (1 thread, oneDNN products and PyTorch as installed), and prints
 * ms per step and the ratio ours / PyTorch for the race and each learner, per backend.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BATCH = Number(process.argv[2] ?? 32);
const PYTHON = '/usr/bin/python3';
const WHATS = ['race', 'pixel', 'jepa'] as const;

interface OurRow { env: string; backend: string; model: string; batch: number; what: string; medianMs: number }
interface TorchRow { size: string; matmul: string; threads: number; batch: number; learner: string; median_ms: number }

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  return result.stdout;
}

function newestBenchFile(): string {
  const dir = 'results/bench';
  const files = readdirSync(dir).filter((f) => /^bench-.*\.json$/.test(f)).map((f) => join(dir, f));
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
}

const started = Date.now();
run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bench/bench-run.ts', '--model', 'default', '--batch', String(BATCH)]);
const ours = (JSON.parse(readFileSync(newestBenchFile(), 'utf8')) as { rows: OurRow[] }).rows;
const torchOut = run(PYTHON, ['bench/reference/speed.py', '--batch', String(BATCH), '--threads', '1', '--size', 'default', '--matmul', 'onednn,aten']);
const torchJson = torchOut.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
if (!torchJson) throw new Error('speed.py printed no JSON line');
const reference = (JSON.parse(torchJson) as { results: TorchRow[] }).results;

const torchMs = (matmul: string, learner: string) => reference.find((r) => r.matmul === matmul && r.learner === learner && r.batch === BATCH && r.threads === 1)?.median_ms ?? Number.NaN;
console.log(`\nours / PyTorch (1 thread), default model, batch ${BATCH}; ms per training step (median); run took ${((Date.now() - started) / 60000).toFixed(1)} min`);
console.log('| env | backend | step | ours ms | PyTorch oneDNN ms | ratio | PyTorch as installed ms | ratio |\n|---|---|---|---|---|---|---|---|');
for (const row of ours.filter((r) => r.model === 'default' && r.batch === BATCH)) {
  if (!(WHATS as readonly string[]).includes(row.what)) continue;
  const onednn = torchMs('onednn', row.what);
  const aten = torchMs('aten', row.what);
  console.log(`| ${row.env} | ${row.backend} | ${row.what} | ${row.medianMs.toFixed(1)} | ${onednn.toFixed(1)} | ${(row.medianMs / onednn).toFixed(2)} | ${aten.toFixed(1)} | ${(row.medianMs / aten).toFixed(2)} |`);
}
