/**
 * Progress of a long command-line run on stderr: a bar with percentage, step count, elapsed time and an
 * ETA from the average rate so far. On a terminal the line is redrawn in place; in a log file (no TTY) a
 * new line is written at most every 10 % of the run or every 30 s.
 */

const BAR_WIDTH = 20;
const TTY_REDRAW_MS = 100;
const LOG_EVERY_MS = 30_000;
const LOG_EVERY_FRACTION = 0.1;

/** Where progress goes: process.stderr, or a fake in tests. */
export interface ProgressStream {
  write(text: string): void;
  isTTY?: boolean;
}

export interface ProgressState {
  done: number;
  total: number;
  elapsedMs: number;
  /** Free text after the timing, e.g. the current loss; may be empty. */
  label?: string;
}

/** "45s", "2m 13s", "1h 02m" (rounded to the second, then truncated to the two largest units). */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** One progress line: `[#########-----------]  45%  step 450/1000  2m 13s elapsed, ETA 2m 43s  label`. */
export function formatProgress({ done, total, elapsedMs, label = '' }: ProgressState): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.floor(fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const eta = done > 0 ? formatDuration((elapsedMs / done) * Math.max(0, total - done)) : '--';
  const line = `${bar} ${percent}  step ${done}/${total}  ${formatDuration(elapsedMs)} elapsed, ETA ${eta}`;
  return label ? `${line}  ${label}` : line;
}

/** A progress line for a run of `total` steps, timed from construction by `now` (milliseconds). */
export class ProgressBar {
  private readonly startMs: number;
  private done = 0;
  private label = '';
  private lastWriteMs = -Infinity;
  private lastLoggedTenth = 0;
  private finished = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(total) || total < 1) throw new RangeError(`ProgressBar: total ${total} must be a positive integer`);
    this.startMs = now();
    if (!stream.isTTY) this.lastWriteMs = this.startMs;
  }

  /** Records that `done` steps are complete; writes only when the terminal or log throttling allows. */
  update(done: number, label = ''): void {
    if (this.finished) return;
    this.done = done;
    this.label = label;
    const nowMs = this.now();
    if (this.stream.isTTY) {
      if (nowMs - this.lastWriteMs < TTY_REDRAW_MS && done < this.total) return;
      this.stream.write(`\r\x1b[2K${this.line(nowMs)}`);
    } else {
      const tenth = Math.floor(Math.min(1, done / this.total) / LOG_EVERY_FRACTION);
      if (tenth <= this.lastLoggedTenth && nowMs - this.lastWriteMs < LOG_EVERY_MS) return;
      this.lastLoggedTenth = Math.max(this.lastLoggedTenth, tenth);
      this.stream.write(`${this.line(nowMs)}\n`);
    }
    this.lastWriteMs = nowMs;
  }

  /** Ends the progress display with a last line that carries `message` as its label; later updates are ignored. */
  finish(message: string): void {
    if (this.finished) return;
    this.finished = true;
    this.label = message;
    this.stream.write(`${this.stream.isTTY ? '\r\x1b[2K' : ''}${this.line(this.now())}\n`);
  }

  private line(nowMs: number): string {
    return formatProgress({ done: this.done, total: this.total, elapsedMs: nowMs - this.startMs, label: this.label });
  }
}
