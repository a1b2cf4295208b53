/** Position labels describe what is drawn: the brightness centroid of a lone object sits on its labelled centre. */
import { describe, expect, it } from 'vitest';
import { unpackLabels } from '../../datasets/labels';
import { createScene } from '../../datasets/registry';

const TOLERANCE_PX = 0.1;

describe.each([
  { name: 'bouncing', params: { balls: 1 } },
  { name: 'bouncing', params: { balls: 1, width: 48, height: 20, radius: 4.5, speed: 6 } },
  { name: 'fork', params: {} },
  { name: 'fork', params: { branches: 3, frames: 12, forkFrame: 3 } },
  { name: 'shapes', params: { shapes: 1 } },
])('$name $params', ({ name, params }) => {
  it(`has the brightness centroid of every frame within ${TOLERANCE_PX} px of the labelled centre`, () => {
    const scene = createScene(name, params, 17);
    const { T, H, W } = scene.shape;
    for (let index = 0; index < 40; index++) {
      const { frames, labels } = scene.clip('train', index);
      const l = unpackLabels(scene.labelSchema, labels);
      const triangle = name === 'shapes' && l.class![0] === 2;
      for (let t = 0; t < T; t++) {
        let mass = 0;
        let mx = 0;
        let my = 0;
        for (let i = 0; i < H; i++) {
          for (let j = 0; j < W; j++) {
            const v = frames[t * H * W + i * W + j]!;
            mass += v;
            mx += v * (j + 0.5);
            my += v * (i + 0.5);
          }
        }
        expect(Math.abs(mx / mass - l.x![t]!), `clip ${index} frame ${t} x`).toBeLessThan(TOLERANCE_PX);
        // A triangle's centroid is below the centre of its bounding square; only x is symmetric.
        if (!triangle) expect(Math.abs(my / mass - l.y![t]!), `clip ${index} frame ${t} y`).toBeLessThan(TOLERANCE_PX);
      }
    }
  });
});

it('velocity labels are the frame-to-frame displacement away from the walls', () => {
  const scene = createScene('bouncing', { balls: 3 }, 2);
  const { T } = scene.shape;
  for (let index = 0; index < 30; index++) {
    const l = unpackLabels(scene.labelSchema, scene.clip('train', index).labels);
    for (let t = 0; t + 1 < T; t++) {
      for (let b = 0; b < 3; b++) {
        const at = t * 3 + b;
        const next = (t + 1) * 3 + b;
        // Without a bounce in between, x(t+1) = x(t) + vx(t) and the velocity is unchanged.
        if (l.vx![next] === l.vx![at]) expect(l.x![next]! - l.x![at]!).toBeCloseTo(l.vx![at]!, 4);
        else expect(l.vx![next]).toBe(-l.vx![at]!);
      }
    }
  }
});
