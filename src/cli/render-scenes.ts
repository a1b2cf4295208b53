/**
 * `npm run scenes`: renders the toy video scenes to PNG for a look at the data.
 *  - <scene>.png: four training clips of each scene, one row per clip, frames left to right;
 *  - fork-futures.png: one fork clip continued along each branch (one row per future, the bar on the
 *    left is its probability), then the probability-weighted mean of the futures (orange mark);
 *    the orange line separates the context from the future frames;
 *  - scenes.png: the first training clip of every scene, one row each (all at their default size).
 * Flags: --out DIR (default results/scenes), --seed N (default 1), --scale N (1–16, default 4),
 * --readme (also writes fork-futures.png and scenes.png to datasets/preview/ for the README).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForkScene } from '../../datasets/fork';
import { loadScene, SCENE_NAMES } from '../../datasets/registry';
import type { Scene } from '../../datasets/scene';
import { Sheet, type Rgb } from './sheet';

const USAGE = 'usage: npm run scenes -- [--out DIR] [--seed N] [--scale N] [--readme]';
const README_DIR = 'datasets/preview';
const GAP = 2;
const ROW_GAP = 6;
const MARGIN = 10;
const BACKGROUND: Rgb = [30, 41, 59];
const ACCENT: Rgb = [249, 115, 22];
const BAR: Rgb = [96, 165, 250];
const BAR_TRACK: Rgb = [51, 65, 85];


interface Options {
  out: string;
  seed: number;
  scale: number;
  readme: boolean;
}

/** Parses the flags; throws a message naming the flag and what it accepts. */
function parseArgs(argv: readonly string[]): Options {
  const options: Options = { out: 'results/scenes', seed: 1, scale: 4, readme: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--readme') {
      options.readme = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value. ${USAGE}`);
    if (flag === '--out') options.out = value;
    else if (flag === '--seed' || flag === '--scale') {
      const n = Number(value);
      const [min, max] = flag === '--seed' ? [0, 2 ** 32 - 1] : [1, 16];
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} ${value}: allowed an integer from ${min} to ${max}`);
      options[flag === '--seed' ? 'seed' : 'scale'] = n;
    } else throw new Error(`unknown flag ${flag}. ${USAGE}`);
  }
  return options;
}

/** Rows of clips, frames left to right, with an optional left gutter and a mark before frame `splitAt`. */
function clipSheet(rows: readonly Float32Array[], scene: Scene, scale: number, gutter = 0, splitAt = 0): { sheet: Sheet; rowY: number[] } {
  const { T, H, W } = scene.shape;
  const cell = W * scale + GAP;
  const sheet = new Sheet(MARGIN * 2 + gutter + T * cell - GAP, MARGIN * 2 + rows.length * (H * scale + ROW_GAP) - ROW_GAP, BACKGROUND);
  const rowY = rows.map((_, r) => MARGIN + r * (H * scale + ROW_GAP));
  rows.forEach((clip, r) => {
    for (let t = 0; t < T; t++) sheet.frame(clip, t, H, W, MARGIN + gutter + t * cell, rowY[r]!, scale);
  });
  if (splitAt > 0) sheet.rect(MARGIN + gutter + splitAt * cell - GAP, MARGIN - 4, GAP, sheet.height - 2 * MARGIN + 8, ACCENT);
  return { sheet, rowY };
}

/** The fork sheet: every future of one clip (probability bars on the left), then their mean. */
function forkSheet(scene: ForkScene, scale: number): Sheet {
  const futures = scene.futures('train', 0);
  const mean = scene.meanClip('train', 0);
  const barWidth = 2 * scale;
  const { sheet, rowY } = clipSheet([...futures.map((f) => f.frames), mean], scene, scale, barWidth + 2 * GAP, scene.forkFrame);
  const rowHeight = scene.shape.H * scale;
  futures.forEach((f, k) => {
    const filled = Math.round(f.probability * rowHeight);
    sheet.rect(MARGIN, rowY[k]!, barWidth, rowHeight - filled, BAR_TRACK);
    sheet.rect(MARGIN, rowY[k]! + rowHeight - filled, barWidth, filled, BAR);
  });
  sheet.rect(MARGIN, rowY[futures.length]!, barWidth, rowHeight, ACCENT);
  return sheet;
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const scenes = await Promise.all(SCENE_NAMES.map((name) => loadScene(name, {}, options.seed)));
  const files = new Map<string, Buffer>();
  for (const scene of scenes) {
    const clips = [0, 1, 2, 3].map((i) => scene.clip('train', i).frames);
    files.set(`${scene.name}.png`, clipSheet(clips, scene, options.scale).sheet.png());
  }
  files.set('fork-futures.png', forkSheet(scenes.find((s) => s instanceof ForkScene) as ForkScene, options.scale).png());
  files.set('scenes.png', clipSheet(scenes.map((s) => s.clip('train', 0).frames), scenes[0]!, options.scale).sheet.png());
  const targets = [options.out, ...(options.readme ? [README_DIR] : [])];
  for (const dir of targets) mkdirSync(dir, { recursive: true });
  for (const [name, png] of files) {
    const dirs = options.readme && (name === 'fork-futures.png' || name === 'scenes.png') ? targets : [options.out];
    for (const dir of dirs) {
      writeFileSync(join(dir, name), png);
      process.stdout.write(`wrote ${join(dir, name)}\n`);
    }
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
