/**
 * GELU, tanh approximation (Hendrycks & Gimpel 2016): y = ½·x·(1 + tanh u), u = √(2/π)(x + 0.044715x³),
 * with the hand-written derivative ½(1 + tanh u) + ½·x·(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
 * On wasm one fused kernel (models/wasm-kernel.ts) evaluates y and dy/dx in float64 and the
 * gradient is one multiply; other backends compose elementwise ops. Parity: test/models/layers.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { onWasm, runWasmKernel, type WasmKernelSpec } from './wasm-kernel';

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/** |u| beyond which tanh u is ±1 in float32 (1 − tanh 10 ≈ 4e-9 < 2⁻²⁴). */
const TANH_SATURATION = 10;
/** Table steps per octave of e^{−2u}. */
const STEPS = 16;
/** Table index of 2⁰; the table covers e^{−2u} for |u| ≤ TANH_SATURATION. */
const OFFSET = STEPS * 30;
/** 2^{−(j − OFFSET)/16}. */
const POWERS_OF_TWO = Float64Array.from({ length: 2 * OFFSET + 1 }, (_, j) => 2 ** (-(j - OFFSET) / STEPS));
const STEPS_PER_UNIT = (2 * STEPS) / Math.LN2;
const STEP_LOG = Math.LN2 / STEPS;

/**
 * tanh u in float64 to 1e-10 absolute (5e-9 beyond the clamp), as (1 − e)/(1 + e) with e = e^{−2u} = 2^{−j/16}·e^r:
 * j = round(32u/ln 2) picks a table entry, |r| ≤ ln2/32, e^r by its Taylor series to degree 4
 * (remainder < 4e-11); u is clamped to ±10 (tanh = ±1 in float32 beyond). No sign branch, no
 * Math.round: V8's Math.tanh and Math.exp cost 10–20 ns each, this about 5.
 */
export function tanhFast(u: number): number {
  const clamped = u > TANH_SATURATION ? TANH_SATURATION : u < -TANH_SATURATION ? -TANH_SATURATION : u;
  const steps = clamped * STEPS_PER_UNIT;
  const index = (steps + OFFSET + 0.5) | 0;
  const r = (index - OFFSET - steps) * STEP_LOG;
  const r2 = r * r;
  const e = (1 + r + r2 * (0.5 + r * 0.16666666666666666 + r2 * 0.041666666666666664)) * POWERS_OF_TWO[index]!;
  return (1 - e) / (1 + e);
}

/** Forward on the heap: x → y and the derivative dy/dx (kept: the gradient is then one multiply). */
const FORWARD: WasmKernelSpec<Record<string, never>> = {
  name: 'FusedGelu',
  inputs: ['x'],
  outputShapes: ([x]) => [x!, x!],
  compute([x], [y, slope]) {
    for (let i = 0; i < x!.length; i++) {
      const v = x![i]!;
      const v2 = v * v;
      const t = tanhFast(GELU_C * v * (1 + GELU_A * v2));
      y![i] = 0.5 * v * (1 + t);
      slope![i] = 0.5 * (1 + t + v * (1 - t * t) * GELU_C * (1 + 3 * GELU_A * v2));
    }
  },
};

const composite = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const x2 = tf.mul(x, x);
  const t = tf.tanh(tf.mul(tf.mul(x, tf.add(tf.mul(x2, GELU_A), 1)), GELU_C));
  save([x, x2, t]);
  return {
    value: tf.mul(tf.mul(x, 0.5), tf.add(t, 1)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, xx, ts] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const slope = tf.mul(tf.mul(xs, tf.sub(1, tf.square(ts))), tf.add(tf.mul(xx, 3 * GELU_A * GELU_C), GELU_C));
      return tf.mul(dy, tf.mul(tf.add(tf.add(ts, 1), slope), 0.5));
    },
  };
});

const fused = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const [y, slope] = runWasmKernel(FORWARD, [x], {});
  save([slope!]);
  return { value: y!, gradFunc: (dy: tf.Tensor, [dydx]: tf.Tensor[]) => tf.mul(dy, dydx!) };
});

export function gelu(x: tf.Tensor): tf.Tensor {
  return (onWasm() && x.dtype === 'float32' ? fused(x) : composite(x)) as tf.Tensor;
}
