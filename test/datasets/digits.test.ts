/** digits: the split pools are disjoint, clips draw from their split's pool, and the labels match the digit drawn. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitSprites } from '../../datasets/digit-sprites';
import type { DigitsScene } from '../../datasets/digits';
import { unpackLabels } from '../../datasets/labels';
import { loadMnist, MNIST_SIDE, type MnistDigits } from '../../datasets/mnist';
import { loadScene } from '../../datasets/registry';
import { SPLITS } from '../../datasets/splits';

const require = createRequire(import.meta.url);
/** The package's own file for one class, read with fs: an independent path to the raw data. */
const rawClass = (digit: number): number[] =>
  (JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${digit}.json`), 'utf8')) as { data: number[] }).data;

let mnist: MnistDigits;
beforeAll(async () => {
  mnist = await loadMnist();
});

describe('MNIST pool', () => {
  it('holds the 10,000 digits of the package, pixel for pixel', () => {
    expect(mnist.count).toBe(10_000);
    for (const digit of [0, 7]) {
      const raw = rawClass(digit);
      const first = mnist.classes.indexOf(digit);
      const n = raw.length / (MNIST_SIDE * MNIST_SIDE);
      expect(mnist.classes.filter((c) => c === digit).length).toBe(n);
      for (let v = 0; v < raw.length; v++) {
        if (Math.abs(mnist.pixels[first * MNIST_SIDE * MNIST_SIDE + v]! / 255 - raw[v]!) > 0.0005) expect.fail(`class ${digit}, value ${v}`);
      }
    }
  });

  it('partitions every class 80 / 10 / 10 into disjoint train, validation and test pools covering all samples', () => {
    const owner = new Map<number, string>();
    for (const split of SPLITS) {
      for (const id of mnist.pools[split]) {
        expect(owner.has(id), `sample ${id} in ${owner.get(id)} and ${split}`).toBe(false);
        owner.set(id, split);
      }
    }
    expect(owner.size).toBe(mnist.count);
    for (let digit = 0; digit < 10; digit++) {
      const n = mnist.classes.filter((c) => c === digit).length;
      const inSplit = (split: (typeof SPLITS)[number]) => Array.from(mnist.pools[split]).filter((id) => mnist.classes[id] === digit).length;
      expect(inSplit('train')).toBe(Math.floor(0.8 * n));
      expect(inSplit('train') + inSplit('validation')).toBe(Math.floor(0.9 * n));
    }
  });

  it('has no image shared between the train and test pools, by content', () => {
    const area = MNIST_SIDE * MNIST_SIDE;
    const key = (id: number) => Buffer.from(mnist.pixels.subarray(id * area, (id + 1) * area)).toString('base64');
    const train = new Set(Array.from(mnist.pools.train, key));
    for (const id of [...mnist.pools.test, ...mnist.pools.validation]) expect(train.has(key(id))).toBe(false);
  });

  it('resamples to 14 px as exact 2 × 2 block means', () => {
    const sprites = digitSprites(mnist, 14);
    for (const id of [0, 1234, 9999]) {
      const off = sprites.sprite(id);
      for (let o = 0; o < 14; o++) {
        for (let c = 0; c < 14; c++) {
          const at = (r: number, s: number) => mnist.pixels[id * 784 + r * 28 + s]! / 255;
          const mean = (at(2 * o, 2 * c) + at(2 * o, 2 * c + 1) + at(2 * o + 1, 2 * c) + at(2 * o + 1, 2 * c + 1)) / 4;
          expect(sprites.pixels[off + o * 14 + c]).toBeCloseTo(mean, 6);
        }
      }
    }
  });
});

describe('digits scene', () => {
  it('draws every clip of a split from that split’s pool only, and labels each digit with its class', async () => {
    const scene = (await loadScene('digits', {}, 21)) as DigitsScene;
    for (const split of SPLITS) {
      const pool = new Set(mnist.pools[split]);
      for (let i = 0; i < 1000; i++) {
        const sources = scene.sources(split, i);
        const labels = unpackLabels(scene.labelSchema, scene.clip(split, i).labels);
        sources.forEach((s, d) => {
          if (!pool.has(s.sample)) expect.fail(`${split} clip ${i} uses sample ${s.sample} from another split`);
          expect(s.digit).toBe(mnist.classes[s.sample]);
          expect(labels.digit![d]).toBe(s.digit);
        });
      }
    }
  });

  it('shows, at the labelled position, the raw package digit of the labelled class (28 px, bilinear)', async () => {
    const scene = (await loadScene('digits', { digits: 1, width: 64, height: 64, digitSize: 28 }, 8)) as DigitsScene;
    const W = 64;
    for (let i = 0; i < 12; i++) {
      const [source] = scene.sources('test', i);
      const clip = scene.clip('test', i);
      const labels = unpackLabels(scene.labelSchema, clip.labels);
      const raw = rawClass(labels.digit![0]!).slice(mnist.indexInClass[source!.sample]! * 784, (mnist.indexInClass[source!.sample]! + 1) * 784);
      const left = labels.x![0]! - 14;
      const top = labels.y![0]! - 14;
      const value = (r: number, c: number) => (r >= 0 && r < 28 && c >= 0 && c < 28 ? raw[r * 28 + c]! : 0);
      let worst = 0;
      for (let y = 0; y < 64; y++) {
        for (let x = 0; x < 64; x++) {
          // Frame pixel (y, x) samples the sprite at (y − top, x − left), bilinearly.
          const v = y - top;
          const u = x - left;
          const r = Math.floor(v);
          const c = Math.floor(u);
          const fy = v - r;
          const fx = u - c;
          const expected = (1 - fy) * ((1 - fx) * value(r, c) + fx * value(r, c + 1)) + fy * ((1 - fx) * value(r + 1, c) + fx * value(r + 1, c + 1));
          worst = Math.max(worst, Math.abs(clip.frames[y * W + x]! - expected));
        }
      }
      // Float32 labels shift the sampling point by < 1e-5 px; the package rounds grey levels to 1e-3.
      expect(worst).toBeLessThan(2e-3);
    }
  });
});
