/**
 * One Adam/AdamW update of every parameter as a single fused wasm kernel (models/wasm-kernel.ts),
 * per element in float64: the same rule as models/adamw.ts (torch.optim semantics), without its
 * ~200 kernels per learner (flatten, update, split, subtract per parameter tensor).
 * Parity with the composite update: test/models/adamw.test.ts.
 */
import type { OptimizerConfig } from './adamw';
import type { WasmKernelSpec } from './wasm-kernel';

export interface AdamWUpdateAttrs extends OptimizerConfig {
  /** Bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ. */
  correction1: number;
  correction2: number;
}

/** P from the kernel's 2P + 3 inputs. */
function parameterCountOf(inputCount: number): number {
  return (inputCount - 3) / 2;
}

/**
 * Inputs: P parameters, their P gradients, then m, v and the decay mask (flat, parameters in
 * order). Outputs: the P updated parameters, then the updated m and v.
 */
export const ADAMW_UPDATE_KERNEL: WasmKernelSpec<AdamWUpdateAttrs> = {
  name: 'FusedAdamWUpdate',
  inputs: ['parameters…', 'gradients…', 'm', 'v', 'decayMask'],
  outputShapes: (shapes) => {
    const parameterCount = parameterCountOf(shapes.length);
    return [...shapes.slice(0, parameterCount), shapes[2 * parameterCount]!, shapes[2 * parameterCount + 1]!];
  },
  compute(inputs, outputs, _shapes, a) {
    const parameterCount = parameterCountOf(inputs.length);
    const [m, v, mask] = inputs.slice(2 * parameterCount) as [Float32Array, Float32Array, Float32Array];
    const [mOut, vOut] = outputs.slice(parameterCount) as [Float32Array, Float32Array];
    const stepSize = a.learningRate / a.correction1;
    const l2 = a.kind === 'adam' ? a.weightDecay : 0;
    const decoupled = a.kind === 'adamw' ? a.learningRate * a.weightDecay : 0;
    let flat = 0;
    for (let p = 0; p < parameterCount; p++) {
      const param = inputs[p]!;
      const grad = inputs[parameterCount + p]!;
      const out = outputs[p]!;
      for (let i = 0; i < param.length; i++, flat++) {
        const value = param[i]!;
        const decay = mask[flat]! * value;
        const g = grad[i]! + l2 * decay;
        const m1 = a.beta1 * m[flat]! + (1 - a.beta1) * g;
        const v1 = a.beta2 * v[flat]! + (1 - a.beta2) * g * g;
        mOut[flat] = m1;
        vOut[flat] = v1;
        out[i] = value - (stepSize * m1) / (Math.sqrt(v1 / a.correction2) + a.epsilon) - decoupled * decay;
      }
    }
  },
};
