/** Encoder variants: a position-free encoder is permutation-equivariant; a token encoded alone ignores the rest of the clip; the JEPA's targets follow its `targets` switch. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { addEncoder, encode, encodeEachToken } from '../../models/encoder';
import { ParamSet } from '../../models/params';
import { PositionTables } from '../../models/step-inputs';
import { tokenGrid } from '../../models/tubelets';
import { expectNoLeak } from '../support/no-leak';
import { seededValues } from '../support/seeded-values';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

const size = { width: 12, depth: 2, heads: 2, mlpRatio: 2 };
const grid = tokenGrid({ T: 4, H: 16, W: 16 }); // 2 × 2 × 2 = 8 tokens of 128 pixels

function setup() {
  const params = new ParamSet(5);
  addEncoder(params, grid.patchSize, size);
  return params;
}

async function values(t: tf.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

describe('encoder positions', () => {
  test("'none' gives an all-zero encoder table; 'sincos' does not; the predictor's table is sin-cos in both", () => {
    const none = new PositionTables(grid, size.width, 8, 'none');
    const sincos = new PositionTables(grid, size.width, 8, 'sincos');
    expect(none.encoder.every((v) => v === 0)).toBe(true);
    expect(sincos.encoder.some((v) => v !== 0)).toBe(true);
    expect(Array.from(none.predictor)).toEqual(Array.from(sincos.predictor));
    none.dispose();
    sincos.dispose();
  });

  test('a position-free encoder is permutation-equivariant: shuffled tokens give shuffled embeddings', async () => {
    const params = setup();
    const tables = new PositionTables(grid, size.width, 8, 'none');
    const tokens = seededValues(grid.count * grid.patchSize, 3);
    const order = [3, 0, 7, 1, 6, 2, 5, 4];
    const shuffled = new Float32Array(tokens.length);
    order.forEach((from, to) => shuffled.set(tokens.subarray(from * grid.patchSize, (from + 1) * grid.patchSize), to * grid.patchSize));
    const a = await values(tf.tidy(() => encode(params, size, tf.tensor3d(tokens, [1, grid.count, grid.patchSize]), tables.encoderAll)));
    const b = await values(tf.tidy(() => encode(params, size, tf.tensor3d(shuffled, [1, grid.count, grid.patchSize]), tables.encoderAll)));
    order.forEach((from, to) => {
      for (let d = 0; d < size.width; d++) expect(b[to * size.width + d]).toBeCloseTo(a[from * size.width + d]!, 5);
    });
    tables.dispose();
    params.dispose();
  });
});

describe('encodeEachToken', () => {
  test('equals encoding each token as a sequence of one, whatever the other tokens; no leak', async () => {
    const params = setup();
    const tables = new PositionTables(grid, size.width, 8, 'sincos');
    const tokens = seededValues(2 * grid.count * grid.patchSize, 4);
    const input = tf.tensor3d(tokens, [2, grid.count, grid.patchSize]);
    const each = await expectNoLeak(() => values(encodeEachToken(params, size, input, tables.encoderAll)));
    input.dispose();
    for (const [clip, n] of [[0, 0], [1, 5], [1, 7]] as const) {
      const alone = await values(tf.tidy(() => {
        const token = tf.tensor3d(tokens.subarray((clip * grid.count + n) * grid.patchSize, (clip * grid.count + n + 1) * grid.patchSize), [1, 1, grid.patchSize]);
        return encode(params, size, token, tables.encoderAll.slice([n, 0], [1, size.width]) as tf.Tensor2D);
      }));
      for (let d = 0; d < size.width; d++) expect(each[(clip * grid.count + n) * size.width + d]).toBeCloseTo(alone[d]!, 5);
    }
    // Changing another token of the clip leaves token 0's embedding as it was.
    const changed = tokens.slice();
    changed.fill(0.9, 3 * grid.patchSize, 4 * grid.patchSize);
    const again = await values(tf.tidy(() => encodeEachToken(params, size, tf.tensor3d(changed, [2, grid.count, grid.patchSize]), tables.encoderAll)));
    expect(Array.from(again.subarray(0, size.width))).toEqual(Array.from(each.subarray(0, size.width)));
    tables.dispose();
    params.dispose();
  });
});
