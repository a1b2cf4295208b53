/**
 * Result rows of `npm run bench`, their markdown tables, the JSON file, and the console markers
 * that carry rows from the Chromium part to the Node orchestrator (pure: no tfjs).
 */
import { formatDuration } from './bench-plan';
import { BENCH_BACKENDS, MODELS, STEP_WHATS, type BenchBackend, type BenchEnv, type BenchModel, type BenchRequest, type StepWhat } from './bench-args';

/** Which measurement a row is: (env, backend, model, batch, what). */
export interface MeasurementKey {
  env: BenchEnv;
  backend: BenchBackend;
  /** WebGPU adapter label (selectBackend(...).adapter.label); null on other backends. */
  adapter: string | null;
  model: BenchModel;
  batch: number;
  what: StepWhat;
}

/** ms per step of one measurement. `parameters`: the learners stepped. */
export interface StepRow extends MeasurementKey {
  medianMs: number;
  minMs: number;
  maxMs: number;
  repeats: number;
  stepsPerRepeat: number;
  parameters: Partial<Record<'pixel' | 'jepa', number>>;
  warmupSteps: number;
  /** The first warm-up step (shader / kernel compilation for the new shapes included). */
  firstStepMs: number;
}

/** A measurement not run, and why (never silent). */
export interface SkippedRow extends MeasurementKey {
  reason: string;
  estimatedMs: number | null;
}

/** Clip generation rate of the default bouncing scene through the BatchSampler. */
export interface ClipRow {
  env: BenchEnv;
  scene: string;
  batch: number;
  medianClipsPerSecond: number;
  minClipsPerSecond: number;
  maxClipsPerSecond: number;
  repeats: number;
  batchesPerRepeat: number;
}

export interface EnvInfo {
  env: BenchEnv;
  /** "Node v20.20.2" or "Chromium 156.0.8078.79". */
  runtime: string;
  /** os.cpus()[0].model (Chromium: the host's, filled in by the orchestrator). */
  cpuModel: string | null;
  /** Hardware threads: os.availableParallelism() / navigator.hardwareConcurrency. */
  hardwareThreads: number;
  /** tfjs threads: JavaScript is one thread; wasm runs without threads (WASM_HAS_MULTITHREAD_SUPPORT = false). */
  tfjsThreads: string;
  /** WebGPU adapter label per backend that has one. */
  adapters: Partial<Record<BenchBackend, string>>;
  /** Backends asked for that did not start here, with selectBackend's reason. */
  unavailable: { backend: BenchBackend; reason: string }[];
  /** Load average when the run started (Node), so a busy machine shows. */
  loadAverage?: number[];
  budgetS: number | null;
  notes: string[];
}

export interface EnvResult {
  info: EnvInfo;
  rows: StepRow[];
  skipped: SkippedRow[];
  clips: ClipRow[];
}

export interface BenchFile {
  date: string;
  command: string;
  request: BenchRequest;
  elapsedS: number;
  environments: EnvInfo[];
  /** Every measured row. */
  rows: StepRow[];
  /** Every measurement not run, with the reason. */
  skipped: SkippedRow[];
  clips: ClipRow[];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** "0.84", "75.3", "13,588". */
export function formatMs(ms: number): string {
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

function formatParameters(p: StepRow['parameters']): string {
  const parts = (['pixel', 'jepa'] as const).filter((k) => p[k] !== undefined).map((k) => `${k} ${p[k]!.toLocaleString('en-US')}`);
  return parts.join(' + ') || '—';
}

function sortKey(r: { backend: BenchBackend; model: BenchModel; batch: number; what: StepWhat }): number[] {
  return [BENCH_BACKENDS.indexOf(r.backend), MODELS.indexOf(r.model), r.batch, STEP_WHATS.indexOf(r.what)];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** One line about the environment: runtime, CPU, threads. */
export function formatEnvHeader(info: EnvInfo): string {
  const cpu = info.cpuModel ? `${info.cpuModel}, ` : '';
  const load = info.loadAverage ? `; load average ${info.loadAverage.map((v) => v.toFixed(2)).join(' ')} at start` : '';
  return `${info.env}: ${info.runtime}; ${cpu}${info.hardwareThreads} hardware threads; tfjs ${info.tfjsThreads}${load}`;
}

/** The markdown section of one environment: header, step table (skips included), clip table, notes. */
export function formatEnvResult(result: EnvResult): string {
  const { info } = result;
  const lines = [`### ${formatEnvHeader(info)}`, ''];
  const entries = [...result.rows.map((row) => ({ row, skipped: null })), ...result.skipped.map((row) => ({ row, skipped: row }))];
  entries.sort((a, b) => compareKeys(sortKey(a.row), sortKey(b.row)));
  for (const [backend, label] of Object.entries(info.adapters)) lines.push(`- ${backend} adapter: ${label}`);
  for (const u of info.unavailable) lines.push(`- ${u.backend}: unavailable (${u.reason})`);
  for (const note of info.notes) lines.push(`- ${note}`);
  if (entries.length > 0) {
    lines.push(
      info.budgetS === null
        ? '- budget: none (every measurement runs)'
        : `- budget: ${info.budgetS} s per backend, cheapest measurements first; what does not fit is listed as skipped (--budget none runs all)`,
    );
  }
  if (lines.length > 2) lines.push('');
  if (entries.length > 0) {
    lines.push('| backend | model | batch | what | median ms/step | min – max | repeats × steps | parameters | note |', '|---|---|---|---|---|---|---|---|---|');
    for (const { row, skipped } of entries) {
      const head = `| ${row.backend} | ${row.model} | ${row.batch} | ${row.what} |`;
      if (skipped) {
        lines.push(`${head} skipped | — | — | — | ${skipped.reason} |`);
      } else {
        const r = row as StepRow;
        lines.push(`${head} ${formatMs(r.medianMs)} | ${formatMs(r.minMs)} – ${formatMs(r.maxMs)} | ${r.repeats} × ${r.stepsPerRepeat} | ${formatParameters(r.parameters)} | ${r.firstStepMs > 2 * r.medianMs ? `first step ${formatDuration(r.firstStepMs)}` : ''} |`);
      }
    }
  }
  if (result.clips.length > 0) {
    if (entries.length > 0) lines.push('');
    lines.push('| clips (bouncing, BatchSampler) batch | clips/s median | min – max | µs/clip | repeats × batches |', '|---|---|---|---|---|');
    for (const c of [...result.clips].sort((a, b) => a.batch - b.batch)) {
      const n = (v: number) => Math.round(v).toLocaleString('en-US');
      lines.push(`| ${c.batch} | ${n(c.medianClipsPerSecond)} | ${n(c.minClipsPerSecond)} – ${n(c.maxClipsPerSecond)} | ${(1e6 / c.medianClipsPerSecond).toFixed(1)} | ${c.repeats} × ${c.batchesPerRepeat} |`);
    }
  }
  if (entries.length === 0 && result.clips.length === 0) lines.push('(nothing measured)');
  return lines.join('\n');
}

/** `results/bench/bench-<YYYY-MM-DD>.json`; `-2`, `-3`, … when that name is taken. */
export function benchFileName(date: Date, taken: (name: string) => boolean): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  let name = `bench-${day}.json`;
  for (let i = 2; taken(name); i++) name = `bench-${day}-${i}.json`;
  return name;
}

// ---------------------------------------------------------------------------------------------
// Console markers: the Chromium part prints one line per event; the orchestrator parses them.

export const MARKER = '@@jepa-bench@@';

export type BenchEvent =
  | { type: 'env'; info: EnvInfo }
  | { type: 'row'; row: StepRow }
  | { type: 'skipped'; row: SkippedRow }
  | { type: 'clips'; row: ClipRow }
  | { type: 'progress'; text: string }
  | { type: 'done' };

export function encodeEvent(event: BenchEvent): string {
  return `${MARKER} ${JSON.stringify(event)}`;
}

/** The event on a console line, or null when the line carries none. */
export function decodeEventLine(line: string): BenchEvent | null {
  const at = line.indexOf(MARKER);
  if (at < 0) return null;
  try {
    const event = JSON.parse(line.slice(at + MARKER.length)) as BenchEvent;
    return event && typeof event === 'object' && typeof event.type === 'string' ? event : null;
  } catch {
    return null;
  }
}

/** Folds events into an environment's result (the last 'env' event wins). */
export function collectEvents(events: readonly BenchEvent[]): EnvResult | null {
  let info: EnvInfo | null = null;
  const result = { rows: [] as StepRow[], skipped: [] as SkippedRow[], clips: [] as ClipRow[] };
  for (const e of events) {
    if (e.type === 'env') info = e.info;
    else if (e.type === 'row') result.rows.push(e.row);
    else if (e.type === 'skipped') result.skipped.push(e.row);
    else if (e.type === 'clips') result.clips.push(e.row);
  }
  return info ? { info, ...result } : null;
}
