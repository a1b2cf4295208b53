import { describe, expect, test } from 'vitest';
import { tokenGrid } from '../../models/tubelets';
import { overlapReport } from '../../src/cli/mask-overlap-report';

describe('overlapReport', () => {
  test('per grid: a heading naming grid and tubelet, one row per strategy and ratio, multi-block’s default ratio there', () => {
    const grid = tokenGrid({ T: 4, H: 16, W: 16 }); // 2 × 2 × 2 tokens
    const text = overlapReport([grid], ['random-patches', 'random-tubes'], [0.5]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('### 2 × 2 × 2 tokens (4 × 16 × 16 clip, tubelet 2 × 8 × 8)');
    expect(lines[2]).toMatch(/^\| strategy +\| ratio +\| hidden ratio +\| IoU with random patches +\| chance IoU +\|/);
    const tubes = lines.find((l) => l.startsWith('| random-tubes'))!.split('|').map((c) => c.trim());
    // 2 of 4 positions through both steps: 4 of 8 tokens; never visible in the other step.
    expect(tubes.slice(1, 4)).toEqual(['random-tubes', '0.5', '0.500']);
    expect(tubes[7]).toBe('0.00');
    expect(lines.filter((l) => /^\| random-/.test(l))).toHaveLength(2);
    expect(text).toContain("multi-block's default ratio on this grid (mean union of I-JEPA's 4 target blocks): 0.68");
  });
});
