/**
 * Typed scene parameters: each scene declares a spec per parameter (kind, default, allowed
 * range, possibly computed from the parameters resolved before it), and `resolveParams` turns a
 * user's partial, untyped object into a complete, validated one. Anything out of range, of the
 * wrong type, non-finite or unknown throws a SceneParamError naming the parameter, the value and
 * what is allowed; nothing is clamped.
 */

/** Parameters resolved so far, for defaults and ranges that depend on earlier parameters. */
export type ResolvedSoFar = Readonly<Record<string, number>>;
type Computed<V> = V | ((p: ResolvedSoFar) => V);

export interface NumberSpec {
  kind: 'integer' | 'number';
  default: Computed<number>;
  min: Computed<number>;
  max: Computed<number>;
  /** Why the range is what it is, when it depends on other parameters. */
  rangeNote?: string;
  description: string;
}

/** A probability vector whose length is the value of the integer parameter `lengthParam`. */
export interface ProbabilitiesSpec {
  kind: 'probabilities';
  lengthParam: string;
  /** null means uniform over `lengthParam` outcomes. */
  default: null;
  description: string;
}

export type ParamSpec = NumberSpec | ProbabilitiesSpec;
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type ResolvedParams<S extends ParamSpecs> = {
  readonly [K in keyof S]: S[K] extends ProbabilitiesSpec ? readonly number[] : number;
};

/** How far a probability vector's sum may be from 1. */
export const PROBABILITY_SUM_TOLERANCE = 1e-6;

/** A bad scene parameter: `param` had `value`, and `allowed` says what would be accepted. */
export class SceneParamError extends RangeError {
  constructor(
    readonly scene: string,
    readonly param: string,
    readonly value: unknown,
    readonly allowed: string,
    problem = 'is not allowed',
  ) {
    super(`${scene}: ${param} = ${formatValue(value)} ${problem}; allowed: ${allowed}`);
    this.name = 'SceneParamError';
  }
}

/** A value as it should appear in an error message (strings quoted, arrays bracketed). */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function compute<V>(value: Computed<V>, p: ResolvedSoFar): V {
  return typeof value === 'function' ? (value as (p: ResolvedSoFar) => V)(p) : value;
}

function describeRange(spec: NumberSpec, min: number, max: number): string {
  const what = spec.kind === 'integer' ? 'an integer' : 'a number';
  return `${what} from ${formatValue(min)} to ${formatValue(max)}${spec.rangeNote ? ` (${spec.rangeNote})` : ''}`;
}

function resolveNumber(scene: string, name: string, spec: NumberSpec, given: unknown, p: ResolvedSoFar): number {
  const min = compute(spec.min, p);
  const max = compute(spec.max, p);
  const allowed = describeRange(spec, min, max);
  const value = given === undefined ? compute(spec.default, p) : given;
  if (typeof value !== 'number') throw new SceneParamError(scene, name, value, allowed, 'is not a number');
  if (!Number.isFinite(value)) throw new SceneParamError(scene, name, value, allowed, 'is not a finite number');
  if (spec.kind === 'integer' && !Number.isInteger(value)) {
    throw new SceneParamError(scene, name, value, allowed, 'is not an integer');
  }
  if (value < min || value > max) {
    const problem = given === undefined ? 'is out of range (its default, given the other parameters)' : 'is out of range';
    throw new SceneParamError(scene, name, value, allowed, problem);
  }
  return value;
}

function resolveProbabilities(scene: string, name: string, spec: ProbabilitiesSpec, given: unknown, p: ResolvedSoFar): number[] {
  const n = p[spec.lengthParam]!;
  if (given === undefined || given === null) return Array.from({ length: n }, () => 1 / n);
  const allowed = `${n} numbers from 0 to 1 (one per ${spec.lengthParam}) summing to 1 (±${PROBABILITY_SUM_TOLERANCE}), or null for uniform`;
  if (!Array.isArray(given)) throw new SceneParamError(scene, name, given, allowed, 'is not an array');
  if (given.length !== n) throw new SceneParamError(scene, name, given, allowed, `has ${given.length} entries`);
  let sum = 0;
  given.forEach((q: unknown, k) => {
    if (typeof q !== 'number' || !Number.isFinite(q) || q < 0 || q > 1) {
      throw new SceneParamError(scene, name, given, allowed, `has entry ${k} = ${formatValue(q)}`);
    }
    sum += q;
  });
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
    throw new SceneParamError(scene, name, given, allowed, `sums to ${sum}`);
  }
  return [...(given as number[])];
}

/**
 * Validates `given` against `specs` (in declaration order, so later ranges and defaults may use
 * earlier values) and returns every parameter, defaults filled in. Unknown names throw.
 */
export function resolveParams<S extends ParamSpecs>(scene: string, specs: S, given: Record<string, unknown> = {}): ResolvedParams<S> {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new SceneParamError(scene, 'params', given, `an object with some of: ${Object.keys(specs).join(', ')}`);
  }
  for (const [name, value] of Object.entries(given)) {
    if (!Object.hasOwn(specs, name)) {
      throw new SceneParamError(scene, name, value, `parameters ${Object.keys(specs).join(', ')}`, 'is an unknown parameter');
    }
  }
  const numbers: Record<string, number> = {};
  const resolved: Record<string, number | readonly number[]> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === 'probabilities') {
      resolved[name] = resolveProbabilities(scene, name, spec, given[name], numbers);
    } else {
      numbers[name] = resolveNumber(scene, name, spec, given[name], numbers);
      resolved[name] = numbers[name]!;
    }
  }
  return resolved as ResolvedParams<S>;
}

/** The frame-size parameters every scene shares (defaults 8 frames of 32 × 32). */
export function frameParams(minSide = 16, maxSide = 64) {
  return {
    frames: { kind: 'integer', default: 8, min: 4, max: 16, description: 'frames per clip (T)' },
    height: { kind: 'integer', default: 32, min: minSide, max: maxSide, description: 'frame height in pixels (H)' },
    width: { kind: 'integer', default: 32, min: minSide, max: maxSide, description: 'frame width in pixels (W)' },
  } as const satisfies ParamSpecs;
}
