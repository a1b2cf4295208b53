/** Scene configurations the dataset tests sweep: every scene at its defaults and at one unusual setting. */
import type { SceneName } from '../../datasets/registry';

export interface SceneConfig {
  label: string;
  name: SceneName;
  params: Record<string, unknown>;
}

export const SCENE_CONFIGS: readonly SceneConfig[] = [
  { label: 'bouncing defaults', name: 'bouncing', params: {} },
  { label: 'bouncing 3 balls 16×48×64', name: 'bouncing', params: { frames: 16, height: 48, width: 64, balls: 3, radius: 4.5, speed: 3.3 } },
  { label: 'bouncing 1 ball 4×16×16', name: 'bouncing', params: { frames: 4, height: 16, width: 16, balls: 1, radius: 1, speed: 0.5 } },
  { label: 'fork defaults', name: 'fork', params: {} },
  { label: 'fork K=3 12×40×56', name: 'fork', params: { branches: 3, probabilities: [0.2, 0.5, 0.3], frames: 12, forkFrame: 5, spread: 30, height: 40, width: 56 } },
  { label: 'fork K=8 16×16×16', name: 'fork', params: { branches: 8, frames: 16, height: 16, width: 16, forkFrame: 15, spread: 80 } },
  { label: 'distractors defaults', name: 'distractors', params: {} },
  { label: 'distractors strong 5×20×24', name: 'distractors', params: { noise: 0.7, flicker: 1, background: 0.9, frames: 5, height: 20, width: 24, balls: 1 } },
  { label: 'shapes defaults', name: 'shapes', params: {} },
  { label: 'shapes 3 of size 5.5, 10×64×64', name: 'shapes', params: { shapes: 3, size: 5.5, frames: 10, height: 64, width: 64 } },
  { label: 'digits defaults', name: 'digits', params: {} },
  { label: 'digits one 28-px digit 64×64', name: 'digits', params: { digits: 1, height: 64, width: 64, digitSize: 28, speed: 3.7 } },
];
