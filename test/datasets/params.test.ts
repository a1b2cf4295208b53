/**
 * Every kind of bad parameter throws a SceneParamError whose message names the parameter, the
 * value and what is allowed; nothing is clamped.
 */
import { describe, expect, it } from 'vitest';
import { BatchSampler } from '../../datasets/batch-sampler';
import { SceneParamError } from '../../datasets/params';
import { createScene, loadScene, SCENE_PARAMS } from '../../datasets/registry';

interface BadCase {
  what: string;
  make: () => unknown;
  /** Texts the message must contain: the parameter, the value, the allowed range. */
  says: string[];
}

const scene = () => createScene('bouncing');

const CASES: BadCase[] = [
  { what: 'negative size', make: () => createScene('bouncing', { width: -32 }), says: ['width = -32', 'an integer from 16 to 64'] },
  { what: 'huge size', make: () => createScene('shapes', { height: 100_000 }), says: ['height = 100000', 'an integer from 16 to 64'] },
  { what: 'too few frames', make: () => createScene('fork', { frames: 3 }), says: ['frames = 3', 'an integer from 4 to 16'] },
  { what: 'too many frames', make: () => createScene('distractors', { frames: 17 }), says: ['frames = 17', 'an integer from 4 to 16'] },
  { what: 'fractional frames', make: () => createScene('bouncing', { frames: 8.5 }), says: ['frames = 8.5', 'is not an integer', 'from 4 to 16'] },
  { what: 'digits frame below 32 px', make: () => createScene('digits', { width: 16 }), says: ['width = 16', 'an integer from 32 to 64'] },
  { what: 'K < 1', make: () => createScene('fork', { branches: 0 }), says: ['branches = 0', 'an integer from 1 to 8'] },
  { what: 'K negative', make: () => createScene('fork', { branches: -2 }), says: ['branches = -2', 'an integer from 1 to 8'] },
  { what: 'K huge', make: () => createScene('fork', { branches: 1000 }), says: ['branches = 1000', 'an integer from 1 to 8'] },
  { what: 'negative probability', make: () => createScene('fork', { probabilities: [1.5, -0.5] }), says: ['probabilities = [1.5, -0.5]', 'entry 0 = 1.5', '2 numbers from 0 to 1', 'summing to 1'] },
  { what: 'probability below 0 only', make: () => createScene('fork', { branches: 3, probabilities: [0.6, 0.5, -0.1] }), says: ['probabilities = [0.6, 0.5, -0.1]', 'entry 2 = -0.1', '3 numbers from 0 to 1'] },
  { what: 'probabilities not summing to 1', make: () => createScene('fork', { probabilities: [0.5, 0.6] }), says: ['probabilities = [0.5, 0.6]', 'sums to 1.1', 'summing to 1 (±0.000001)'] },
  { what: 'probabilities of the wrong length', make: () => createScene('fork', { branches: 3, probabilities: [0.5, 0.5] }), says: ['probabilities = [0.5, 0.5]', 'has 2 entries', '3 numbers from 0 to 1'] },
  { what: 'probabilities not an array', make: () => createScene('fork', { probabilities: 0.5 }), says: ['probabilities = 0.5', 'is not an array', '2 numbers'] },
  { what: 'NaN probability', make: () => createScene('fork', { probabilities: [Number.NaN, 1] }), says: ['probabilities = [NaN, 1]', 'entry 0 = NaN'] },
  { what: 'NaN number', make: () => createScene('bouncing', { speed: Number.NaN }), says: ['speed = NaN', 'is not a finite number', 'a number from 0 to'] },
  { what: 'infinite number', make: () => createScene('distractors', { noise: Number.POSITIVE_INFINITY }), says: ['noise = Infinity', 'is not a finite number', 'a number from 0 to 1'] },
  { what: 'string for a number', make: () => createScene('shapes', { shapes: '2' }), says: ['shapes = "2"', 'is not a number', 'an integer from 1 to 3'] },
  { what: 'strength above 1', make: () => createScene('distractors', { background: 1.5 }), says: ['background = 1.5', 'a number from 0 to 1'] },
  { what: 'negative strength', make: () => createScene('distractors', { flicker: -0.1 }), says: ['flicker = -0.1', 'a number from 0 to 1'] },
  { what: 'too many balls', make: () => createScene('bouncing', { balls: 4 }), says: ['balls = 4', 'an integer from 1 to 3'] },
  { what: 'too many digits', make: () => createScene('digits', { digits: 3 }), says: ['digits = 3', 'an integer from 1 to 2'] },
  { what: 'radius too large for the frame', make: () => createScene('bouncing', { width: 16, radius: 5 }), says: ['radius = 5', 'a number from 1 to 4', 'a quarter of the smaller frame side'] },
  { what: 'fork frame past the clip', make: () => createScene('fork', { frames: 8, forkFrame: 8 }), says: ['forkFrame = 8', 'an integer from 1 to 7'] },
  { what: 'fork frame 0', make: () => createScene('fork', { forkFrame: 0 }), says: ['forkFrame = 0', 'an integer from 1 to 7'] },
  { what: 'fork speed that would leave the frame', make: () => createScene('fork', { speed: 9 }), says: ['speed = 9', 'a number from 0.1 to 4.4', 'every branch stays in the frame'] },
  { what: 'speed above the bounce limit', make: () => createScene('shapes', { speed: 40 }), says: ['speed = 40', 'a number from 0 to'] },
  { what: 'digit larger than the source', make: () => createScene('digits', { width: 64, height: 64, digitSize: 30 }), says: ['digitSize = 30', 'an integer from 8 to 28'] },
  { what: 'unknown parameter name', make: () => createScene('bouncing', { radiuss: 3 }), says: ['radiuss = 3', 'is an unknown parameter', 'parameters frames, height, width, balls, radius, speed'] },
  { what: 'params not an object', make: () => createScene('bouncing', [1, 2] as unknown as Record<string, unknown>), says: ['params = [1, 2]', 'an object with some of: frames'] },
  { what: 'unknown scene name', make: () => createScene('bounce'), says: ['scene = "bounce"', 'is an unknown scene', 'bouncing, fork, distractors, shapes, digits'] },
  { what: 'negative seed', make: () => createScene('bouncing', {}, -1), says: ['seed = -1', 'an integer from 0 to 4294967295'] },
  { what: 'fractional seed', make: () => createScene('fork', {}, 0.5), says: ['seed = 0.5', 'an integer from 0 to 4294967295'] },
  { what: 'unknown split', make: () => scene().clip('training' as never, 0), says: ['split = "training"', 'train, validation, test'] },
  { what: 'negative clip index', make: () => scene().clip('train', -1), says: ['index = -1', 'an integer from 0 to 1073741823'] },
  { what: 'NaN clip index', make: () => scene().clip('test', Number.NaN), says: ['index = NaN', 'an integer from 0 to 1073741823'] },
  { what: 'clip index past 2^30', make: () => scene().clip('test', 2 ** 30), says: ['index = 1073741824', 'from 0 to 1073741823'] },
  { what: 'frames buffer too small', make: () => scene().clipInto('train', 0, new Float32Array(100), 0, new Float32Array(1000), 0), says: ['frames offset = 0', 'buffer of 100 floats, 8192 needed'] },
  { what: 'labels offset past the end', make: () => scene().clipInto('train', 0, new Float32Array(8192), 0, new Float32Array(64), 1), says: ['labels offset = 1', 'an integer from 0 to 0 (buffer of 64 floats, 64 needed)'] },
  { what: 'batch size 0', make: () => new BatchSampler(scene(), 'train', 0), says: ['batchSize = 0', 'an integer from 1 to 4096'] },
  { what: 'huge batch size', make: () => new BatchSampler(scene(), 'train', 1e6), says: ['batchSize = 1000000', 'an integer from 1 to 4096'] },
  { what: 'negative step', make: () => new BatchSampler(scene(), 'validation', 8).sample(-1), says: ['step = -1', 'an integer from 0 to 134217727'] },
  { what: 'sampler on an unknown split', make: () => new BatchSampler(scene(), 'dev' as never, 8), says: ['split = "dev"', 'train, validation, test'] },
];

describe('bad parameters', () => {
  it.each(CASES)('$what throws, naming the parameter, the value and the range', ({ make, says }) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SceneParamError);
    for (const text of says) expect((error as Error).message).toContain(text);
  });

  it('loadScene rejects bad parameters before loading anything', async () => {
    await expect(loadScene('digits', { digits: 0 })).rejects.toThrow(/digits = 0 is out of range; allowed: an integer from 1 to 2/);
    await expect(loadScene('nope')).rejects.toThrow(SceneParamError);
    await expect(loadScene('digits', {}, -3)).rejects.toThrow(/seed = -3/);
  });

  it('accepts the edges of every range, and probabilities within the stated tolerance', () => {
    expect(() => createScene('bouncing', { frames: 4, height: 16, width: 64 })).not.toThrow();
    expect(() => createScene('bouncing', { frames: 16, height: 64, width: 16, speed: 0 })).not.toThrow();
    expect(() => createScene('fork', { branches: 1 })).not.toThrow();
    expect(() => createScene('fork', { branches: 3, probabilities: [0.1, 0.2, 0.7] })).not.toThrow();
    expect(() => createScene('fork', { probabilities: [0.3333333, 0.6666667] })).not.toThrow();
    expect(() => createScene('fork', { probabilities: [0.5, 0.5000011] })).toThrow(/sums to 1.0000011/);
    expect(() => createScene('distractors', { noise: 0, flicker: 1, background: 0 })).not.toThrow();
  });

  it('resolves every parameter, defaults included, and lists specs for every scene', () => {
    expect(createScene('fork').params).toEqual({ frames: 8, height: 32, width: 32, branches: 2, probabilities: [0.5, 0.5], forkFrame: 4, spread: 45, radius: 3, speed: 3 });
    expect(createScene('fork', { frames: 12 }).params.forkFrame).toBe(6);
    expect(createScene('bouncing', { width: 48 }).shape).toEqual({ T: 8, H: 32, W: 48 });
    for (const specs of Object.values(SCENE_PARAMS)) {
      expect(Object.keys(specs).slice(0, 3)).toEqual(['frames', 'height', 'width']);
      for (const spec of Object.values(specs)) expect(spec.description.length).toBeGreaterThan(5);
    }
  });
});
