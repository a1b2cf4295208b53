/** Browser layer: <ghost-panel> shows the pixel prediction, the mean of the futures and the truth on `fork`. */
import { afterEach, describe, expect, test } from 'vitest';
import { sampleMask } from '../../models/masking';
import { tokenGrid } from '../../models/tubelets';
import type { SamplesEvent } from '../../src/lab/experiment-events';
import { LEARNER_COLOR } from '../../src/lab/preset-chart-data';
import '../../src/ui/ghost-panel';
import type { ClipView } from '../../src/ui/clip-view';
import type { GhostPanel } from '../../src/ui/ghost-panel';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

const shape = { T: 2, H: 4, W: 4 };
const size = shape.T * shape.H * shape.W;

function samples(extra: Partial<SamplesEvent> = {}): SamplesEvent {
  return {
    type: 'samples',
    step: 10,
    shape,
    clip: Float32Array.from({ length: size }, (_, i) => (i % 4) / 3),
    mask: sampleMask({ strategy: 'future-frames', ratio: 0.5 }, tokenGrid(shape, { t: 1, h: 2, w: 2 }), 1),
    pixelPredictions: [new Float32Array(size).fill(0.25)],
    retrieved: null,
    futuresMean: new Float32Array(size).fill(0.5),
    ...extra,
  };
}

async function mount(value: SamplesEvent | null): Promise<GhostPanel> {
  const el = document.createElement('ghost-panel');
  el.samples = value;
  document.body.append(el);
  await settled(el);
  return el;
}

async function settled(el: GhostPanel): Promise<ClipView[]> {
  await el.updateComplete;
  const views = [...el.shadowRoot!.querySelectorAll('clip-view')];
  await Promise.all(views.map((v) => v.updateComplete));
  return views;
}

const emptyText = (el: GhostPanel) => el.shadowRoot!.querySelector('p.empty')?.textContent?.replace(/\s+/g, ' ').trim();

afterEach(() => {
  document.body.replaceChildren();
});

describe('<ghost-panel>', () => {
  test('without samples it says where it is shown and draws no clip views', async () => {
    const el = await mount(null);
    expect(el.shadowRoot!.querySelector('h3')!.textContent).toBe('Ghost panel: prediction vs the mean of the futures');
    expect(emptyText(el)).toMatch(/^Shown on the fork scene/);
    expect(el.shadowRoot!.querySelectorAll('clip-view')).toHaveLength(0);
  });

  test('samples without the mean of the futures (not fork) also show the note', async () => {
    const el = await mount(samples({ futuresMean: null }));
    expect(emptyText(el)).toMatch(/^Shown on the fork scene/);
    expect(el.shadowRoot!.querySelectorAll('clip-view')).toHaveLength(0);
  });

  test('with the mean of the futures: prediction, mean and truth, in that order', async () => {
    const s = samples();
    const el = await mount(s);
    const views = await settled(el);
    expect(views.map((v) => v.id)).toEqual(['ghost-prediction', 'ghost-mean', 'ghost-truth']);
    expect(views[0]!.clip).toBe(s.pixelPredictions[0]);
    expect(views[1]!.clip).toBe(s.futuresMean);
    expect(views[2]!.clip).toBe(s.clip);
    for (const v of views) expect(v.shape).toEqual(shape);
    expect(views.map((v) => v.label)).toEqual(['pixel prediction', 'analytic mean of the futures', 'true future']);
    expect(views[0]!.accent).toBe(LEARNER_COLOR.pixel);
    expect(el.shadowRoot!.querySelector('p.empty')).toBeNull();
  });

  test('property changes re-render: new samples replace the clips; null goes back to the note', async () => {
    const el = await mount(samples());
    const next = samples({
      step: 20,
      clip: new Float32Array(size).fill(1),
      futuresMean: new Float32Array(size).fill(0.75),
      pixelPredictions: [new Float32Array(size).fill(0.125)],
    });
    el.samples = next;
    const views = await settled(el);
    expect(views[0]!.clip).toBe(next.pixelPredictions[0]);
    expect(views[1]!.clip).toBe(next.futuresMean);
    expect(views[2]!.clip).toBe(next.clip);

    el.samples = samples({ pixelPredictions: [] });
    expect((await settled(el)).map((v) => v.id)).toEqual(['ghost-mean', 'ghost-truth']);

    el.samples = null;
    expect(await settled(el)).toHaveLength(0);
    expect(emptyText(el)).toMatch(/^Shown on the fork scene/);
  });
});
