import { describe, expect, test } from 'vitest';
import { formatDuration, formatProgress, ProgressBar } from '../../src/cli/progress-bar';

function fakeStream(isTTY: boolean): { writes: string[]; write(text: string): void; isTTY: boolean } {
  const writes: string[] = [];
  return { writes, isTTY, write: (text) => writes.push(text) };
}

function fakeClock(): { now: () => number; advance(ms: number): void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('formatDuration', () => {
  test('seconds, minutes and seconds, hours and minutes', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(59_600)).toBe('1m 00s');
    expect(formatDuration(133_000)).toBe('2m 13s');
    expect(formatDuration(3_725_000)).toBe('1h 02m');
    expect(formatDuration(-5)).toBe('0s');
  });
});

describe('formatProgress', () => {
  test('bar, percentage, steps, elapsed and ETA from the average rate, then the label', () => {
    expect(formatProgress({ done: 450, total: 1000, elapsedMs: 133_000, label: 'loss 0.12' })).toBe(
      '[#########-----------]  45%  step 450/1000  2m 13s elapsed, ETA 2m 43s  loss 0.12',
    );
  });
  test('no ETA before any progress; full bar and zero ETA at the end; no trailing space without a label', () => {
    expect(formatProgress({ done: 0, total: 10, elapsedMs: 500 })).toBe('[--------------------]   0%  step 0/10  1s elapsed, ETA --');
    expect(formatProgress({ done: 10, total: 10, elapsedMs: 3_000 })).toBe('[####################] 100%  step 10/10  3s elapsed, ETA 0s');
  });
});

describe('ProgressBar', () => {
  test('on a terminal: redraws in place, clearing the line, at most every 100 ms', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = new ProgressBar(stream, 10, clock.now);
    clock.advance(1_000);
    bar.update(1);
    clock.advance(50);
    bar.update(2); // too soon: skipped
    clock.advance(100);
    bar.update(3, 'loss 1');
    expect(stream.writes).toEqual([
      '\r\x1b[2K[##------------------]  10%  step 1/10  1s elapsed, ETA 9s',
      '\r\x1b[2K[######--------------]  30%  step 3/10  1s elapsed, ETA 3s  loss 1',
    ]);
    bar.finish('done');
    bar.update(4);
    expect(stream.writes.slice(2)).toEqual(['\r\x1b[2K[######--------------]  30%  step 3/10  1s elapsed, ETA 3s  done\n']);
  });

  test('in a log: one line per 10 % of the run, or after 30 s without one', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const bar = new ProgressBar(stream, 100, clock.now);
    for (let step = 1; step <= 25; step++) {
      clock.advance(100);
      bar.update(step);
    }
    expect(stream.writes.map((line) => line.match(/step \d+/)![0])).toEqual(['step 10', 'step 20']);
    clock.advance(30_000);
    bar.update(26);
    expect(stream.writes).toHaveLength(3);
    expect(stream.writes[2]).toMatch(/step 26\/100  33s elapsed/);
    expect(stream.writes.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    bar.finish('stopped early');
    expect(stream.writes[3]).toMatch(/step 26\/100 .* stopped early\n$/);
  });

  test('refuses a total that is not a positive integer', () => {
    expect(() => new ProgressBar(fakeStream(false), 0)).toThrow(RangeError);
  });
});
