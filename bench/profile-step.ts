/**
 * Profiles ONE default race step (RACE_DEFAULTS, batch 32, after warm-up) on the active tfjs
 * backend with `tf.profile`, and counts what the step costs beyond kernel time: kernel launches,
 * GPU programs, bytes read back from the device, tensors and bytes allocated.
 *
 * How tfjs 4.22 times a kernel inside `tf.profile` (tfjs-core Profiler.profileKernel):
 * - if `backend.timerAvailable()` it calls `backend.time(f)` and takes its `kernelMs`;
 *   - cpu, wasm: `time` is the wall time of the synchronous kernel function (compute included);
 *   - webgpu: `time` ends the compute pass and submits after EVERY dispatch while profiling, and
 *     `kernelMs` is the sum of GPU timestamp queries, or 0 when the device lacks the
 *     'timestamp-query' feature (`backend.supportTimestampQuery`; tfjs's warning then suggests
 *     --enable-dawn-features=allow_unsafe_apis; Chrome may coarsen timestamps). Chromium 156
 *     offers it on SwiftShader without flags. `WEBGPU_USE_PROFILE_TOOL` only adds a canvas for
 *     PIX-like frame capture: it times nothing;
 *   - webgl: `timerAvailable()` is `WEBGL_DISJOINT_QUERY_TIMER_EXTENSION_RELIABLE > 0`
 *     (EXT_disjoint_timer_query_webgl2, not on mobile); then `kernelMs` is the GPU timer query;
 * - otherwise (webgl without timer queries) it runs the kernel and calls `dataSync()` on every
 *   output: the time is kernel + GPU wait + download of the outputs, and every kernel reads back.
 *   (`kernelMs = {error: 'WebGL query timers are not supported…'}` is what `tf.time` gets there.)
 *
 * What this file does on top, so every column says what it measures:
 * - wraps `backend.time` to record the CPU-side wall time of each kernel call ("dispatch": on
 *   cpu/wasm this is the kernel; on webgl/webgpu it is recording and launching the programs) and
 *   the GPU programs it launched (`runWebGLProgram` / `runWebGPUProgram` calls);
 * - on webgl without timer queries, forces `timerAvailable() → true` for the main passes so the
 *   profiler does not read back every kernel's output (the kernel-time column is then CPU
 *   dispatch), and runs one extra pass that reads ONE texel of a private 1×1 texture after every
 *   kernel that launched a program (a synchronous readPixels waits for all queued GL work), so
 *   each kernel's time is its dispatch plus its GPU execution, less the latency of that read
 *   behind one trivial program (calibrated before the pass), without downloading the
 *   kernel's outputs. (Chromium's gl.finish() is only a flush; tfjs's own fallback downloads every
 *   output — 470 MiB per race step — so its times mostly measure downloads.);
 * - wraps `backend.read` / `readSync` to count reads and bytes (outside kernels = the step's
 *   readbacks; inside kernels = kernels reading host-side values, e.g. wasm SplitV/Slice), and
 *   `engine.runKernelFunc` to name the kernel a read happens in;
 * - wraps `engine.trackTensor` / `removeDataId` to count tensors created (gross) beside profile's
 *   newTensors (net), and the bytes of distinct data buffers: profile's peakBytes counts every
 *   tensor's bytes, also tensors that share a buffer (Reshape, zero-copy Identity).
 * Leaf kernels are the profile entries whose name is a registered kernel of the backend; the
 * other entries are customGrad scopes whose time encloses their kernels' and are left out of sums.
 */
import * as tf from '@tensorflow/tfjs';
import { createScene } from '../datasets/registry';
import { RACE_DEFAULTS, type RaceConfig } from '../models/race-config';
import { RaceTrainer } from '../models/race-trainer';
import { sceneBatchSource } from '../models/scene-source';
import { median } from './bench-table';

export type TimingSource = 'kernel-wall' | 'gpu-timestamp' | 'gpu-timer-query' | 'cpu-dispatch' | 'sync-wall';

export const TIMING_LABELS: Record<TimingSource, string> = {
  'kernel-wall': 'kernel ms (wall of the synchronous kernel: compute + JS overhead)',
  'gpu-timestamp': 'GPU ms (WebGPU timestamp queries, one pass per dispatch while profiling)',
  'gpu-timer-query': 'GPU ms (EXT_disjoint_timer_query_webgl2)',
  'cpu-dispatch': 'CPU dispatch ms (recording + launching on the CPU; GPU execution NOT included)',
  'sync-wall': 'synced ms (CPU dispatch + GPU execution: 1-texel readPixels after each kernel, less its latency)',
};

export interface KernelRow {
  name: string;
  calls: number;
  /** Sum of the timing source's ms (null where the source gives none). */
  ms: number | null;
  /** Share of the step's total in that source. */
  share: number | null;
  /** CPU-side wall time inside backend.time (null where the profiler did not call it). */
  dispatchMs: number | null;
  /** GPU programs launched (webgl/webgpu), null on cpu/wasm. */
  programs: number | null;
  /** The input shapes that took most of this kernel's time, e.g. "[32,64,32] [32] ×40: 12.3 ms". */
  topShapes: string[];
}

export interface ReadTally {
  count: number;
  bytes: number;
  /** Reads whose values were already cached on the host (webgl/webgpu): no transfer. */
  cached: number;
  /** Largest groups by bytes, e.g. "4 × float32[32,64,32] in SplitV". */
  shapes: string[];
}

export interface StepProfile {
  label: string;
  timing: TimingSource;
  /** Wall time of the profiled function (for a GPU step(false): until the CPU has dispatched). */
  wallMs: number;
  /** Leaf kernel executions. */
  kernels: number;
  /** customGrad scope entries (excluded from sums). */
  scopes: number;
  programs: number | null;
  totalMs: number | null;
  dispatchMs: number | null;
  rows: KernelRow[];
  reads: ReadTally;
  kernelReads: ReadTally;
  newTensors: number;
  newBytes: number;
  tensorsCreated: number;
  dataBuffersCreated: number;
  peakBytes: number;
  peakAboveStartBytes: number;
  /** Peak bytes of distinct engine data buffers (shared buffers counted once), above step start. */
  peakBufferBytesAboveStart: number;
}

export interface BackendProfile {
  backend: string;
  batch: number;
  parameters: { pixel: number; jepa: number };
  warmup: number;
  /** What the GPU backends offer for kernel timing here. */
  timers: Record<string, string | number | boolean>;
  /** A trivial kernel (add of two [4096] float32) in a chain: per-launch cost, µs. */
  launchProbe: { launches: number; dispatchUs: number; drainedUs: number; programsPerLaunch: number | null };
  /** Unprofiled step(false): CPU returns, then drained by a 4-byte read (median of `plainSteps`). */
  plainStep: { dispatchMs: number; drainedMs: number; steps: number };
  noReadout: StepProfile;
  withReadout: StepProfile;
  /** webgl without timer queries only: step(false) with a 1-texel sync read after every kernel. */
  synced?: StepProfile;
}

export interface ProfileOptions {
  batch?: number;
  warmup?: number;
  plainSteps?: number;
  /** webgl without timer queries: also run the synced-per-kernel pass (default true). */
  syncedPass?: boolean;
}

type AnyBackend = tf.KernelBackend & Record<string, unknown>;
type Fn = (...args: unknown[]) => unknown;

const GPU = new Set(['webgl', 'webgpu']);

/** Installs instance-level wrappers on the backend and engine; `restore()` removes them. */
class Instruments {
  programs = 0;
  reads: RawTally = emptyTally();
  kernelReads: RawTally = emptyTally();
  tensorsCreated = 0;
  dataBuffersCreated = 0;
  bufferBytes = 0;
  peakBufferBytes = 0;
  counting = false;
  /** Names of the kernels (or 'customGrad') running now, innermost last. */
  private readonly running: string[] = [];
  private readDepth = 0;
  private readonly undo: (() => void)[] = [];
  private readonly engine = tf.engine() as unknown as {
    state: { kernelDepth: number; tensorInfo: Map<object, { backend: unknown; bytes: number }> };
  } & Record<string, unknown>;

  constructor(readonly backendName: string, readonly backend: AnyBackend, forceTimer: boolean, sync: GpuSync | null = null) {
    const self = this;
    const program = backendName === 'webgl' ? 'runWebGLProgram' : backendName === 'webgpu' ? 'runWebGPUProgram' : null;
    if (program) {
      this.patch(backend, program, (orig) => function (this: unknown, ...args: unknown[]) {
        self.programs++;
        return orig.apply(backend, args);
      });
    }
    this.patch(backend, 'time', (orig) => function (this: unknown, f: unknown) {
      const programsBefore = self.programs;
      const t0 = performance.now();
      const pending = orig.call(backend, f) as Promise<Record<string, unknown>>;
      const dispatchMs = performance.now() - t0;
      const programs = self.programs - programsBefore;
      let syncedMs: number | null = null;
      if (sync) {
        // Kernels that launched no program queued no GPU work (earlier kernels were waited for).
        if (programs > 0) sync.wait();
        syncedMs = programs > 0 ? Math.max(dispatchMs, performance.now() - t0 - sync.idleMs) : dispatchMs;
      }
      return pending.then((res) => {
        const inner = res.getExtraProfileInfo as (() => string) | undefined;
        const extra: ExtraInfo = { dispatchMs, syncedMs, programs, inner: inner ? inner() : '' };
        return { ...res, getExtraProfileInfo: () => JSON.stringify(extra) };
      });
    });
    if (forceTimer) this.patch(backend, 'timerAvailable', () => () => true);
    for (const key of ['read', 'readSync'] as const) {
      this.patch(backend, key, (orig) => function (this: unknown, ...args: unknown[]) {
        const outermost = self.readDepth === 0;
        const dataId = args[0] as object;
        const cached = outermost && self.counting ? self.cachedOnHost(dataId) : false;
        const inKernel = self.engine.state.kernelDepth > 0;
        self.readDepth++;
        let out: unknown;
        try {
          out = orig.apply(backend, args); // read: its synchronous part (nested readSync not counted)
        } finally {
          self.readDepth--;
        }
        if (!outermost || !self.counting) return out;
        const tally = inKernel ? self.kernelReads : self.reads;
        const info = self.engine.state.tensorInfo.get(dataId) as { dtype: string; shape: number[] } | undefined;
        const where = inKernel ? ` in ${self.running[self.running.length - 1] ?? '?'}` : '';
        const record = (values: unknown) => {
          const bytes = byteLength(values, info);
          tally.count++;
          tally.bytes += bytes;
          if (cached) tally.cached++;
          tally.groups.push({ key: `${info?.dtype ?? '?'}[${info?.shape.join(',') ?? '?'}]${where}`, bytes });
        };
        if (out instanceof Promise) return out.then((v) => (record(v), v));
        record(out);
        return out;
      });
    }
    this.patch(this.engine, 'runKernelFunc', (orig) => function (this: unknown, ...args: unknown[]) {
      self.running.push((args[0] as { kernelName?: string }).kernelName ?? 'customGrad');
      try {
        return orig.apply(self.engine, args);
      } finally {
        self.running.pop();
      }
    });
    this.patch(this.engine, 'trackTensor', (orig) => function (this: unknown, ...args: unknown[]) {
      const a = args[0] as { dataId: object; size: number; dtype: tf.DataType };
      const fresh = !self.engine.state.tensorInfo.has(a.dataId);
      const out = orig.apply(self.engine, args);
      if (self.counting) {
        self.tensorsCreated++;
        if (fresh) {
          self.dataBuffersCreated++;
          self.bufferBytes += self.engine.state.tensorInfo.get(a.dataId)?.bytes ?? 0;
          self.peakBufferBytes = Math.max(self.peakBufferBytes, self.bufferBytes);
        }
      }
      return out;
    });
    this.patch(this.engine, 'removeDataId', (orig) => function (this: unknown, ...args: unknown[]) {
      const [dataId, owner] = args as [object, unknown];
      const info = self.engine.state.tensorInfo.get(dataId);
      if (self.counting && info && info.backend === owner) self.bufferBytes -= info.bytes;
      return orig.apply(self.engine, args);
    });
  }

  private patch(target: Record<string, unknown>, key: string, make: (orig: Fn) => Fn): void {
    const own = Object.prototype.hasOwnProperty.call(target, key);
    const before = target[key];
    if (typeof before !== 'function') throw new Error(`cannot instrument ${key}: not a function on the ${this.backendName} backend`);
    target[key] = make(before as Fn);
    this.undo.push(() => {
      if (own) target[key] = before;
      else delete target[key];
    });
  }

  private cachedOnHost(dataId: object): boolean {
    const b = this.backend;
    if (this.backendName === 'webgl') return ((b.texData as { get(id: object): { values: unknown } | undefined }).get(dataId)?.values ?? null) !== null;
    if (this.backendName === 'webgpu') return ((b.tensorMap as { get(id: object): { values: unknown } | undefined }).get(dataId)?.values ?? null) !== null;
    return false;
  }

  start(): void {
    this.programs = 0;
    this.reads = emptyTally();
    this.kernelReads = emptyTally();
    this.tensorsCreated = 0;
    this.dataBuffersCreated = 0;
    this.bufferBytes = 0; // relative to the start
    this.peakBufferBytes = 0;
    this.counting = true;
  }

  stop(): void {
    this.counting = false;
  }

  restore(): void {
    for (const u of this.undo.reverse()) u();
    this.undo.length = 0;
  }
}

interface RawTally {
  count: number;
  bytes: number;
  cached: number;
  groups: { key: string; bytes: number }[];
}

function emptyTally(): RawTally {
  return { count: 0, bytes: 0, cached: 0, groups: [] };
}

function byteLength(values: unknown, info: { dtype: string; shape: number[] } | undefined): number {
  if (ArrayBuffer.isView(values)) return values.byteLength;
  if (info) return tf.util.sizeFromShape(info.shape) * tf.util.bytesPerElement(info.dtype as tf.DataType);
  return 0;
}

/** The `top` largest groups of reads by bytes, e.g. "4 × float32[32,64,32] in SplitV". */
function summariseReads(raw: RawTally, top = 4): ReadTally {
  const groups = new Map<string, { n: number; bytes: number }>();
  for (const { key, bytes } of raw.groups) {
    const g = groups.get(key) ?? { n: 0, bytes: 0 };
    g.n++;
    g.bytes += bytes;
    groups.set(key, g);
  }
  const sorted = [...groups].sort((a, b) => b[1].bytes - a[1].bytes || b[1].n - a[1].n);
  const shapes = sorted.slice(0, top).map(([key, g]) => `${g.n} × ${key}`);
  if (sorted.length > top) shapes.push(`+${sorted.length - top} more groups`);
  return { count: raw.count, bytes: raw.bytes, cached: raw.cached, shapes };
}

interface ExtraInfo {
  dispatchMs: number;
  syncedMs: number | null;
  programs: number;
  inner: string;
}

function parseExtra(extra: unknown): ExtraInfo | null {
  if (typeof extra !== 'string' || !extra.startsWith('{')) return null;
  try {
    return JSON.parse(extra) as ExtraInfo;
  } catch {
    return null;
  }
}

/** Profiles `run` (one step) and summarises its kernels. */
async function profileOnce(label: string, timing: TimingSource, inst: Instruments, run: () => Promise<void> | void): Promise<StepProfile> {
  const startBytes = tf.memory().numBytes;
  let wallMs = 0;
  inst.start();
  const info = await tf.profile(async () => {
    const t0 = performance.now();
    await run();
    wallMs = performance.now() - t0;
  });
  inst.stop();
  const gpu = GPU.has(inst.backendName);
  const groups = new Map<string, { calls: number; ms: number; msKnown: boolean; dispatchMs: number; dispatchKnown: boolean; programs: number; shapes: Map<string, { n: number; ms: number }> }>();
  let kernels = 0;
  let scopes = 0;
  for (const k of info.kernels) {
    if (!tf.getKernel(k.name, inst.backendName)) {
      scopes++;
      continue;
    }
    kernels++;
    const g = groups.get(k.name) ?? { calls: 0, ms: 0, msKnown: false, dispatchMs: 0, dispatchKnown: false, programs: 0, shapes: new Map() };
    g.calls++;
    const msBefore = g.ms;
    const extra = parseExtra(k.extraInfo);
    if (extra) {
      g.dispatchMs += extra.dispatchMs;
      g.dispatchKnown = true;
      g.programs += extra.programs;
    }
    const ms = k.kernelTimeMs;
    if (timing === 'cpu-dispatch' || timing === 'sync-wall') {
      const own = timing === 'cpu-dispatch' ? extra?.dispatchMs : extra?.syncedMs;
      if (own != null) {
        g.ms += own;
        g.msKnown = true;
      }
    } else if (typeof ms === 'number') {
      g.ms += ms;
      g.msKnown = true;
    }
    const signature = k.inputShapes.length > 4 ? `${k.inputShapes.length} inputs` : k.inputShapes.map((shape) => `[${shape ?? ''}]`).join(' ');
    const byShape = g.shapes.get(signature) ?? { n: 0, ms: 0 };
    byShape.n++;
    byShape.ms += g.ms - msBefore;
    g.shapes.set(signature, byShape);
    groups.set(k.name, g);
  }
  const totalKnown = [...groups.values()].some((g) => g.msKnown);
  const totalMs = totalKnown ? [...groups.values()].reduce((s, g) => s + g.ms, 0) : null;
  const dispatchKnown = [...groups.values()].some((g) => g.dispatchKnown);
  const dispatchMs = dispatchKnown ? [...groups.values()].reduce((s, g) => s + g.dispatchMs, 0) : null;
  const rows: KernelRow[] = [...groups].map(([name, g]) => ({
    name,
    calls: g.calls,
    ms: g.msKnown ? g.ms : null,
    share: g.msKnown && totalMs ? g.ms / totalMs : null,
    dispatchMs: g.dispatchKnown ? g.dispatchMs : null,
    programs: gpu && g.dispatchKnown ? g.programs : null,
    topShapes: [...g.shapes]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 2)
      .map(([sig, v]) => `${sig} ×${v.n}: ${v.ms.toFixed(1)} ms`),
  }));
  rows.sort((a, b) => (b.ms ?? b.dispatchMs ?? 0) - (a.ms ?? a.dispatchMs ?? 0) || b.calls - a.calls);
  const reads = summariseReads(inst.reads);
  const kernelReads = summariseReads(inst.kernelReads);
  return {
    label,
    timing,
    wallMs,
    kernels,
    scopes,
    programs: gpu ? inst.programs : null,
    totalMs,
    dispatchMs,
    rows,
    reads,
    kernelReads,
    newTensors: info.newTensors,
    newBytes: info.newBytes,
    tensorsCreated: inst.tensorsCreated,
    dataBuffersCreated: inst.dataBuffersCreated,
    peakBytes: info.peakBytes,
    peakAboveStartBytes: info.peakBytes - startBytes,
    peakBufferBytesAboveStart: inst.peakBufferBytes,
  };
}

/** What the active GPU backend offers for kernel timing. */
function timerFacts(name: string, backend: AnyBackend): Record<string, string | number | boolean> {
  if (name === 'webgpu') {
    const device = backend.device as { features?: Set<string> } | undefined;
    return {
      supportTimestampQuery: Boolean(backend.supportTimestampQuery),
      deviceFeatures: [...(device?.features ?? [])].sort().join(' '),
      WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: tf.env().getNumber('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE'),
      WEBGPU_USE_PROFILE_TOOL: tf.env().getBool('WEBGPU_USE_PROFILE_TOOL'),
      WEBGPU_CPU_FORWARD: tf.env().getBool('WEBGPU_CPU_FORWARD'),
    };
  }
  if (name === 'webgl') {
    return {
      WEBGL_VERSION: tf.env().getNumber('WEBGL_VERSION'),
      WEBGL_DISJOINT_QUERY_TIMER_EXTENSION_VERSION: tf.env().getNumber('WEBGL_DISJOINT_QUERY_TIMER_EXTENSION_VERSION'),
      WEBGL_DISJOINT_QUERY_TIMER_EXTENSION_RELIABLE: tf.env().getBool('WEBGL_DISJOINT_QUERY_TIMER_EXTENSION_RELIABLE'),
      WEBGL_CPU_FORWARD: tf.env().getBool('WEBGL_CPU_FORWARD'),
      WEBGL_PACK: tf.env().getBool('WEBGL_PACK'),
    };
  }
  return {};
}

function mainTiming(name: string, backend: AnyBackend): { timing: TimingSource; forceTimer: boolean } {
  if (name === 'webgpu') return { timing: backend.supportTimestampQuery ? 'gpu-timestamp' : 'cpu-dispatch', forceTimer: false };
  if (name === 'webgl') {
    return tf.env().getBool('WEBGL_DISJOINT_QUERY_TIMER_EXTENSION_RELIABLE')
      ? { timing: 'gpu-timer-query', forceTimer: false }
      : { timing: 'cpu-dispatch', forceTimer: true };
  }
  return { timing: 'kernel-wall', forceTimer: false };
}

interface GpuSync {
  /** Blocks until all queued GPU work is done. */
  wait(): void;
  /** Median latency of `wait()` behind one trivial program (an add of [4096]), ms. */
  idleMs: number;
  dispose(): void;
}

/**
 * webgl: a synchronous readPixels of one texel of a private 1×1 float texture (tfjs's own
 * framebuffer and download helper) waits for all GL work queued before it. Calibrated on a
 * trivial kernel: the median time from its dispatch returning to the read returning.
 */
function webglSync(backend: AnyBackend): GpuSync {
  const gpgpu = backend.gpgpu as {
    createPackedMatrixTexture(rows: number, cols: number): { texture: unknown };
    downloadMatrixFromPackedTexture(texture: unknown, rows: number, cols: number): Float32Array;
    deleteMatrixTexture(texture: unknown): void;
  };
  const { texture } = gpgpu.createPackedMatrixTexture(1, 1);
  const wait = () => void gpgpu.downloadMatrixFromPackedTexture(texture, 1, 1);
  const b = tf.tidy(() => tf.add(tf.ones([4096]), tf.scalar(1)));
  let x = tf.tidy(() => tf.mul(tf.ones([4096]), tf.scalar(0.5)));
  wait();
  const latency: number[] = [];
  for (let i = 0; i < 40; i++) {
    const y = tf.add(x, b);
    x.dispose();
    x = y;
    const t1 = performance.now();
    wait();
    if (i >= 10) latency.push(performance.now() - t1);
  }
  tf.dispose([x, b]);
  return { wait, idleMs: median(latency), dispose: () => gpgpu.deleteMatrixTexture(texture) };
}

/** Cost of one trivial GPU-resident kernel, launched `launches` times in a chain (best of 3). */
async function probeLaunch(inst: Instruments, launches = 200): Promise<BackendProfile['launchProbe']> {
  const b = tf.tidy(() => tf.add(tf.ones([4096]), tf.scalar(1)));
  let x = tf.tidy(() => tf.mul(tf.ones([4096]), tf.scalar(0.5)));
  const chain = (n: number) => {
    for (let i = 0; i < n; i++) {
      const y = tf.add(x, b);
      x.dispose();
      x = y;
    }
  };
  chain(50);
  await x.data();
  let best = { dispatchUs: Infinity, drainedUs: Infinity, programs: 0 };
  for (let r = 0; r < 3; r++) {
    inst.start();
    const t0 = performance.now();
    chain(launches);
    const t1 = performance.now();
    inst.stop();
    await x.data();
    const t2 = performance.now();
    const drainedUs = ((t2 - t0) / launches) * 1000;
    if (drainedUs < best.drainedUs) best = { dispatchUs: ((t1 - t0) / launches) * 1000, drainedUs, programs: inst.programs };
  }
  tf.dispose([x, b]);
  return {
    launches,
    dispatchUs: best.dispatchUs,
    drainedUs: best.drainedUs,
    programsPerLaunch: GPU.has(inst.backendName) ? best.programs / launches : null,
  };
}

/** Profiles one default race step on the active backend (select it first). */
export async function profileRaceStep(options: ProfileOptions = {}): Promise<BackendProfile> {
  const name = tf.getBackend();
  const backend = tf.backend() as AnyBackend;
  const warmup = options.warmup ?? 3;
  const config: RaceConfig = { ...RACE_DEFAULTS, batch: options.batch ?? 32 };
  const scene = createScene('bouncing', {}, 1);
  const trainer = new RaceTrainer(config, sceneBatchSource(scene, 'train', config.batch));
  const flag = trainer.divergenceFlags().jepa; // assigned last in a step: reading it drains the queue
  const flush = async () => {
    await trainer.read(trainer.step(true)!);
  };
  const { timing, forceTimer } = mainTiming(name, backend);
  const inst = new Instruments(name, backend, forceTimer);
  try {
    for (let i = 0; i < warmup; i++) await flush();
    const launchProbe = await probeLaunch(inst);
    const dispatch: number[] = [];
    const drained: number[] = [];
    const plainSteps = options.plainSteps ?? 1;
    for (let i = 0; i < plainSteps; i++) {
      const t0 = performance.now();
      trainer.step(false);
      dispatch.push(performance.now() - t0);
      await flag.data();
      drained.push(performance.now() - t0);
    }
    const noReadout = await profileOnce('step(false)', timing, inst, () => {
      trainer.step(false);
    });
    await flag.data();
    const withReadout = await profileOnce('step(true) + read', timing, inst, async () => {
      await trainer.read(trainer.step(true)!);
    });
    let synced: StepProfile | undefined;
    if (name === 'webgl' && forceTimer && options.syncedPass !== false) {
      inst.restore();
      const sync = webglSync(backend);
      const syncing = new Instruments(name, backend, true, sync);
      try {
        synced = await profileOnce(`step(false), synced per kernel (sync latency ${(sync.idleMs * 1000).toFixed(0)} µs)`, 'sync-wall', syncing, () => {
          trainer.step(false);
        });
      } finally {
        syncing.restore();
        sync.dispose();
      }
    }
    return {
      backend: name,
      batch: config.batch,
      parameters: trainer.parameterCounts(),
      warmup,
      timers: timerFacts(name, backend),
      launchProbe,
      plainStep: { dispatchMs: median(dispatch), drainedMs: median(drained), steps: plainSteps },
      noReadout,
      withReadout,
      ...(synced ? { synced } : {}),
    };
  } finally {
    inst.restore();
    trainer.dispose();
  }
}

function fmt(ms: number | null, digits = 1): string {
  return ms === null ? 'n/a' : ms.toFixed(digits);
}

function fmtBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(2)} MiB`;
  if (abs >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** Top kernels of one profiled step as a markdown table, with an "other" row and the total. */
export function formatKernelTable(p: StepProfile, top = 10): string {
  const gpu = p.programs !== null;
  const secondary = gpu && p.timing !== 'cpu-dispatch';
  const head = ['kernel', 'calls', TIMING_LABELS[p.timing], 'share'];
  if (secondary) head.push('CPU dispatch ms');
  if (gpu) head.push('GPU programs');
  head.push('largest input shapes (calls: ms)');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 || i === head.length - 1 ? '---' : '--:')).join('|')}|`];
  const row = (r: Pick<KernelRow, 'name' | 'calls' | 'ms' | 'share' | 'dispatchMs' | 'programs' | 'topShapes'>) => {
    const cells = [r.name, String(r.calls), fmt(r.ms), r.share === null ? 'n/a' : `${(r.share * 100).toFixed(1)} %`];
    if (secondary) cells.push(fmt(r.dispatchMs));
    if (gpu) cells.push(r.programs === null ? 'n/a' : String(r.programs));
    cells.push(r.topShapes.join('; '));
    lines.push(`| ${cells.join(' | ')} |`);
  };
  const sum = (rows: KernelRow[], key: 'ms' | 'dispatchMs' | 'programs') =>
    rows.some((r) => r[key] !== null) ? rows.reduce((s, r) => s + (r[key] ?? 0), 0) : null;
  for (const r of p.rows.slice(0, top)) row(r);
  const rest = p.rows.slice(top);
  if (rest.length > 0) {
    const ms = sum(rest, 'ms');
    row({ name: `other (${rest.length} kernels)`, calls: rest.reduce((s, r) => s + r.calls, 0), ms, share: ms !== null && p.totalMs ? ms / p.totalMs : null, dispatchMs: sum(rest, 'dispatchMs'), programs: sum(rest, 'programs'), topShapes: [] });
  }
  row({ name: '**total**', calls: p.kernels, ms: p.totalMs, share: p.totalMs === null ? null : 1, dispatchMs: p.dispatchMs, programs: sum(p.rows, 'programs'), topShapes: [] });
  return lines.join('\n');
}

function readCell(t: ReadTally): string {
  if (t.count === 0) return '0 B (0 reads)';
  const cached = t.cached > 0 ? `, ${t.cached} cached on host` : '';
  return `${fmtBytes(t.bytes)} (${t.count} reads${cached}: ${t.shapes.join(' ')})`;
}

/** Per-step counters of the profiled steps as a markdown table. */
export function formatCounters(profiles: StepProfile[]): string {
  const lines = [`| per step | ${profiles.map((p) => p.label).join(' | ')} |`, `|---|${profiles.map(() => '--:').join('|')}|`];
  const add = (label: string, cell: (p: StepProfile) => string) => lines.push(`| ${label} | ${profiles.map(cell).join(' | ')} |`);
  add('wall ms of the profiled call', (p) => fmt(p.wallMs));
  add('Σ kernel time ms (column source)', (p) => fmt(p.totalMs));
  add('Σ CPU dispatch ms', (p) => fmt(p.dispatchMs));
  add('kernel launches (leaf kernels)', (p) => String(p.kernels));
  add('GPU programs dispatched', (p) => (p.programs === null ? 'n/a' : String(p.programs)));
  add('customGrad scopes (not summed)', (p) => String(p.scopes));
  add('bytes read back (outside kernels)', (p) => readCell(p.reads));
  add('reads inside kernels', (p) => readCell(p.kernelReads));
  add('tensors created (gross)', (p) => String(p.tensorsCreated));
  add('data buffers created', (p) => String(p.dataBuffersCreated));
  add('newTensors (net, profile)', (p) => String(p.newTensors));
  add('newBytes (net, profile)', (p) => fmtBytes(p.newBytes));
  add('peakBytes (profile: Σ tensor bytes, absolute)', (p) => fmtBytes(p.peakBytes));
  add('peakBytes above step start', (p) => fmtBytes(p.peakAboveStartBytes));
  add('peak of distinct buffers above start', (p) => fmtBytes(p.peakBufferBytesAboveStart));
  return lines.join('\n');
}

/** Markdown for one backend: context line, top-10 table, counters, synced table if any. */
export function formatProfile(p: BackendProfile): string {
  const timers = Object.entries(p.timers).map(([k, v]) => `${k}=${v}`).join(', ');
  const probe = p.launchProbe;
  const out = [
    `### ${p.backend}`,
    '',
    `batch ${p.batch}, ${p.parameters.pixel} / ${p.parameters.jepa} parameters (pixel / JEPA), ${p.warmup} warm-up steps. ` +
      `Unprofiled step(false): ${fmt(p.plainStep.dispatchMs)} ms until the CPU returns, ${fmt(p.plainStep.drainedMs)} ms drained (median of ${p.plainStep.steps}). ` +
      `Trivial-kernel launch: ${probe.dispatchUs.toFixed(1)} µs dispatch, ${probe.drainedUs.toFixed(1)} µs drained` +
      (probe.programsPerLaunch === null ? '' : `, ${probe.programsPerLaunch} programs/launch`) +
      ` (${probe.launches} chained adds of [4096]).` +
      (timers ? ` Timers: ${timers}.` : ''),
    '',
    `Top kernels, ${p.noReadout.label} (${TIMING_LABELS[p.noReadout.timing]}):`,
    '',
    formatKernelTable(p.noReadout),
    '',
    formatCounters([p.noReadout, p.withReadout, ...(p.synced ? [p.synced] : [])]),
  ];
  if (p.synced) {
    out.push('', `Top kernels, ${p.synced.label} (${TIMING_LABELS[p.synced.timing]}):`, '', formatKernelTable(p.synced));
  }
  return out.join('\n');
}

/** One JSON line: everything but the per-kernel rows beyond the top 25. */
export function profileJson(p: BackendProfile): string {
  const trim = (s: StepProfile): StepProfile => ({ ...s, rows: s.rows.slice(0, 25) });
  return JSON.stringify({ ...p, noReadout: trim(p.noReadout), withReadout: trim(p.withReadout), ...(p.synced ? { synced: trim(p.synced) } : {}) });
}
