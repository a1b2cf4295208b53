import { describe, expect, test } from 'vitest';
import type { LineChartSpec } from '../../src/lab/chart-spec';
import { chartCsv } from '../../src/ui/chart-csv';

const spec: LineChartSpec = {
  title: 'Probe accuracy',
  xLabel: 'step',
  yLabel: 'accuracy',
  series: [
    { name: 'JEPA', points: [{ x: 0, y: 0.25, low: 0.2, high: 0.3 }, { x: 100, y: NaN }] },
    { name: 'pixels, masked', points: [{ x: 100, y: 0.5 }, { x: Infinity, y: 0.75, low: -Infinity }] },
  ],
  horizontalLines: [{ y: 0.1, label: 'chance' }],
};

describe('chartCsv', () => {
  test('one row per point, absent and non-finite numbers empty, then reference lines', () => {
    expect(chartCsv(spec)).toBe(
      [
        'series,x,y,low,high',
        'JEPA,0,0.25,0.2,0.3',
        'JEPA,100,,,',
        '"pixels, masked",100,0.5,,',
        '"pixels, masked",,0.75,,',
        'reference: chance,,0.1,,',
        '',
      ].join('\n'),
    );
  });

  test('no series and no lines gives only the header', () => {
    expect(chartCsv({ title: 't', xLabel: 'x', yLabel: 'y', series: [] })).toBe('series,x,y,low,high\n');
  });
});
