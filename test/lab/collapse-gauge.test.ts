/** The held-out SIGReg gauge: its rows cover every token position, it reads ≈ 1.05 on Gaussian features, and it does not leak. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ForkScene } from '../../datasets/fork';
import { selectBackend } from '../../models/backend';
import { eppsPulleyQuadrature } from '../../models/sigreg';
import { RACE_DEFAULTS, type RaceConfig } from '../../models/race-config';
import { RaceTrainer } from '../../models/race-trainer';
import { sceneBatchSource } from '../../models/scene-source';
import { collapseMetrics, gaugeRows } from '../../src/lab/collapse-evaluation';
import { TINY_FORK_RACE } from '../models/race-support';
import { expectNoLeak } from '../support/no-leak';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

/** A race whose JEPA has the default SIGReg settings (M = 256 slices, about 256 regularised tokens). */
const CONFIG: RaceConfig = { ...TINY_FORK_RACE, jepa: RACE_DEFAULTS.jepa };
const [COUNT, TOKENS, WIDTH] = [64, 16, 16];

function trainer(): RaceTrainer {
  return new RaceTrainer(CONFIG, sceneBatchSource(new ForkScene({ width: 16, height: 16 }, 3), 'train', CONFIG.batch));
}

async function gaussian(seed: number): Promise<Float32Array> {
  return (await tf.randomNormal([COUNT * TOKENS * WIDTH], 0, 1, 'float32', seed).data()) as Float32Array;
}

describe('gaugeRows', () => {
  test.each([
    [64, 16, 256],
    [64, 64, 256],
    [64, 256, 100],
    [4, 64, 1000],
    [5, 3, 7],
  ])('count %s, N %s, about %s rows: every position equally often, in distinct clips, clips used evenly', (count, tokens, rows) => {
    const picked = gaugeRows(count, tokens, rows);
    const perPosition = Math.min(count, Math.ceil(rows / tokens));
    expect(picked).toHaveLength(perPosition * tokens);
    expect(new Set(picked).size).toBe(picked.length);
    const clipsOf = Array.from({ length: tokens }, () => new Set<number>());
    const perClip = new Array<number>(count).fill(0);
    for (const row of picked) {
      expect(row).toBeGreaterThanOrEqual(0);
      expect(row).toBeLessThan(count * tokens);
      clipsOf[row % tokens]!.add(Math.floor(row / tokens));
      perClip[Math.floor(row / tokens)]! += 1;
    }
    for (const clips of clipsOf) expect(clips.size).toBe(perPosition);
    expect(Math.max(...perClip) - Math.min(...perClip)).toBeLessThanOrEqual(Math.ceil(tokens / count) + 1);
  });
});

describe('held-out SIGReg gauge', () => {
  test('i.i.d. standard-normal features read ≈ 1.052, the expected Epps–Pulley value for any N', async () => {
    const { knots, weights } = eppsPulleyQuadrature();
    const expected = Array.from(knots).reduce((s, t, k) => s + weights[k]! * (1 - Math.exp(-t * t)), 0);
    expect(expected).toBeCloseTo(1.052, 3);
    const race = trainer();
    const draws = 24;
    let mean = 0;
    for (let d = 0; d < draws; d++) mean += (await collapseMetrics(await gaussian(100 + d), COUNT, TOKENS, WIDTH, race.jepa))['collapse.sigreg']! / draws;
    race.dispose();
    // One draw varies: sd 0.19 over 100 draws of these 256 rows × D 16 (M = 256). 24 draws: SE ≈ 0.04, so ±0.15 is ≈ 4 SE.
    expect(Math.abs(mean - expected)).toBeLessThan(0.15);
  });

  test('sees every position: features Gaussian on one spatial tube and shifted elsewhere read as far from Gaussian (a one-tube gauge reads ≈ 1)', async () => {
    const race = trainer();
    const features = await gaussian(7);
    for (let c = 0; c < COUNT; c++) {
      for (let n = 0; n < TOKENS; n++) if (n % 4 !== 0) for (let i = 0; i < WIDTH; i++) features[(c * TOKENS + n) * WIDTH + i]! += 3;
    }
    const gauge = (await expectNoLeak(() => collapseMetrics(features, COUNT, TOKENS, WIDTH, race.jepa)))['collapse.sigreg']!;
    // The training regulariser's rows at offset 0 (stride 4 here): only tokens n ≡ 0 (mod 4), the Gaussian ones.
    const oneTube = tf.tidy(() => race.jepa.sigregOf(race.jepa.regularizedRows(tf.tensor3d(features, [COUNT, TOKENS, WIDTH]), 0), 0));
    const tube = (await oneTube.data())[0]!;
    oneTube.dispose();
    race.dispose();
    expect(tube).toBeLessThan(2);
    expect(gauge).toBeGreaterThan(10 * tube);
  });
});
