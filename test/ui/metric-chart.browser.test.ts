/** Browser layer: <metric-chart> draws a LineChartSpec with chart.js in real Chromium and exports PNG/CSV. */
import { Chart } from 'chart.js';
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { userEvent } from 'vitest/browser';
import { SERIES_PALETTE, type LineChartSpec } from '../../src/lab/chart-spec';
import { chartCsv } from '../../src/ui/chart-csv';
import { safeFileName } from '../../src/ui/download';
import type { ChartExportDetail, MetricChart } from '../../src/ui/metric-chart';
import '../../src/ui/metric-chart';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

function specWith(overrides: Partial<LineChartSpec> = {}): LineChartSpec {
  return {
    title: 'Probe accuracy',
    xLabel: 'step',
    yLabel: 'accuracy',
    series: [
      {
        name: 'pixels',
        points: [
          { x: 0, y: 0.2, low: 0.15, high: 0.25 },
          { x: 100, y: 0.4, low: 0.3, high: 0.5 },
          { x: 200, y: NaN },
          { x: 300, y: 0.6, low: 0.5, high: 0.7 },
        ],
      },
      { name: 'JEPA', dashed: true, points: [{ x: 0, y: 0 }, { x: 100, y: 0.5 }, { x: 300, y: 0.8 }] },
    ],
    horizontalLines: [{ y: 0.1, label: 'chance' }],
    ...overrides,
  };
}

async function mount(spec: LineChartSpec | null, attributes: Record<string, string> = {}): Promise<MetricChart> {
  const el = document.createElement('metric-chart');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.spec = spec;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function part<T extends Element = HTMLElement>(el: MetricChart, selector: string): T {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`metric-chart: no ${selector}`);
  return found;
}

function buttonNamed(el: MetricChart, text: string): HTMLButtonElement {
  const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
  if (!button) throw new Error(`metric-chart: no ${text} button`);
  return button;
}

/** The next `chart-export` event that reaches the document. */
function nextExport(): Promise<CustomEvent<ChartExportDetail>> {
  return new Promise((resolve) => document.addEventListener('chart-export', (e) => resolve(e as CustomEvent<ChartExportDetail>), { once: true }));
}

let anchorClick: MockInstance<HTMLAnchorElement['click']>;

beforeEach(() => {
  anchorClick = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});

afterEach(() => {
  document.body.querySelectorAll('metric-chart').forEach((el) => el.remove());
  vi.restoreAllMocks();
});

describe('<metric-chart>', () => {
  test('renders the title, a labelled canvas and one chart.js dataset per series, band edge and reference line', async () => {
    const el = await mount(specWith());
    expect(part(el, 'h3').textContent).toBe('Probe accuracy');
    const canvas = part<HTMLCanvasElement>(el, 'canvas');
    expect(canvas.getAttribute('role')).toBe('img');
    expect(canvas.getAttribute('aria-label')).toBe('Probe accuracy');
    expect(el.dataset.points).toBe('6');
    expect(el.dataset.series).toBe('2');
    expect(el.dataset.scale).toBe('linear');

    const chart = el.chartInstance!;
    expect(Chart.getChart(canvas)).toBe(chart);
    const datasets = chart.data.datasets;
    expect(datasets.map((d) => d.label)).toEqual(['pixels', 'pixels (low)', 'pixels (high)', 'JEPA', 'chance']);
    expect(datasets[0]!.data[2]!.y).toBeNull();
    expect(datasets[0]!.borderColor).toBe(SERIES_PALETTE[0]);
    expect(datasets[3]!.borderColor).toBe(SERIES_PALETTE[1]);
    expect(datasets[3]!.borderDash).toEqual([6, 4]);
    expect(datasets[2]!.fill).toBe('-1');
    expect(datasets[4]!.data).toEqual([{ x: 0, y: 0.1 }, { x: 300, y: 0.1 }]);
    expect(chart.legend!.legendItems!.map((item) => item.text)).toEqual(['pixels', 'JEPA', 'chance']);
    expect(chart.options.scales!.x!.title).toMatchObject({ text: 'step' });
    expect(chart.options.scales!.y!.title).toMatchObject({ text: 'accuracy' });
  });

  test('shows the empty text for no spec and for a spec without a finite point', async () => {
    const el = await mount(null, { 'empty-text': 'No evaluations yet' });
    expect(part(el, '.empty').textContent).toBe('No evaluations yet');
    expect(part(el, '.plot').hidden).toBe(true);
    expect(el.shadowRoot!.querySelector('h3')).toBeNull();
    expect(el.dataset.points).toBe('0');
    expect(el.dataset.series).toBe('0');

    el.spec = specWith({ series: [{ name: 'pixels', points: [{ x: 0, y: NaN }, { x: NaN, y: 1 }] }] });
    await el.updateComplete;
    expect(part(el, 'h3').textContent).toBe('Probe accuracy');
    expect(part(el, '.empty').textContent).toBe('No evaluations yet');
    expect(el.dataset.points).toBe('0');
    expect(el.dataset.series).toBe('1');
    expect(buttonNamed(el, 'CSV').disabled).toBe(true);

    el.spec = specWith();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.empty')).toBeNull();
    expect(part(el, '.plot').hidden).toBe(false);
  });

  test('the log-scale checkbox switches the y axis and the choice survives specs with the same yScale', async () => {
    const el = await mount(specWith());
    const box = part<HTMLInputElement>(el, 'input[type=checkbox]');
    expect(box.checked).toBe(false);
    expect(box.labels![0]!.textContent!.trim()).toBe('log scale');

    box.click();
    await el.updateComplete;
    expect(el.dataset.scale).toBe('log');
    expect(el.chartInstance!.scales.y!.type).toBe('logarithmic');
    expect(el.dataset.points).toBe('5'); // JEPA's y = 0 does not fit a log axis

    el.spec = specWith({ title: 'Probe accuracy, later' });
    await el.updateComplete;
    expect(el.dataset.scale).toBe('log');
    expect(box.checked).toBe(true);

    box.click();
    await el.updateComplete;
    expect(el.dataset.scale).toBe('linear');
    expect(el.chartInstance!.scales.y!.type).toBe('linear');

    el.spec = specWith({ yScale: 'log' });
    await el.updateComplete;
    expect(el.dataset.scale).toBe('log');
    expect(box.checked).toBe(true);
    expect(el.chartInstance!.scales.y!.type).toBe('logarithmic');
  });

  test('a log yScale in the spec starts the checkbox ticked', async () => {
    const el = await mount(specWith({ yScale: 'log', xScale: 'log' }));
    expect(part<HTMLInputElement>(el, 'input[type=checkbox]').checked).toBe(true);
    expect(el.dataset.scale).toBe('log');
    expect(el.chartInstance!.scales.x!.type).toBe('logarithmic');
    expect(el.dataset.points).toBe('4'); // x = 0 and y = 0 do not fit log axes, NaN never
  });

  test('a new spec updates the same Chart in place', async () => {
    const el = await mount(specWith());
    const chart = el.chartInstance;
    el.spec = specWith({ series: [{ name: 'only', color: '#123456', points: [{ x: 5, y: 1 }] }], horizontalLines: [] });
    await el.updateComplete;
    expect(el.chartInstance).toBe(chart);
    expect(chart!.data.datasets.map((d) => d.label)).toEqual(['only']);
    expect(chart!.data.datasets[0]!.borderColor).toBe('#123456');
    expect(chart!.data.datasets[0]!.pointRadius).toBe(2);
    expect(el.dataset.points).toBe('1');
    expect(el.dataset.series).toBe('1');
  });

  test('CSV: downloads the chart data and fires chart-export', async () => {
    const createUrl = vi.spyOn(URL, 'createObjectURL');
    const el = await mount(specWith());
    const exported = nextExport();
    buttonNamed(el, 'CSV').click();
    const event = await exported;
    expect(event.target).toBe(el);
    expect(event.composed).toBe(true);
    const detail = event.detail;
    const csv = chartCsv(specWith());
    expect(detail).toEqual({ format: 'csv', fileName: 'probe-accuracy.csv', size: new Blob([csv]).size });
    const blob = createUrl.mock.calls[0]![0] as Blob;
    expect(blob.type).toBe('text/csv');
    expect(await blob.text()).toBe(csv);
    expect(anchorClick).toHaveBeenCalledTimes(1);
    const anchor = anchorClick.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('probe-accuracy.csv');
    expect(anchor.href).toMatch(/^blob:/);
    expect(anchor.isConnected).toBe(false);
  });

  test('PNG: downloads the canvas on a white background under the file-name attribute', async () => {
    const createUrl = vi.spyOn(URL, 'createObjectURL');
    const el = await mount(specWith(), { 'file-name': 'run-7-accuracy' });
    const canvas = part<HTMLCanvasElement>(el, 'canvas');
    await vi.waitFor(() => expect(canvas.width).toBeGreaterThan(0));
    const exported = nextExport();
    buttonNamed(el, 'PNG').click();
    const { detail } = await exported;
    expect(detail.format).toBe('png');
    expect(detail.fileName).toBe('run-7-accuracy.png');
    const blob = createUrl.mock.calls[0]![0] as Blob;
    expect(blob.type).toBe('image/png');
    expect(detail.size).toBe(blob.size);
    expect(detail.size).toBeGreaterThan(0);
    const image = await createImageBitmap(blob);
    const probe = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
    probe.drawImage(image, 0, 0);
    expect([...probe.getImageData(1, 1, 1, 1).data]).toEqual([255, 255, 255, 255]);
    expect((anchorClick.mock.contexts[0] as HTMLAnchorElement).download).toBe('run-7-accuracy.png');
  });

  test('disconnecting destroys the chart and reconnecting draws a new one', async () => {
    const el = await mount(specWith());
    const canvas = part<HTMLCanvasElement>(el, 'canvas');
    const first = el.chartInstance!;
    el.remove();
    expect(el.chartInstance).toBeNull();
    expect(Chart.getChart(canvas)).toBeUndefined();

    el.spec = specWith({ series: [{ name: 'only', points: [{ x: 1, y: 2 }] }] });
    await el.updateComplete;
    expect(el.chartInstance).toBeNull();

    document.body.append(el);
    await el.updateComplete;
    const second = el.chartInstance!;
    expect(second).not.toBe(first);
    expect(Chart.getChart(canvas)).toBe(second);
    expect(second.data.datasets.map((d) => d.label)).toEqual(['only', 'chance']);
  });

  test('the buttons work from the keyboard and are named for the chart', async () => {
    const el = await mount(specWith());
    const csv = buttonNamed(el, 'CSV');
    const png = buttonNamed(el, 'PNG');
    expect(csv.getAttribute('aria-label')).toBe('Download Probe accuracy as CSV');
    expect(png.getAttribute('aria-label')).toBe('Download Probe accuracy as PNG');
    csv.focus();
    expect(el.shadowRoot!.activeElement).toBe(csv);
    const exported = nextExport();
    await userEvent.keyboard('{Enter}');
    expect((await exported).detail.format).toBe('csv');
  });
});

describe('safeFileName', () => {
  test('lowercase, runs of other characters as one dash, no dashes at the ends, at most 60 characters', () => {
    expect(safeFileName('Probe accuracy (k-NN, %)')).toBe('probe-accuracy-k-nn');
    expect(safeFileName('  Ünïcode — Loss  ')).toBe('n-code-loss');
    expect(safeFileName('a'.repeat(59) + ' b')).toBe('a'.repeat(59));
    expect(safeFileName('x'.repeat(80))).toHaveLength(60);
    expect(safeFileName('***')).toBe('chart');
  });
});
