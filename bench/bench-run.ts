/**
 * `npm run bench [-- flags]`: ms per race step and per learner step, per backend, at batch 8 / 32 /
 * 128 for the default and a larger model, and the clip generation rate, in Node (wasm, cpu) and in
 * Chromium (webgpu, webgl, wasm, cpu). Flags: bench/bench-args.ts (`npm run bench -- --help`);
 * how much of each measurement runs: bench/bench-plan.ts.
 *
 * The Node part runs in this process (bench/race-step.bench.ts). The Chromium part runs as a child,
 * `vitest run --config test/vitest.config.ts --project bench-browser bench/race-step.browser.bench.ts`,
 * with the request in VITE_BENCH_REQUEST; its rows come back as marked console lines.
 * Prints a markdown table per environment (progress goes to stderr) and writes every row to
 * results/bench/bench-<date>.json. Exit codes: 0 done, 1 the Chromium part failed (the file then
 * holds what was measured), 2 bad flags.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BenchArgsError, parseBenchArgs, USAGE, type BenchRequest } from './bench-args';
import { formatDuration } from './bench-plan';
import { benchFileName, collectEvents, decodeEventLine, formatEnvResult, type BenchEvent, type BenchFile, type EnvResult } from './bench-table';
import { runNodeBench } from './race-step.bench';

const RESULTS_DIR = 'results/bench';
const BROWSER_BENCH = 'bench/race-step.browser.bench.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs the Chromium part as a vitest child process and folds its marked console lines. */
async function runChromiumBench(request: BenchRequest): Promise<{ result: EnvResult | null; error: string | null }> {
  const loadAverage = loadavg();
  const vitest = resolve('node_modules/vitest/vitest.mjs');
  const args = [vitest, 'run', '--config', 'test/vitest.config.ts', '--project', 'bench-browser', BROWSER_BENCH];
  log(`[chromium] ${['vitest', ...args.slice(1)].join(' ')}`);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, VITE_BENCH_REQUEST: JSON.stringify(request), NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: BenchEvent[] = [];
  const other: string[] = [];
  const onLine = (line: string) => {
    const event = decodeEventLine(line);
    if (event === null) {
      other.push(line);
      if (other.length > 300) other.shift();
      return;
    }
    events.push(event);
    if (event.type === 'progress') log(event.text);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  const result = collectEvents(events);
  if (result) {
    result.info.cpuModel = `${cpus()[0]?.model ?? 'unknown CPU'} (host)`;
    result.info.loadAverage = loadAverage;
  }
  const finished = events.some((e) => e.type === 'done');
  if (code === 0 && finished && result) return { result, error: null };
  const tail = other.filter((l) => l.trim() !== '').slice(-60).join('\n');
  return { result, error: `the Chromium part ${finished ? 'finished' : 'stopped early'} with exit code ${code}; vitest said:\n${tail}` };
}

async function main(): Promise<number> {
  let request: BenchRequest | null;
  try {
    request = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof BenchArgsError)) throw e;
    process.stderr.write(`error: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (request === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  const date = new Date();
  const results: EnvResult[] = [];
  let failed: string | null = null;
  log(`npm run bench: ${JSON.stringify(request)}`);
  if (request.envs.includes('node')) {
    const node = await runNodeBench(request, log);
    results.push(node);
    process.stdout.write(`\n${formatEnvResult(node)}\n`);
  }
  if (request.envs.includes('chromium')) {
    const { result, error } = await runChromiumBench(request);
    if (result) {
      results.push(result);
      process.stdout.write(`\n${formatEnvResult(result)}\n`);
    }
    if (error) {
      failed = error;
      process.stderr.write(`\nerror: ${error}\n`);
    }
  }
  const elapsedMs = performance.now() - started;
  const file: BenchFile = {
    date: date.toISOString(),
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    request,
    elapsedS: Math.round(elapsedMs / 100) / 10,
    environments: results.map((r) => r.info),
    rows: results.flatMap((r) => r.rows),
    skipped: results.flatMap((r) => r.skipped),
    clips: results.flatMap((r) => r.clips),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, benchFileName(date, (name) => existsSync(join(RESULTS_DIR, name))));
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  process.stdout.write(`\n${file.rows.length} rows, ${file.skipped.length} skipped, ${file.clips.length} clip rows in ${formatDuration(elapsedMs)}: ${path}\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
