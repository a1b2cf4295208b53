import { describe, expect, test } from 'vitest';
import { Sheet } from '../../src/cli/sheet';

describe('Sheet', () => {
  test('draws grey levels scaled up, and clamps values outside [0, 1] (a slightly negative prediction is black, not white)', () => {
    const sheet = new Sheet(4, 2, [9, 9, 9]);
    sheet.frame(Float32Array.from([-0.01, 0.5, 1.2, 0.25]), 0, 1, 4, 0, 0, 1);
    expect([...sheet.rgb.subarray(0, 12)]).toEqual([0, 0, 0, 128, 128, 128, 255, 255, 255, 64, 64, 64]);
    expect([...sheet.rgb.subarray(12, 15)]).toEqual([9, 9, 9]);
  });
});
