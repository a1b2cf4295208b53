/**
 * Backend selection for tfjs 4.22: webgpu → webgl → wasm → cpu, or the one asked for.
 *
 * Usable from a page, a Web Worker and Node. It reports which backend it got, the WebGPU
 * adapter (and whether it is a CPU-emulated fallback adapter such as SwiftShader), and why
 * every better backend was skipped. It applies our tfjs 4.22 workarounds before any backend
 * initialises (see `applyBackendWorkarounds`).
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';

export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

/** Backends offered where there is no DOM and no GPU API (Node). */
export const NODE_BACKENDS: readonly BackendName[] = ['wasm', 'cpu'];

/**
 * tfjs-backend-webgpu MatMulProgramType.MatMulPackedProgram. The default heuristic may pick
 * MatMulSplitKProgram (1), which returns wrong results when the second operand is transposed
 * (dense-layer input gradients with a long inner dimension). Regression test:
 * test/models/gradient-parity.browser.test.ts.
 */
export const WEBGPU_SAFE_MATMUL_PROGRAM = 3;

export interface AdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** The browser says this adapter is a fallback (software) adapter. */
  isFallbackAdapter: boolean;
  /** Fallback adapter or a known software rasteriser (SwiftShader, llvmpipe, lavapipe, WARP). */
  cpuEmulated: boolean;
  /** One line for a badge, e.g. "google swiftshader — CPU emulation". */
  label: string;
}

export interface SkippedBackend {
  backend: BackendName;
  reason: string;
}

export interface BackendSelection {
  backend: BackendName;
  /** The valid backend that was asked for, or null when the default order was used. */
  requested: BackendName | null;
  /** True when a backend was asked for and a different one is active. */
  fellBack: boolean;
  /** WebGPU adapter, when the active backend is webgpu. */
  adapter: AdapterDescription | null;
  /** Every backend tried or passed over before the active one, with the reason. */
  skipped: SkippedBackend[];
  /** Human-readable notes: a bad request, a fallback. Empty when all went as asked. */
  messages: string[];
  wasmThreads: boolean;
}

export interface SelectBackendOptions {
  /** Raw request (from `?backend=` or `--backend`); invalid values produce a message. */
  requested?: string | null;
  /** Browser only: URLs of the wasm binaries, keyed by file name (see src/wasm-asset-urls.ts). */
  wasmPaths?: Record<string, string>;
}

export class BackendRequestError extends Error {}

/** Parses a backend name; the error names the field, the value and the allowed values. */
export function parseBackendName(value: string, field = 'backend'): BackendName {
  const name = value.trim().toLowerCase();
  if ((BACKEND_ORDER as readonly string[]).includes(name)) return name as BackendName;
  throw new BackendRequestError(
    `${field}: '${value}' is not a backend; allowed: ${BACKEND_ORDER.join(', ')}`,
  );
}

/** True when running without a DOM/GPU API, i.e. in Node. */
export function isNodeRuntime(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; document?: unknown; importScripts?: unknown };
  return typeof g.process?.versions?.node === 'string' && g.document === undefined && g.importScripts === undefined;
}

/**
 * Sets the tfjs flags our workarounds need. Idempotent; call before any backend initialises.
 * - WEBGPU_MATMUL_PROGRAM_TYPE = packed: split-K matmul is wrong with a transposed operand.
 * - WASM_HAS_MULTITHREAD_SUPPORT = false: threaded wasm breaks in a minified vite build.
 * - a zero-copy Identity kernel on wasm (see registerZeroCopyWasmIdentity).
 */
export function applyBackendWorkarounds(): void {
  tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', WEBGPU_SAFE_MATMUL_PROGRAM);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerZeroCopyWasmIdentity();
}

/**
 * tfjs-backend-wasm 4.22's Identity kernel copies the tensor. The engine runs Identity to save
 * every tensor a gradient needs (saveTensorsForBackwardMode) — about 900 copies per race step.
 * Tensors are immutable and the wasm backend counts references (its Reshape shares data the same
 * way), so sharing the data is safe; the cpu backend's Identity does exactly this.
 * Regression test: test/models/wasm-identity.test.ts.
 */
export function registerZeroCopyWasmIdentity(): void {
  const current = tf.getKernel('Identity', 'wasm');
  if (!current || (current.kernelFunc as { zeroCopy?: boolean }).zeroCopy) return;
  const original = current.kernelFunc;
  const zeroCopy = ((args: { inputs: { x: tf.TensorInfo }; backend: { incRef(dataId: object): void } }) => {
    const { x } = args.inputs;
    if (x.dtype === 'string') return (original as (a: unknown) => tf.TensorInfo)(args);
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  }) as unknown as tf.KernelFunc & { zeroCopy?: boolean };
  zeroCopy.zeroCopy = true;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({ ...current, kernelFunc: zeroCopy });
}

let wasmPathsSet = false;

function configureWasmPaths(paths: Record<string, string> | undefined): void {
  if (!paths || wasmPathsSet) return;
  setWasmPaths(paths);
  wasmPathsSet = true;
}

interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render/i;

/** Builds the adapter description from a WebGPU adapter's `info`. */
export function describeAdapter(info: GpuAdapterInfoLike, adapterIsFallback = false): AdapterDescription {
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const device = info.device ?? '';
  const description = info.description ?? '';
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? adapterIsFallback);
  const text = [vendor, architecture, device, description].join(' ');
  const cpuEmulated = isFallbackAdapter || SOFTWARE_ADAPTER.test(text);
  const name = [vendor, architecture, device || description].filter((s) => s.length > 0).join(' ') || 'unknown adapter';
  const label = cpuEmulated ? `${name} — CPU emulation` : name;
  return { vendor, architecture, device, description, isFallbackAdapter, cpuEmulated, label };
}

async function probeWebGpu(): Promise<{ adapter: AdapterDescription } | { reason: string }> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return { reason: 'navigator.gpu is missing: this browser or context has no WebGPU' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { reason: `requestAdapter() failed: ${errorText(e)}` };
  }
  if (!adapter) return { reason: 'no WebGPU adapter (WebGPU is disabled or blocked for this GPU)' };
  return { adapter: describeAdapter(adapter.info ?? {}, adapter.isFallbackAdapter) };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs one tiny op and reads it back, so a backend that initialises but cannot compute is rejected. */
async function smokeTest(): Promise<string | null> {
  const t = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
  try {
    const v = await t.data();
    return v[0] === 4 && v[1] === 6 ? null : `smoke test computed [${v[0]}, ${v[1]}] instead of [4, 6]`;
  } finally {
    t.dispose();
  }
}

async function tryBackend(name: BackendName, node: boolean): Promise<{ ok: true; adapter: AdapterDescription | null } | { ok: false; reason: string }> {
  if (node && !NODE_BACKENDS.includes(name)) {
    return { ok: false, reason: `${name} is not available in Node (Node offers ${NODE_BACKENDS.join(' and ')})` };
  }
  let adapter: AdapterDescription | null = null;
  if (name === 'webgpu') {
    const probe = await probeWebGpu();
    if ('reason' in probe) return { ok: false, reason: probe.reason };
    adapter = probe.adapter;
  }
  if (!tf.engine().registryFactory[name]) {
    return { ok: false, reason: `${name} backend is not registered in this build` };
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (e) {
    return { ok: false, reason: `initialisation failed: ${errorText(e)}` };
  }
  if (!ok) return { ok: false, reason: `initialisation failed (tf.setBackend('${name}') returned false)` };
  const smoke = await smokeTest().catch((e: unknown) => `smoke test failed: ${errorText(e)}`);
  if (smoke !== null) return { ok: false, reason: smoke };
  return { ok: true, adapter };
}

/**
 * Activates the best available backend (or the requested one), applying our workarounds.
 * Never throws for an unavailable or malformed request: it falls back and says why.
 * Throws only if no backend at all can run (cpu always can).
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendSelection> {
  applyBackendWorkarounds();
  configureWasmPaths(options.wasmPaths);
  const node = isNodeRuntime();
  const messages: string[] = [];
  let requested: BackendName | null = null;
  if (options.requested != null && options.requested.trim() !== '') {
    try {
      requested = parseBackendName(options.requested);
    } catch (e) {
      messages.push(`${errorText(e)}. Using the default order.`);
    }
  }
  const candidates: BackendName[] = requested
    ? [requested, ...BACKEND_ORDER.filter((b) => b !== requested)]
    : [...BACKEND_ORDER];
  const skipped: SkippedBackend[] = [];
  for (const name of candidates) {
    const result = await tryBackend(name, node);
    if (result.ok) {
      const fellBack = requested !== null && name !== requested;
      if (fellBack) {
        const why = skipped.find((s) => s.backend === requested)?.reason ?? 'unavailable';
        messages.push(`Asked for ${requested}, which is unavailable (${why}); fell back to ${name}.`);
      }
      if (requested && !fellBack) {
        for (const better of BACKEND_ORDER.slice(0, BACKEND_ORDER.indexOf(name))) {
          skipped.push({ backend: better, reason: `not tried: ${requested} was asked for` });
        }
      }
      return {
        backend: name,
        requested,
        fellBack,
        adapter: result.adapter,
        skipped,
        messages,
        wasmThreads: name === 'wasm' ? Boolean(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')) : false,
      };
    }
    skipped.push({ backend: name, reason: result.reason });
  }
  throw new Error(`No tfjs backend could run: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
