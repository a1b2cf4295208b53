/**
 * Label schema: what a scene's ground truth means, so probes can read any scene generically.
 * A clip's labels are one flat Float32Array of `labelSize` values; each field occupies
 * `size` values from `offset`: `width` values (one per object) for a per-clip field, or
 * T × `width` values (frame-major) for a per-frame field. Class labels are stored as integers.
 */

interface LabelFieldBase {
  readonly name: string;
  /** 'clip': one value per object for the whole clip; 'frame': one per object per frame. */
  readonly per: 'clip' | 'frame';
  /** Values per clip or per frame (the number of objects). */
  readonly width: number;
  /** Start of the field in a clip's flat label vector. */
  readonly offset: number;
  /** Values the field occupies: width, or T × width for per-frame fields. */
  readonly size: number;
  readonly description: string;
}

export interface RegressionLabel extends LabelFieldBase {
  readonly kind: 'regression';
  /** Every value lies in [range[0], range[1]]. */
  readonly range: readonly [number, number];
  readonly unit: string;
}

export interface ClassLabel extends LabelFieldBase {
  readonly kind: 'class';
  /** Values are integers in [0, classes). */
  readonly classes: number;
  readonly classNames: readonly string[];
}

export type LabelField = RegressionLabel | ClassLabel;

type DistributiveOmit<T, K extends keyof LabelFieldBase> = T extends unknown ? Omit<T, K> : never;
export type LabelFieldSpec = DistributiveOmit<LabelField, 'offset' | 'size'>;

/** Lays the fields out one after another; returns them with offsets and the total size. */
export function buildLabelSchema(specs: readonly LabelFieldSpec[], frames: number): { fields: LabelField[]; size: number } {
  let offset = 0;
  const fields = specs.map((spec): LabelField => {
    const size = spec.per === 'frame' ? frames * spec.width : spec.width;
    const field = { ...spec, offset, size };
    offset += size;
    return field;
  });
  return { fields, size: offset };
}

/** Index of (object `slot`, frame `frame`) of `field` in a flat label vector that starts at `base`. */
export function labelIndex(field: LabelField, slot: number, frame = 0, base = 0): number {
  return base + field.offset + (field.per === 'frame' ? frame * field.width : 0) + slot;
}

/** Views of each field of the label vector starting at `base` (no copies), keyed by name. */
export function unpackLabels(schema: readonly LabelField[], labels: Float32Array, base = 0): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const field of schema) out[field.name] = labels.subarray(base + field.offset, base + field.offset + field.size);
  return out;
}

/** The per-frame position and velocity fields shared by the moving-object scenes. */
export function motionLabelSpecs(objects: number, noun: string, xRange: readonly [number, number], yRange: readonly [number, number], speed: number): LabelFieldSpec[] {
  const common = { kind: 'regression', per: 'frame', width: objects } as const;
  return [
    { ...common, name: 'x', range: xRange, unit: 'px', description: `${noun} centre, column (0 = left edge of the frame)` },
    { ...common, name: 'y', range: yRange, unit: 'px', description: `${noun} centre, row (0 = top edge of the frame)` },
    { ...common, name: 'vx', range: [-speed, speed], unit: 'px/frame', description: `${noun} horizontal velocity: displacement to the next frame, unless it bounces` },
    { ...common, name: 'vy', range: [-speed, speed], unit: 'px/frame', description: `${noun} vertical velocity: displacement to the next frame, unless it bounces` },
  ];
}
