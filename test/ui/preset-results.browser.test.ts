/** Browser layer: <preset-results> shows a preset's headline over seeds and its charts. */
import { afterEach, describe, expect, test } from 'vitest';
import { PRESETS } from '../../src/lab/presets';
import { newRunRecord, recordEvent, type RunRecord } from '../../src/lab/run-record';
import '../../src/ui/preset-results';
import type { MetricChart } from '../../src/ui/metric-chart';
import type { PresetResults } from '../../src/ui/preset-results';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

const preset = PRESETS.collapse;
const base = preset.base;
const labelled = base.evaluation.probe.trainClips;

/** A collapse run of `method` whose effective rank goes `ranks` at steps 0, 150, 300 (finished when `done`). */
function run(method: string, seed: number, ranks: [number, number, number], done = true): RunRecord {
  const record = newRunRecord({ 'jepa.antiCollapse': method }, { ...base, seed });
  [0, 150, 300].forEach((step, i) => {
    recordEvent(record, {
      type: 'evaluation',
      step,
      framesSeen: step * base.batch * 8,
      learner: 'jepa',
      labelledClips: labelled,
      metrics: { 'collapse.rank': ranks[i]!, 'collapse.std': 0.5 / (i + 1), 'collapse.sigreg': 1 + i, 'probe.r2': 0.1 * (i + 1) },
    });
  });
  // A labels-curve point: not a frames-curve evaluation, so it must not move the headline.
  recordEvent(record, { type: 'evaluation', step: 300, framesSeen: 300 * base.batch * 8, learner: 'jepa', labelledClips: 16, metrics: { 'collapse.rank': 999, 'probe.r2': -5 } });
  if (done) recordEvent(record, { type: 'done', step: 300, runtimeMs: 1000 });
  return record;
}

function records(done = true): RunRecord[] {
  return [run('none', 1, [20, 4, 2], done), run('none', 2, [22, 6, 4], done), run('sigreg', 1, [20, 40, 48], done), run('sigreg', 2, [24, 44, 50], done)];
}

async function mount(props: Partial<PresetResults>): Promise<PresetResults> {
  const el = document.createElement('preset-results');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  await Promise.all([...el.shadowRoot!.querySelectorAll('metric-chart')].map((c) => c.updateComplete));
  return el;
}

const charts = (el: PresetResults) => [...el.shadowRoot!.querySelectorAll<MetricChart>('metric-chart')];
const rows = (el: PresetResults) =>
  [...el.shadowRoot!.querySelectorAll('#headline tr')].slice(1).map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]);

afterEach(() => {
  document.body.replaceChildren();
});

describe('<preset-results>', () => {
  test('finished runs: title, source, the headline over seeds and the preset’s charts', async () => {
    const recs = records();
    const el = await mount({ preset: 'collapse', records: recs, source: 'run in this page' });
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toBe(preset.title);
    expect(el.shadowRoot!.querySelector('.source')!.textContent).toBe('run in this page');

    const table = el.shadowRoot!.querySelector('#headline')!;
    expect(table.tagName).toBe('TABLE');
    expect([...table.querySelectorAll('th[scope="col"]')].map((th) => th.textContent)).toEqual(['headline', 'mean ± std over seeds']);
    const headline = rows(el);
    expect(headline.map(([k]) => k)).toEqual(Object.keys(preset.headline(recs)));
    expect(headline.map(([k]) => k)).toEqual([
      'embeddingWidth',
      'finalEffectiveRank.none',
      'lowestEffectiveRankAfterStart.none',
      'finalProbeR2.none',
      'jepaSkill.none.all', 'jepaSkill.none.content', 'jepaSkill.none.debiased',
      'finalEffectiveRank.sigreg',
      'lowestEffectiveRankAfterStart.sigreg',
      'finalProbeR2.sigreg',
      'jepaSkill.sigreg.all', 'jepaSkill.sigreg.content', 'jepaSkill.sigreg.debiased',
      'probeR2.randomInit',
    ]);
    const value = Object.fromEntries(headline);
    expect(value.embeddingWidth).toBe(base.encoder.width.toPrecision(3));
    expect(value['finalEffectiveRank.none']).toBe('3.000 ± 1.414 (n = 2)');
    expect(value['lowestEffectiveRankAfterStart.none']).toBe('3.000 ± 1.414 (n = 2)');
    expect(value['finalEffectiveRank.sigreg']).toBe('49.000 ± 1.414 (n = 2)');
    expect(value['lowestEffectiveRankAfterStart.sigreg']).toBe('42.000 ± 2.828 (n = 2)');
    expect(value['finalProbeR2.none']).toBe('0.300 ± 0.000 (n = 2)');
    expect(el.shadowRoot!.textContent).not.toContain('The headline appears when runs finish.');

    const drawn = charts(el);
    expect(drawn).toHaveLength(preset.charts.length);
    drawn.forEach((chart, i) => {
      expect(chart.spec).not.toBeNull();
      expect(chart.spec!.title).toBe(preset.charts[i]!.title);
      expect(chart.fileName).toBe(`collapse-chart-${i + 1}`);
      // One series per sweep variant (none, sigreg), each with the three frames-curve points.
      expect(chart.spec!.series.map((s) => s.name)).toEqual(['JEPA, jepa.antiCollapse = none', 'JEPA, jepa.antiCollapse = sigreg']);
      for (const s of chart.spec!.series) expect(s.points).toHaveLength(3);
    });
    expect(drawn[0]!.spec!.series[0]!.points.map((p) => p.y)).toEqual([21, 5, 3]);
    // The probe table: random init and the JEPA per variant, the last evaluation's probe R².
    const probes = el.shadowRoot!.querySelector('probe-table')!;
    await probes.updateComplete;
    const cells = [...probes.shadowRoot!.querySelectorAll('#probes tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    expect(cells).toEqual([
      ['jepa.antiCollapse = none', 'random init', '0.100 ± 0.000'],
      ['jepa.antiCollapse = none', 'JEPA', '0.300 ± 0.000'],
      ['jepa.antiCollapse = sigreg', 'random init', '0.100 ± 0.000'],
      ['jepa.antiCollapse = sigreg', 'JEPA', '0.300 ± 0.000'],
    ]);
  });

  test('only finished runs count in the headline; unfinished runs still chart', async () => {
    const el = await mount({ preset: 'collapse', records: records(false) });
    expect(el.shadowRoot!.querySelector('#headline')).toBeNull();
    expect(el.shadowRoot!.textContent).toContain('The headline appears when runs finish.');
    expect(charts(el)).toHaveLength(preset.charts.length);
    for (const chart of charts(el)) expect(chart.spec).not.toBeNull();

    const mixed = [...records(false).slice(0, 2), ...records(true).slice(2)];
    el.records = mixed;
    await el.updateComplete;
    const headline = Object.fromEntries(rows(el));
    expect(Object.keys(headline)).toEqual(['embeddingWidth', 'finalEffectiveRank.sigreg', 'lowestEffectiveRankAfterStart.sigreg', 'finalProbeR2.sigreg', 'jepaSkill.sigreg.all', 'jepaSkill.sigreg.content', 'jepaSkill.sigreg.debiased', 'probeR2.randomInit']);
    expect(headline['finalEffectiveRank.sigreg']).toBe('49.000 ± 1.414 (n = 2)');
  });

  test('no records: charts wait with their empty text; no headline', async () => {
    const el = await mount({ preset: 'collapse', records: [] });
    expect(el.shadowRoot!.textContent).toContain('The headline appears when runs finish.');
    const drawn = charts(el);
    expect(drawn).toHaveLength(preset.charts.length);
    for (const chart of drawn) {
      expect(chart.spec).toBeNull();
      expect(chart.emptyText).toBe('No finished evaluations yet.');
    }
  });

  test('a sparse records array (runs not reported yet) is skipped', async () => {
    const sparse: RunRecord[] = [];
    sparse[1] = run('none', 1, [20, 4, 2]);
    const el = await mount({ preset: 'collapse', records: sparse });
    expect(Object.keys(Object.fromEntries(rows(el)))).toEqual(['embeddingWidth', 'finalEffectiveRank.none', 'lowestEffectiveRankAfterStart.none', 'finalProbeR2.none', 'jepaSkill.none.all', 'jepaSkill.none.content', 'jepaSkill.none.debiased', 'probeR2.randomInit']);
    expect(charts(el)[0]!.spec!.series).toHaveLength(1);
  });

  test('no preset renders nothing', async () => {
    const el = await mount({ preset: null, records: records(), source: 'x' });
    expect(el.shadowRoot!.children).toHaveLength(0);
    expect(el.shadowRoot!.textContent!.trim()).toBe('');
    el.preset = 'collapse';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toBe(preset.title);
    el.preset = null;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')).toBeNull();
    expect(charts(el)).toHaveLength(0);
  });
});
