/**
 * Fused kernels written in JavaScript that run on the tfjs-wasm backend by reading and writing
 * float32 tensors in place on the wasm heap. tfjs spends 8–25 µs of dispatch per kernel on wasm;
 * a layer norm or GELU spelled as a dozen elementwise kernels pays that a dozen times (plus a pass
 * over memory each), one fused kernel pays it once. Other backends keep the composite ops.
 * Relies on the backend's public `makeOutput` and `typedArrayFromHeap` (tfjs-backend-wasm 4.22.0).
 */
import * as tf from '@tensorflow/tfjs';

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/**
 * A fused kernel: float32 inputs as heap views, outputs of the given shapes allocated first and
 * handed over as heap views to fill (views are taken after every allocation, since an allocation
 * may grow, and so detach, the heap).
 */
export interface WasmKernelSpec<Attrs> {
  name: string;
  /** Input names, for messages; a variadic kernel names its inputs' pattern once. */
  inputs: readonly string[];
  outputShapes(inputShapes: number[][], attrs: Attrs): number[][];
  compute(inputs: Float32Array[], outputs: Float32Array[], inputShapes: number[][], attrs: Attrs): void;
}

/** True when the active backend is wasm (where the fused kernels exist). */
export function onWasm(): boolean {
  return tf.getBackend() === 'wasm';
}

const registered = new Map<string, WasmKernelSpec<never>>();

function ensureRegistered<Attrs>(spec: WasmKernelSpec<Attrs>): void {
  const known = registered.get(spec.name);
  if (known === spec) return;
  if (known) throw new Error(`wasm kernel ${spec.name}: a different kernel is already registered under this name`);
  registered.set(spec.name, spec as WasmKernelSpec<never>);
  if (tf.getKernel(spec.name, 'wasm')) tf.unregisterKernel(spec.name, 'wasm'); // left by an earlier load of this module
  const kernelFunc = (args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }) => {
    const backend = args.backend as WasmHeapBackend;
    const infos = Object.keys(args.inputs).map((key) => args.inputs[key]!); // keys 0, 1, …: in order
    const shapes = infos.map((info) => info.shape);
    const attrs = args.attrs as Attrs;
    const outputs = spec.outputShapes(shapes, attrs).map((shape) => backend.makeOutput(shape, 'float32'));
    spec.compute(
      infos.map((info) => backend.typedArrayFromHeap(info)),
      outputs.map((info) => backend.typedArrayFromHeap(info)),
      shapes,
      attrs,
    );
    return outputs;
  };
  tf.registerKernel({ kernelName: spec.name, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
}

/** Runs a fused kernel on the wasm backend (float32 inputs only); returns its outputs in order. */
export function runWasmKernel<Attrs>(spec: WasmKernelSpec<Attrs>, inputs: tf.Tensor[], attrs: Attrs): tf.Tensor[] {
  if (!onWasm()) throw new Error(`${spec.name}: a wasm kernel, but the backend is ${tf.getBackend()}`);
  inputs.forEach((t, i) => {
    if (t.dtype !== 'float32') throw new Error(`${spec.name}: input ${spec.inputs[i] ?? i} must be float32, got ${t.dtype}`);
  });
  ensureRegistered(spec);
  const named: tf.NamedTensorMap = {};
  inputs.forEach((t, i) => (named[i] = t));
  return tf.engine().runKernel(spec.name, named, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
}
