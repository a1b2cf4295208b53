/**
 * Named, seeded parameters of a network. Initial values come from the project PRNG, so the
 * same seed gives the same weights on every backend; variables are addressed by logical names
 * ("encoder/block0/attn/qkv/w") for optimisers, EMA copies and checkpoints.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed, Random } from '../datasets/random';

/** tf.variable keeps its initial tensor alive as a separate tensor; this frees it. */
export function variableFrom(initial: tf.Tensor, trainable = true): tf.Variable {
  const v = tf.variable(initial, trainable);
  initial.dispose();
  return v;
}

export type Init = { kind: 'normal'; std: number } | { kind: 'zeros' } | { kind: 'ones' };

/** Truncated-normal std used by ViT/MAE for linear layers and tokens. */
export const VIT_INIT_STD = 0.02;

export class ParamSet {
  private readonly vars = new Map<string, tf.Variable>();
  private readonly decay = new Set<string>();

  constructor(readonly seed: number, readonly trainable = true) {}

  /** Creates a parameter; `weightDecay` marks weight matrices (not biases, norms, tokens). */
  add(name: string, shape: number[], init: Init, weightDecay = false): tf.Variable {
    if (this.vars.has(name)) throw new Error(`parameter '${name}' already exists`);
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (init.kind === 'ones') values.fill(1);
    if (init.kind === 'normal') {
      const rng = new Random(deriveSeed(this.seed, ...Array.from(name, (c) => c.charCodeAt(0))));
      for (let i = 0; i < size; i++) {
        let z = rng.normal();
        while (Math.abs(z) > 2) z = rng.normal(); // truncated at 2 std, as timm's trunc_normal_
        values[i] = z * init.std;
      }
    }
    const v = variableFrom(tf.tensor(values, shape), this.trainable);
    this.vars.set(name, v);
    if (weightDecay) this.decay.add(name);
    return v;
  }

  get(name: string): tf.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`unknown parameter '${name}'`);
    return v;
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  names(): string[] {
    return [...this.vars.keys()];
  }

  entries(): [string, tf.Variable][] {
    return [...this.vars.entries()];
  }

  variables(): tf.Variable[] {
    return [...this.vars.values()];
  }

  decays(name: string): boolean {
    return this.decay.has(name);
  }

  /** Number of scalar parameters. */
  count(): number {
    let n = 0;
    for (const v of this.vars.values()) n += v.size;
    return n;
  }

  /** A non-trainable copy with the same names and values (e.g. an EMA target encoder). */
  frozenCopy(prefix = ''): ParamSet {
    const copy = new ParamSet(this.seed, false);
    for (const [name, v] of this.vars) {
      if (!name.startsWith(prefix)) continue;
      copy.vars.set(name, tf.variable(v, false));
    }
    return copy;
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}
