/** Before the MNIST digits are loaded, createScene('digits') says how to load them; loadScene does. */
import { expect, it } from 'vitest';
import { DIGITS_NOT_LOADED } from '../../datasets/digits';
import { loadedMnist } from '../../datasets/mnist';
import { createScene, loadScene } from '../../datasets/registry';

it('createScene("digits") before loading throws a message naming loadScene and loadMnist; loadScene works', async () => {
  expect(loadedMnist()).toBeNull();
  expect(() => createScene('digits')).toThrow(DIGITS_NOT_LOADED);
  expect(DIGITS_NOT_LOADED).toMatch(/loadScene\("digits".*loadMnist\(\)/);
  const scene = await loadScene('digits', { digits: 1 }, 4);
  expect(scene.clip('train', 0).frames.some((v) => v > 0.5)).toBe(true);
  expect(() => createScene('digits')).not.toThrow();
});
