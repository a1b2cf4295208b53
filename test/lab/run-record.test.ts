import { describe, expect, test } from 'vitest';
import { EXPERIMENT_DEFAULTS } from '../../src/lab/experiment-config';
import { finalMetric, framesCurve, framesToTarget, labelsCurve, newRunRecord, recordEvent } from '../../src/lab/run-record';

describe('run record', () => {
  test('frames to target: the crossing after which the curve stays at or above it, interpolated; never → null', () => {
    const curve = [
      { framesSeen: 0, value: 0.1 },
      { framesSeen: 100, value: 0.3 },
      { framesSeen: 200, value: 0.7 },
    ];
    expect(framesToTarget(curve, 0.5)).toBeCloseTo(150, 10);
    expect(framesToTarget(curve, 0.3)).toBe(100);
    expect(framesToTarget(curve, 0.05)).toBe(0);
    expect(framesToTarget(curve, 0.8)).toBeNull();
    expect(framesToTarget([], 0.1)).toBeNull();
    // An early bump that falls back does not count: the crossing is the last one from below.
    const bumpy = [
      { framesSeen: 0, value: 0.1 },
      { framesSeen: 100, value: 0.6 },
      { framesSeen: 200, value: 0.2 },
      { framesSeen: 300, value: 0.6 },
    ];
    expect(framesToTarget(bumpy, 0.4)).toBeCloseTo(250, 10);
    expect(framesToTarget(bumpy.slice(0, 3), 0.4)).toBeNull();
  });

  test('events fold into curves: frames curve at the standard label count, labels curve per step, final metric', () => {
    const record = newRunRecord({ a: '1' }, EXPERIMENT_DEFAULTS);
    const trainClips = EXPERIMENT_DEFAULTS.evaluation.probe.trainClips;
    const evaluation = (step: number, labelledClips: number, value: number) => ({ type: 'evaluation' as const, step, framesSeen: step * 10, learner: 'jepa' as const, labelledClips, metrics: { 'probe.r2': value } });
    recordEvent(record, evaluation(0, trainClips, 0.1));
    recordEvent(record, evaluation(0, 16, 0.0));
    recordEvent(record, evaluation(5, trainClips, 0.4));
    recordEvent(record, evaluation(5, 16, 0.2));
    recordEvent(record, { type: 'done', step: 5, runtimeMs: 12 });
    expect(framesCurve(record, 'jepa', 'probe.r2')).toEqual([
      { framesSeen: 0, step: 0, value: 0.1 },
      { framesSeen: 50, step: 5, value: 0.4 },
    ]);
    expect(labelsCurve(record, 'jepa', 'probe.r2', 5)).toEqual([
      { labelled: 16, value: 0.2 },
      { labelled: trainClips, value: 0.4 },
    ]);
    expect(finalMetric(record, 'jepa', 'probe.r2')).toBe(0.4);
    expect(finalMetric(record, 'pixel', 'probe.r2')).toBeNaN();
    expect(record.outcome).toBe('done');
    expect(record.runtimeMs).toBe(12);
    recordEvent(record, { type: 'diverged', step: 6, learner: 'pixel', message: 'boom' });
    expect(record).toMatchObject({ outcome: 'diverged', message: 'boom' });
  });
});
