import { afterEach, describe, expect, test } from 'vitest';
import { sampleMask } from '../../models/masking';
import { tokenGrid } from '../../models/tubelets';
import type { SamplesEvent } from '../../src/lab/experiment-events';
import { LEARNER_COLOR } from '../../src/lab/preset-chart-data';
import '../../src/ui/learner-card';
import type { ClipView } from '../../src/ui/clip-view';
import type { LearnerCard } from '../../src/ui/learner-card';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

const shape = { T: 4, H: 8, W: 8 };
const tubelet = { t: 2, h: 4, w: 4 };
const size = shape.T * shape.H * shape.W;

function samples(extra: Partial<SamplesEvent> = {}): SamplesEvent {
  return {
    type: 'samples',
    step: 100,
    shape,
    clip: Float32Array.from({ length: size }, (_, i) => (i % 9) / 8),
    mask: sampleMask({ strategy: 'random-patches', ratio: 0.5 }, tokenGrid(shape, tubelet), 1),
    pixelPredictions: [new Float32Array(size).fill(0.5)],
    retrieved: null,
    futuresMean: null,
    ...extra,
  };
}

async function settled(el: LearnerCard): Promise<ClipView[]> {
  await el.updateComplete;
  const views = [...el.shadowRoot!.querySelectorAll('clip-view')];
  await Promise.all(views.map((v) => v.updateComplete));
  return views;
}

async function mount(props: Partial<LearnerCard>): Promise<LearnerCard> {
  const el = document.createElement('learner-card');
  el.tubelet = tubelet;
  Object.assign(el, props);
  document.body.append(el);
  await settled(el);
  return el;
}

const text = (el: LearnerCard, selector: string) => el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
const figure = (el: LearnerCard, metric: string) => el.shadowRoot!.querySelector<HTMLElement>(`dd[data-metric="${metric}"]`);

/** '#E69F00' → 'rgb(230, 159, 0)' (how computed styles spell colours). */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

afterEach(() => document.body.replaceChildren());

describe('<learner-card>', () => {
  test('pixel: name, objective, colour, loss, parameters and three clip views', async () => {
    const el = await mount({ kind: 'pixel', loss: 0.0123456, lossStep: 1200, parameterCount: 1234567, samples: samples() });
    expect(text(el, 'h3')).toBe('Pixel learner');
    expect(text(el, '.objective')).toBe('predicts the hidden pixels (MSE)');
    expect(getComputedStyle(el.shadowRoot!.querySelector('.swatch')!).backgroundColor).toBe(rgb(LEARNER_COLOR.pixel));
    expect(getComputedStyle(el.shadowRoot!.querySelector('article')!).borderTopColor).toBe(rgb(LEARNER_COLOR.pixel));
    expect(text(el, '.loss')).toBe('loss 1.235e-2 at step 1,200');
    expect(text(el, '.params')).toBe('1,234,567 parameters');
    const views = await settled(el);
    expect(views.map((v) => v.label)).toEqual(['context (hidden tokens shaded)', 'target (true clip)', 'prediction (pixels)']);
    expect(views[0]!.hiddenPixels!.reduce((s, v) => s + v, 0)).toBe(size / 2);
    expect(views[1]!.hiddenPixels).toBeNull();
    expect(views[0]!.dataset.signature).not.toBe(views[1]!.dataset.signature);
    expect(views[2]!.accent).toBe(LEARNER_COLOR.pixel);
    expect(el.shadowRoot!.querySelector('[role="alert"]')).toBeNull();
  });

  test('pixel with K hypotheses shows each; no samples shows a waiting clip view', async () => {
    const el = await mount({ kind: 'pixel', samples: samples({ pixelPredictions: [new Float32Array(size), new Float32Array(size).fill(1)] }) });
    const views = await settled(el);
    expect(views.map((v) => v.label).slice(2)).toEqual(['hypothesis 1 of 2', 'hypothesis 2 of 2']);
    expect(views[2]!.dataset.signature).not.toBe(views[3]!.dataset.signature);
    el.samples = null;
    const waiting = await settled(el);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.shadowRoot!.textContent).toContain('waiting for the first evaluation');
    expect(text(el, '.loss')).toBe('loss —');
    expect(text(el, '.params')).toBe('— parameters');
  });

  test('jepa: retrieval, not a decoder; retrieval off says so', async () => {
    const retrieved = { clip: new Float32Array(size).fill(0.75), index: 12, isOwnClip: false };
    const el = await mount({ kind: 'jepa', samples: samples({ retrieved, pixelPredictions: [] }) });
    expect(text(el, 'h3')).toBe('JEPA');
    expect(text(el, '.objective')).toBe("predicts the hidden tokens' embeddings (SIGReg keeps them spread)");
    expect(getComputedStyle(el.shadowRoot!.querySelector('.swatch')!).backgroundColor).toBe(rgb(LEARNER_COLOR.jepa));
    const views = await settled(el);
    expect(views).toHaveLength(3);
    expect(views[2]!.label).toBe('retrieval: nearest real clip');
    expect(views[2]!.note).toBe('#12 (another clip)');
    expect(views[2]!.clip).toBe(retrieved.clip);
    expect(text(el, '.decoder')).toBe('not a decoder: JEPA predicts embeddings; this is the real clip whose embeddings are nearest');
    el.samples = samples({ retrieved: { ...retrieved, index: 3, isOwnClip: true } });
    expect((await settled(el))[2]!.note).toBe('#3 (its own clip)');
    el.samples = samples({ retrieved: null });
    const off = await settled(el);
    expect(off).toHaveLength(2);
    expect(text(el, '.off')).toMatch(/^retrieval is off for this run/);
  });

  test('figures: the learner’s metrics with names, tooltips, 3 significant digits and n/a', async () => {
    const figures = {
      'blur.sharpness': 0.43219,
      'blur.mse': 0.0123456,
      'blur.laplacian': 0.5,
      'collapse.rank': 37.46,
      'collapse.width': 64,
      'collapse.std': Number.NaN,
      'collapse.sigreg': 0.00001234,
      'probe.r2': 0.8765,
      'probe.accuracy.shape': 0.5,
      'retrieval.top1': 0.25,
    };
    const el = await mount({ kind: 'pixel', figures });
    const metrics = [...el.shadowRoot!.querySelectorAll('dd')].map((d) => d.dataset.metric);
    expect(metrics).toEqual(['blur.sharpness', 'blur.mse', 'collapse.rank', 'collapse.std', 'collapse.sigreg', 'probe.r2', 'probe.accuracy.shape']);
    expect(figure(el, 'blur.sharpness')!.textContent).toBe('0.432');
    expect(figure(el, 'blur.mse')!.textContent).toBe('0.0123');
    expect(figure(el, 'collapse.rank')!.textContent).toBe('37.5');
    expect(figure(el, 'collapse.std')!.textContent).toBe('n/a');
    expect(figure(el, 'collapse.sigreg')!.textContent).toBe('1.23e-5');
    expect(figure(el, 'collapse.rank')!.previousElementSibling!.textContent).toBe('effective rank (of D = 64)');
    expect(figure(el, 'blur.sharpness')!.title).toContain('1 = as sharp as the truth');
    for (const dt of el.shadowRoot!.querySelectorAll('dt')) expect(dt.title.length).toBeGreaterThan(20);

    el.kind = 'jepa';
    el.figures = { ...figures, 'retrieval.branchTop1': 0.9, 'retrieval.branchCoverage': 1 };
    await el.updateComplete;
    const jepa = [...el.shadowRoot!.querySelectorAll('dd')].map((d) => d.dataset.metric);
    expect(jepa).toEqual(['collapse.rank', 'collapse.std', 'collapse.sigreg', 'probe.r2', 'probe.accuracy.shape', 'retrieval.top1', 'retrieval.branchTop1', 'retrieval.branchCoverage']);
    expect(figure(el, 'retrieval.top1')!.textContent).toBe('0.25');
    el.figures = {};
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dl')).toBeNull();
  });

  test('prediction skill: three figures first, and a warning naming each reading ≤ 0', async () => {
    const el = await mount({ kind: 'jepa', figures: { 'skill.all': 0.41, 'skill.content': -0.03, 'skill.debiased': 0, 'collapse.rank': 9 } });
    const metrics = [...el.shadowRoot!.querySelectorAll('dd')].map((d) => d.dataset.metric);
    expect(metrics).toEqual(['skill.all', 'skill.content', 'skill.debiased', 'collapse.rank']);
    expect(text(el, '.skill-warning')).toBe(
      'Does not predict: prediction skill ≤ 0 (content tokens -0.03, debiased 0) — no better than the mean target at each token position; its context is not used there.',
    );
    el.figures = { 'skill.all': 0.41, 'skill.content': 0.32, 'skill.debiased': 0.2 };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.skill-warning')).toBeNull();
    el.figures = { 'skill.all': -0.2, 'skill.content': Number.NaN };
    await el.updateComplete;
    expect(text(el, '.skill-warning')).toMatch(/^Does not predict: prediction skill ≤ 0 \(all hidden tokens -0.2\)/);
  });

  test('a message shows as an alert; property changes are reflected', async () => {
    const el = await mount({ kind: 'pixel', loss: 1, lossStep: 0 });
    el.message = 'pixel learner diverged at step 40: loss is NaN';
    el.loss = 0.5;
    el.lossStep = 40;
    el.parameterCount = 999;
    await el.updateComplete;
    expect(text(el, '[role="alert"]')).toBe('pixel learner diverged at step 40: loss is NaN');
    expect(text(el, '.loss')).toBe('loss 5.000e-1 at step 40');
    expect(text(el, '.params')).toBe('999 parameters');
    el.message = null;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')).toBeNull();
  });

  test('a mask that does not fit the tubelet is an alert, not an exception', async () => {
    const el = await mount({ kind: 'pixel', samples: samples(), tubelet: { t: 2, h: 8, w: 8 } });
    expect(text(el, '[role="alert"]')).toMatch(/^cannot shade the mask: mask\.grid/);
    expect((await settled(el))[0]!.hiddenPixels).toBeNull();
  });

  test('fits 360 px: the clip views wrap', async () => {
    const big = { T: 8, H: 16, W: 16 };
    const n = big.T * big.H * big.W;
    const el = await mount({
      kind: 'pixel',
      figures: { 'blur.sharpness': 0.5, 'collapse.rank': 3, 'collapse.width': 64 },
      samples: samples({ shape: big, clip: new Float32Array(n), pixelPredictions: [new Float32Array(n)], mask: sampleMask({ strategy: 'multi-block', ratio: 0.5 }, tokenGrid(big, tubelet), 2) }),
    });
    el.style.width = '360px';
    await settled(el);
    const article = el.shadowRoot!.querySelector('article')!;
    expect(article.getBoundingClientRect().width).toBe(360);
    expect(article.scrollWidth).toBeLessThanOrEqual(article.clientWidth);
    for (const view of el.shadowRoot!.querySelectorAll('clip-view')) {
      expect(view.getBoundingClientRect().right).toBeLessThanOrEqual(article.getBoundingClientRect().right);
    }
  });
});
