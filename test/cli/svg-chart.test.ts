import { describe, expect, test } from 'vitest';
import { barChartSvg, lineChartSvg } from '../../src/cli/svg-chart';
import { SERIES_PALETTE, type LineChartSpec } from '../../src/lab/chart-spec';

/** Throws unless every tag is closed in order and every `&` starts an entity. */
function expectWellFormed(svg: string): void {
  expect(svg.startsWith('<svg ')).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)(?:\s[^<>]*?)?(\/?)>/g)) {
    if (closing) expect(open.pop()).toBe(name);
    else if (!selfClosing) open.push(name!);
  }
  expect(open).toEqual([]);
  expect(svg.replace(/<[^<>]*>/g, '')).not.toMatch(/[<>]/);
  expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
}

/** Centres of the point markers inside the plot area (the legend has its own). */
function markerCentres(svg: string): { x: number; y: number }[] {
  const plot = svg.slice(svg.indexOf('<g clip-path'), svg.indexOf('</g>'));
  return [...plot.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)" r="3"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

const curves: LineChartSpec = {
  title: 'Probe accuracy <pixel & JEPA>',
  xLabel: 'step',
  yLabel: 'accuracy',
  series: [
    { name: 'pixel "learner"', points: [{ x: 0, y: 0.1, low: 0.08, high: 0.12 }, { x: 100, y: 0.4, low: 0.3, high: 0.5 }, { x: 200, y: 0.6 }] },
    { name: "JEPA's", points: [{ x: 0, y: 0.1 }, { x: 100, y: 0.5 }, { x: 200, y: 0.8 }], dashed: true },
  ],
  horizontalLines: [{ y: 0.1, label: 'chance' }],
};

describe('lineChartSvg', () => {
  test('well-formed, with escaped title, axis labels and legend names', () => {
    const svg = lineChartSvg(curves);
    expectWellFormed(svg);
    expect(svg).toContain('Probe accuracy &lt;pixel &amp; JEPA&gt;');
    expect(svg).toContain('pixel &quot;learner&quot;');
    expect(svg).toContain('JEPA&apos;s');
    expect(svg).toContain('>step</text>');
    expect(svg).toContain('>accuracy</text>');
    expect(svg).toContain('>chance</text>');
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('fill-opacity="0.18"'); // the spread band
  });

  test('palette colours in order, unless a series brings its own', () => {
    const svg = lineChartSvg(curves);
    expect(svg.indexOf(SERIES_PALETTE[0])).toBeLessThan(svg.indexOf(SERIES_PALETTE[1]));
    const custom = lineChartSvg({ ...curves, series: [{ ...curves.series[0]!, color: '#123456' }] });
    expect(custom).toContain('#123456');
    expect(custom).not.toContain(SERIES_PALETTE[0]);
  });

  test('about five nice tick labels on a linear axis; exponent form for tiny steps', () => {
    const svg = lineChartSvg({ ...curves, horizontalLines: [] });
    const yTicks = [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    expect(yTicks).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8']);
    const xTicks = [...svg.matchAll(/text-anchor="middle">(\d+)</g)].map((m) => m[1]);
    expect(xTicks).toEqual(['0', '50', '100', '150', '200']);
    const tiny = lineChartSvg({ ...curves, series: [{ name: 's', points: [{ x: 0, y: 0 }, { x: 1, y: 4e-5 }] }], horizontalLines: [] });
    expect([...tiny.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1])).toEqual(['0', '1e-5', '2e-5', '3e-5', '4e-5']);
  });

  test('log scale: 10 and 100 lie as far apart as 100 and 1000; ticks at powers of ten', () => {
    const svg = lineChartSvg({ title: 't', xLabel: 'steps', yLabel: 'loss', xScale: 'log', yScale: 'log', series: [{ name: 's', points: [10, 100, 1000].map((x) => ({ x, y: x })) }] });
    expectWellFormed(svg);
    const [a, b, c] = markerCentres(svg);
    expect(b!.x - a!.x).toBeGreaterThan(100);
    expect(c!.x - b!.x).toBeCloseTo(b!.x - a!.x, 1);
    expect(b!.y - c!.y).toBeCloseTo(a!.y - b!.y, 1);
    expect([...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1])).toEqual(['10', '100', '1000']);
  });

  test('non-finite points (and non-positive ones on a log axis) break the line and never leak NaN', () => {
    const svg = lineChartSvg({
      title: 'diverged',
      xLabel: 'x',
      yLabel: 'y',
      yScale: 'log',
      series: [{ name: 's', points: [{ x: 1, y: 1 }, { x: 2, y: 2 }, { x: 3, y: NaN }, { x: NaN, y: 1 }, { x: 4, y: 0 }, { x: 5, y: Infinity, low: 1, high: 2 }, { x: 6, y: 3, low: NaN, high: 4 }, { x: 7, y: 4 }] }],
    });
    expectWellFormed(svg);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(svg.match(/<path d="M[^"]*" fill="none" stroke=/g)![0]!.match(/M/g)).toHaveLength(2);
  });

  test('a lone point still gets a marker, and a lone spread an error bar', () => {
    const svg = lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'one', points: [{ x: 5, y: 0.5, low: 0.4, high: 0.6 }] }] });
    expectWellFormed(svg);
    expect(markerCentres(svg)).toHaveLength(1);
    expect(svg).toMatch(/<path d="M[\d.]+,[\d.]+V[\d.]+/);
    expect(svg).not.toMatch(/NaN/);
  });

  test('long series draw the line without a marker per point', () => {
    const points = Array.from({ length: 100 }, (_, i) => ({ x: i, y: Math.sin(i) }));
    expect(markerCentres(lineChartSvg({ ...curves, series: [{ name: 's', points }] }))).toHaveLength(0);
  });

  test('no series, or series without plottable points, show a "no data" note', () => {
    for (const series of [[], [{ name: 'empty', points: [] }], [{ name: 'nan', points: [{ x: NaN, y: NaN }] }]]) {
      const svg = lineChartSvg({ ...curves, series });
      expectWellFormed(svg);
      expect(svg).toContain('>no data</text>');
      expect(svg).not.toMatch(/NaN/);
    }
  });

  test('fixed y range keeps its ends; invalid ones are refused', () => {
    const svg = lineChartSvg({ ...curves, yMin: 0, yMax: 1 });
    expect([...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1])).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(() => lineChartSvg({ ...curves, yMin: 1, yMax: 0 })).toThrow(RangeError);
    expect(() => lineChartSvg({ ...curves, yScale: 'log', yMin: 0 })).toThrow(RangeError);
  });
});

describe('barChartSvg', () => {
  const ranks = {
    title: 'Effective rank by anti-collapse method',
    yLabel: 'effective rank',
    groups: ['none', 'SIGReg', 'VICReg & co'],
    series: [
      { name: 'JEPA', values: [1.2, 14.5, 12.1], low: [1.0, 13.9, 11.0], high: [1.4, 15.2, 13.0] },
      { name: 'pixel <baseline>', values: [8, NaN, 9] },
    ],
  };

  test('well-formed: a bar per finite value, error bars, "n/a" for the rest, escaped names', () => {
    const svg = barChartSvg(ranks);
    expectWellFormed(svg);
    expect(svg).not.toMatch(/NaN/);
    expect(svg).toContain('VICReg &amp; co');
    expect(svg).toContain('pixel &lt;baseline&gt;');
    expect(svg.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#/g)).toHaveLength(5 + 2); // bars + legend boxes
    expect(svg.match(/>n\/a</g)).toHaveLength(1);
    expect(svg.match(/V[\d.]+M/g)).toHaveLength(3);
    expect([...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1])).toEqual(['0', '5', '10', '15', '20']);
  });

  test('bars start at the zero line: negative ones hang below it', () => {
    const svg = barChartSvg({ title: 't', yLabel: 'Δ', groups: ['a', 'b'], series: [{ name: 's', values: [-2, 3] }] });
    expectWellFormed(svg);
    expect([...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1])).toEqual(['-2', '0', '2', '4']);
    const zero = Number(svg.match(/<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="[\d.]+" stroke="#555"\/>/)![1]);
    const [negative, positive] = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="#E69F00"/g)].map((m) => ({ top: Number(m[1]), height: Number(m[2]) }));
    expect(negative!.top).toBeCloseTo(zero, 1);
    expect(positive!.top + positive!.height).toBeCloseTo(zero, 1);
    expect(positive!.height / negative!.height).toBeCloseTo(3 / 2, 2);
  });

  test('nothing to draw gives "no data"; a value count that does not match the groups is refused', () => {
    expect(barChartSvg({ ...ranks, groups: [], series: [] })).toContain('>no data</text>');
    expect(barChartSvg({ ...ranks, groups: ['a'], series: [{ name: 's', values: [NaN] }] })).toContain('>no data</text>');
    expect(() => barChartSvg({ ...ranks, groups: ['a'] })).toThrow("series 'JEPA' has 3 values, 1 groups given");
  });
});
