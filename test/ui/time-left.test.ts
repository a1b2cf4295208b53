import { describe, expect, test } from 'vitest';
import { formatDuration, formatRate, timeLeftMs } from '../../src/ui/time-left';

describe('timeLeftMs', () => {
  test('extrapolates the average rate: elapsed / fraction − elapsed', () => {
    expect(timeLeftMs(0.5, 60_000)).toBe(60_000);
    expect(timeLeftMs(0.25, 30_000)).toBe(90_000);
    expect(timeLeftMs(0.02, 1_000)).toBeCloseTo(49_000, 6);
  });

  test('null until more than 1 % is done', () => {
    expect(timeLeftMs(0, 5_000)).toBeNull();
    expect(timeLeftMs(0.005, 5_000)).toBeNull();
    expect(timeLeftMs(0.01, 5_000)).toBeNull();
    expect(timeLeftMs(0.0101, 5_000)).not.toBeNull();
    expect(timeLeftMs(-0.5, 5_000)).toBeNull();
  });

  test('0 once the run is complete, whatever the elapsed time', () => {
    expect(timeLeftMs(1, 120_000)).toBe(0);
    expect(timeLeftMs(1.2, 120_000)).toBe(0);
    expect(timeLeftMs(1, Number.NaN)).toBe(0);
  });

  test('null for an elapsed time or fraction that is not a usable number', () => {
    expect(timeLeftMs(0.5, Number.NaN)).toBeNull();
    expect(timeLeftMs(0.5, Number.POSITIVE_INFINITY)).toBeNull();
    expect(timeLeftMs(0.5, -1)).toBeNull();
    expect(timeLeftMs(Number.NaN, 5_000)).toBeNull();
  });

  test('0 elapsed means no time left to extrapolate; large values stay exact', () => {
    expect(timeLeftMs(0.5, 0)).toBe(0);
    expect(timeLeftMs(0.1, 3_600_000 * 1_000)).toBeCloseTo(9 * 3_600_000 * 1_000, 0);
  });
});

describe('formatDuration', () => {
  test('seconds, minutes and seconds, hours and minutes', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(160_000)).toBe('2 min 40 s');
    expect(formatDuration(3_725_000)).toBe('1 h 02 min');
  });

  test('rounds to the second before choosing units', () => {
    expect(formatDuration(499)).toBe('0 s');
    expect(formatDuration(59_400)).toBe('59 s');
    expect(formatDuration(59_600)).toBe('1 min 00 s');
    expect(formatDuration(3_599_600)).toBe('1 h 00 min');
  });

  test('large values keep counting hours', () => {
    expect(formatDuration(100 * 3_600_000 + 5 * 60_000)).toBe('100 h 05 min');
  });

  test('"—" for null and values that are not finite; negative reads as 0 s', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('formatRate', () => {
  test('three significant digits', () => {
    expect(formatRate(0.42)).toBe('0.42 steps/s');
    expect(formatRate(0.4237)).toBe('0.424 steps/s');
    expect(formatRate(12.34)).toBe('12.3 steps/s');
    expect(formatRate(310.4)).toBe('310 steps/s');
    expect(formatRate(5)).toBe('5 steps/s');
    expect(formatRate(0)).toBe('0 steps/s');
  });

  test('large rates are grouped, not written in exponent form', () => {
    expect(formatRate(12_345)).toBe('12,300 steps/s');
  });

  test('"—" for null, negative and values that are not finite', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
    expect(formatRate(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatRate(-1)).toBe('—');
  });
});
