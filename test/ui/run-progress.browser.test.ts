/** Browser layer: <run-progress> in real Chromium — the progress line, host attributes, bars, live summary. */
import { afterEach, describe, expect, test } from 'vitest';
import '../../src/ui/run-progress';
import type { RunProgress } from '../../src/ui/run-progress';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

async function mount(props: Partial<Pick<RunProgress, 'step' | 'steps' | 'stepsPerSecond' | 'phase' | 'fraction' | 'elapsedMs' | 'sweep' | 'state'>>) {
  const el = document.createElement('run-progress');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  const root = el.shadowRoot!;
  return {
    el,
    text: () => root.querySelector('.details')!.textContent!.replace(/\s+/g, ' ').trim(),
    summary: () => root.querySelector('.summary')!,
    bar: (id: string) => root.querySelector<HTMLProgressElement>(`progress#${id}`),
    evaluating: () => root.querySelector('.evaluating'),
    sweepLabel: () => root.querySelector('.sweep-label'),
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('<run-progress>', () => {
  test('renders step, rate and time left from fraction and elapsed time', async () => {
    // 120 of 2,000 steps, 6 % of the work in 10.2 s → 10.2 / 0.06 − 10.2 = 159.8 s ≈ 2 min 40 s.
    const { text } = await mount({ state: 'running', phase: 'training', step: 120, steps: 2000, stepsPerSecond: 12.34, fraction: 0.06, elapsedMs: 10_200 });
    expect(text()).toBe('step 120 / 2,000 · 12.3 steps/s · 2 min 40 s left');
  });

  test('before the rate and time left are known it shows dashes', async () => {
    const { text } = await mount({ state: 'ready', step: 0, steps: 500 });
    expect(text()).toBe('step 0 / 500 · — · — left');
  });

  test('host reflects data-state and data-step, and follows updates', async () => {
    const { el, text } = await mount({ state: 'running', step: 5, steps: 10 });
    expect(el.getAttribute('data-state')).toBe('running');
    expect(el.getAttribute('data-step')).toBe('5');
    el.state = 'paused';
    el.step = 6;
    await el.updateComplete;
    expect(el.getAttribute('data-state')).toBe('paused');
    expect(el.getAttribute('data-step')).toBe('6');
    expect(text()).toMatch(/^step 6 \/ 10 /);
  });

  test('a labelled progress bar of the whole run (max 1, value fraction, clamped)', async () => {
    const { el, bar } = await mount({ state: 'running', fraction: 0.25 });
    const run = bar('run')!;
    expect(run.max).toBe(1);
    expect(run.value).toBeCloseTo(0.25, 9);
    expect(run.getAttribute('aria-label')).toBe('run progress');
    expect(run.classList.contains('indeterminate')).toBe(false);
    el.fraction = 1.5;
    await el.updateComplete;
    expect(run.value).toBe(1);
  });

  test('while evaluating: the note, a striped bar and an "Evaluating" summary', async () => {
    const { el, bar, evaluating, summary } = await mount({ state: 'running', phase: 'training', fraction: 0.4 });
    expect(evaluating()).toBeNull();
    el.phase = 'evaluating';
    await el.updateComplete;
    expect(evaluating()!.textContent).toBe('evaluating the frozen encoders (probes, collapse, blur)…');
    expect(bar('run')!.classList.contains('indeterminate')).toBe(true);
    expect(summary().textContent).toBe('Evaluating');
    el.phase = 'training';
    await el.updateComplete;
    expect(evaluating()).toBeNull();
    expect(bar('run')!.classList.contains('indeterminate')).toBe(false);
  });

  test('a sweep adds a second bar: "run 3 of 20: <label>"', async () => {
    const { el, bar, sweepLabel } = await mount({ state: 'running', fraction: 0.5 });
    expect(bar('sweep')).toBeNull();
    el.sweep = { index: 2, count: 20, label: 'antiCollapse = none, seed 1' };
    await el.updateComplete;
    expect(sweepLabel()!.textContent).toBe('run 3 of 20: antiCollapse = none, seed 1');
    const sweep = bar('sweep')!;
    expect(sweep.max).toBe(20);
    expect(sweep.value).toBeCloseTo(2.5, 9);
    expect(sweep.getAttribute('aria-label')).toBe('sweep progress');
    el.sweep = null;
    await el.updateComplete;
    expect(bar('sweep')).toBeNull();
  });

  test('only the short summary is a polite live region, and it changes with the state, not each step', async () => {
    const { el, summary } = await mount({ state: 'running', phase: 'training', step: 1, steps: 100 });
    expect(el.getAttribute('aria-live')).toBeNull();
    expect(el.shadowRoot!.querySelectorAll('[aria-live]')).toHaveLength(1);
    expect(summary().getAttribute('role')).toBe('status');
    expect(summary().getAttribute('aria-live')).toBe('polite');
    expect(summary().textContent).toBe('Training');
    el.step = 2;
    await el.updateComplete;
    expect(summary().textContent).toBe('Training');
    el.state = 'done';
    await el.updateComplete;
    expect(summary().textContent).toBe('Done');
  });
});
