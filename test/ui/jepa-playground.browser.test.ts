/**
 * Browser layer: <jepa-playground> in Chromium, end to end with its real training worker (tfjs on
 * wasm, tiny runs) — what it renders, the settings it reads from its query, the events it handles
 * (settings, presets, run commands, the play/pause shortcut) and the errors it shows.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ExperimentConfig } from '../../src/lab/experiment-config';
import { PRESETS } from '../../src/lab/presets';
import type { BackendBadge } from '../../src/ui/backend-badge';
import type { ControlPanel } from '../../src/ui/control-panel';
import type { ErrorPanel } from '../../src/ui/error-panel';
import '../../src/ui/jepa-playground';
import type { JepaPlayground } from '../../src/ui/jepa-playground';
import type { LearnerCard } from '../../src/ui/learner-card';
import { LIVE_CHARTS } from '../../src/ui/live-charts';
import type { MaskPreview } from '../../src/ui/mask-preview';
import { PAGE_DEFAULTS } from '../../src/ui/page-config';
import type { PresetPicker } from '../../src/ui/preset-picker';
import type { RunControls } from '../../src/ui/run-controls';
import type { RunFiles } from '../../src/ui/run-files';
import type { RunProgress } from '../../src/ui/run-progress';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

/** A tiny run on wasm: three steps of batch 4, one cheap evaluation, a loss readout every step. */
const TINY = 'backend=wasm&steps=3&batch=4&evaluation.probes=false&evaluation.heldOutClips=4&evaluation.points=1&readEvery=1';
/** The worker starts tfjs and trains: generous, but a hung worker still fails. */
const WORKER = { timeout: 60_000, interval: 25 };

let startUrl = '';

beforeEach(() => {
  startUrl = location.href;
});

afterEach(() => {
  // Removing the element disconnects it, which terminates its worker.
  document.body.replaceChildren();
  history.replaceState(null, '', startUrl);
});

async function mount(query: string): Promise<JepaPlayground> {
  const el = document.createElement('jepa-playground');
  el.initialQuery = query;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function part<K extends keyof HTMLElementTagNameMap>(el: JepaPlayground, selector: K): HTMLElementTagNameMap[K];
function part<T extends Element>(el: JepaPlayground, selector: string): T;
function part(el: JepaPlayground, selector: string): Element {
  const found = el.shadowRoot!.querySelector(selector);
  if (!found) throw new Error(`no ${selector} in <jepa-playground>`);
  return found;
}

const progress = (el: JepaPlayground) => part<RunProgress>(el, '#progress');

/** Waits until the worker has prepared the run (the progress bar says 'ready'). */
async function ready(el: JepaPlayground): Promise<void> {
  await expect.poll(() => progress(el).dataset.state, WORKER).toBe('ready');
}

function fire<T>(target: Element, type: string, detail: T): void {
  target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}

function press(target: EventTarget, key: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));
}

describe('<jepa-playground>', () => {
  test('renders the header, the controls, the two learner cards, the progress bar and the charts', async () => {
    const el = await mount(`?${TINY}`);
    const root = el.shadowRoot!;
    expect(part(el, 'h1').textContent).toBe('JEPA Playground');
    expect(part(el, 'header backend-badge')).toBeInstanceOf(HTMLElement);
    expect(customElements.get('backend-badge')).toBeDefined();
    const cards = [...root.querySelectorAll<LearnerCard>('learner-card')];
    expect(cards.map((c) => c.id)).toEqual(['card-pixel', 'card-jepa']);
    expect(cards.map((c) => c.kind)).toEqual(['pixel', 'jepa']);
    // Both learners train by default: neither card carries the "not trained" note.
    expect(cards.map((c) => c.message)).toEqual([null, null]);
    for (const tag of ['control-panel', 'mask-preview', 'run-controls', 'run-files', 'preset-picker', 'ghost-panel'] as const) {
      expect(root.querySelectorAll(tag), tag).toHaveLength(1);
    }
    expect(root.querySelectorAll('error-panel')).toHaveLength(2);
    expect(progress(el).tagName).toBe('RUN-PROGRESS');
    expect(progress(el).steps).toBe(3);
    const charts = [...root.querySelectorAll('metric-chart')].map((c) => c.id);
    expect(charts).toEqual(expect.arrayContaining([...LIVE_CHARTS.map((c) => `chart-${c.id}`), 'chart-masking-sweep']));
    expect(part(el, '#chart-loss').tagName).toBe('METRIC-CHART');
    expect(part(el, '#probe-table').tagName).toBe('PROBE-TABLE');
    // Nothing is trained yet: no interruption panel, and nothing to export.
    expect(root.querySelector('interruption-panel')).toBeNull();
    expect(part<RunFiles>(el, 'run-files').disabled).toBe(true);
    // The mask preview gets a real validation clip of the edited scene.
    await expect.poll(() => part<MaskPreview>(el, 'mask-preview').clip, WORKER).toBeInstanceOf(Float32Array);
    const preview = part<MaskPreview>(el, 'mask-preview');
    expect(preview.clip!.length).toBe(preview.shape!.T * preview.shape!.H * preview.shape!.W);
    expect(preview.tubelet).toEqual(el.edited.tubelet);
    // The worker prepares the run: the controls and the progress bar follow its state.
    await ready(el);
    await expect.poll(() => part<RunControls>(el, 'run-controls').state, WORKER).toBe('ready');
    expect(progress(el).dataset.step).toBe('0');
  });

  test('initialQuery is read when connected: the settings go into edited and the control panel', async () => {
    const el = await mount(`?${TINY}&seed=5&mask.ratio=0.7`);
    expect(el.edited.seed).toBe(5);
    expect(el.edited.mask.ratio).toBe(0.7);
    expect(el.edited.backend).toBe('wasm');
    expect(el.edited.steps).toBe(3);
    expect(el.edited.batch).toBe(4);
    expect(el.edited.evaluation.probes).toBe(false);
    // What the query does not name keeps the page's defaults.
    expect(el.edited.scene).toEqual(PAGE_DEFAULTS.scene);
    expect(el.edited.evaluation.blur).toBe(true);
    const panel = part<ControlPanel>(el, 'control-panel');
    expect(panel.config).toBe(el.edited);
    expect(part<ErrorPanel>(el, '#link-errors').messages).toEqual([]);
    expect(part<PresetPicker>(el, 'preset-picker').selected).toBeNull();

    // Read once, when connected: a later change of the property does nothing.
    el.initialQuery = '?seed=99';
    await el.updateComplete;
    expect(el.edited.seed).toBe(5);
  });

  test('a malformed query fills the link errors panel with messages naming the fields; the rest applies', async () => {
    const el = await mount(`?${TINY}&seed=abc&mask.ratio=7&bogus=1&preset=nope&evaluation.points=2`);
    const panel = part<ErrorPanel>(el, '#link-errors');
    const messages = panel.messages;
    expect(messages).toHaveLength(4);
    for (const m of messages) expect(m).toMatch(/^Link: /);
    expect(messages.find((m) => m.includes("'nope'"))).toMatch(/^Link: preset: 'nope' is not a preset; allowed: .*collapse/);
    expect(messages.find((m) => m.includes("'abc'"))).toMatch(/^Link: seed: 'abc' is not a number \(from the link's 'seed'; kept the default\)$/);
    expect(messages.find((m) => m.startsWith('Link: mask.ratio'))).toContain("from the link's 'mask.ratio'");
    expect(messages.find((m) => m.includes("'bogus'"))).toMatch(/^Link: 'bogus' is not a setting of this playground; ignored/);
    // Each bad field kept its default; the good ones (and the last of a repeated key) applied.
    expect(el.edited.seed).toBe(PAGE_DEFAULTS.seed);
    expect(el.edited.mask.ratio).toBe(PAGE_DEFAULTS.mask.ratio);
    expect(el.edited.evaluation.points).toBe(2);
    expect(el.edited.backend).toBe('wasm');
    expect(part<PresetPicker>(el, 'preset-picker').selected).toBeNull();
    // Shown in its shadow DOM, as an alert; Dismiss clears it.
    await panel.updateComplete;
    const items = [...panel.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(messages);
    expect(panel.shadowRoot!.querySelector('[role="alert"]')).not.toBeNull();
    panel.shadowRoot!.querySelector('button')!.click();
    await el.updateComplete;
    expect(part<ErrorPanel>(el, '#link-errors').messages).toEqual([]);
    // The run errors panel is a different one and stays empty.
    expect(part<ErrorPanel>(el, '#errors').messages).toEqual([]);
  });

  test('the backend badge gets the selection the worker made', async () => {
    const el = await mount(`?${TINY}`);
    const badge = part<BackendBadge>(el, 'backend-badge');
    expect(badge.selection).toBeNull();
    await expect.poll(() => part<BackendBadge>(el, 'backend-badge').selection?.backend, WORKER).toBe('wasm');
    const selection = part<BackendBadge>(el, 'backend-badge').selection!;
    expect(selection.requested).toBe('wasm');
    expect(selection.fellBack).toBe(false);
    await badge.updateComplete;
    expect(badge.shadowRoot!.querySelector('[data-backend]')?.getAttribute('data-backend')).toBe('wasm');
  });

  test('a config-change from the control panel updates edited and the URL, and restarts a run that has not trained', async () => {
    const el = await mount(`?${TINY}`);
    await ready(el);
    const panel = part<ControlPanel>(el, 'control-panel');
    const config: ExperimentConfig = { ...structuredClone(el.edited), seed: 9, mask: { ...el.edited.mask, ratio: 0.6 } };
    fire(panel, 'config-change', { config, path: 'mask.ratio' });
    expect(el.edited).toBe(config);
    const params = new URLSearchParams(location.search);
    expect(params.get('seed')).toBe('9');
    expect(params.get('mask.ratio')).toBe('0.6');
    expect(params.get('backend')).toBe('wasm');
    expect(params.get('steps')).toBe('3');
    expect(params.has('preset')).toBe(false);
    await el.updateComplete;
    expect(panel.config).toBe(config);
    // Nothing was trained, so the run restarts at once with the new settings (the panel's "applied").
    await expect.poll(() => panel.applied?.seed, WORKER).toBe(9);
    expect(panel.applied!.mask.ratio).toBe(0.6);
    await ready(el);
  });

  test('preset-select sets edited to the preset base (keeping the backend) and names it in the URL', async () => {
    const el = await mount(`?${TINY}`);
    await ready(el);
    const picker = part<PresetPicker>(el, 'preset-picker');
    fire(picker, 'preset-select', { name: 'collapse' });
    expect(el.edited).toEqual({ ...PRESETS.collapse.base, backend: 'wasm' });
    expect(el.edited).not.toBe(PRESETS.collapse.base);
    expect(location.search.startsWith('?preset=collapse&')).toBe(true);
    const params = new URLSearchParams(location.search);
    expect(params.get('preset')).toBe('collapse');
    expect(params.get('backend')).toBe('wasm');
    expect(params.get('learners')).toBe('jepa');
    // The tiny run's settings are gone: the preset's own apply.
    expect(params.has('readEvery')).toBe(false);
    await el.updateComplete;
    expect(part<PresetPicker>(el, 'preset-picker').selected).toBe('collapse');
    // Nothing was trained, so the preset's run starts at once: the pixel learner is not in it.
    await expect.poll(() => part<ControlPanel>(el, 'control-panel').applied?.learners, WORKER).toEqual(['jepa']);
    await expect.poll(() => part<LearnerCard>(el, '#card-pixel').message, WORKER).toMatch(/not trained in this run/);
    expect(part<LearnerCard>(el, '#card-jepa').message).toBeNull();
    expect(progress(el).steps).toBe(PRESETS.collapse.base.steps);
  });

  test("a run-command 'step' trains exactly one step, reads its loss out and pauses", async () => {
    const el = await mount(`?${TINY}`);
    await ready(el);
    fire(part(el, 'run-controls'), 'run-command', { command: 'step' });
    await expect.poll(() => progress(el).dataset.step, WORKER).toBe('1');
    await expect.poll(() => progress(el).dataset.state, WORKER).toBe('paused');
    expect(progress(el).dataset.step).toBe('1');
    expect(part<RunControls>(el, 'run-controls').state).toBe('paused');
    // The loss readout of step 1 reaches both learner cards, and there is now something to export.
    for (const id of ['#card-pixel', '#card-jepa']) {
      const card = part<LearnerCard>(el, id);
      expect(card.lossStep, id).toBe(1);
      expect(Number.isFinite(card.loss), id).toBe(true);
      expect(card.parameterCount, id).toBeGreaterThan(0);
    }
    expect(part<RunFiles>(el, 'run-files').disabled).toBe(false);
    expect(part<ErrorPanel>(el, '#errors').messages).toEqual([]);

    // A settings change while paused does not throw the trained step away: it waits for Reset.
    const panel = part<ControlPanel>(el, 'control-panel');
    fire(panel, 'config-change', { config: { ...structuredClone(el.edited), seed: 11 }, path: 'seed' });
    expect(el.edited.seed).toBe(11);
    await el.updateComplete;
    expect(panel.applied!.seed).toBe(PAGE_DEFAULTS.seed);
    expect(progress(el).dataset.step).toBe('1');
    // ... except readEvery, which applies to the paused run at once.
    fire(panel, 'config-change', { config: { ...structuredClone(el.edited), readEvery: 2 }, path: 'readEvery' });
    await el.updateComplete;
    expect(panel.applied!.readEvery).toBe(2);
    expect(panel.applied!.seed).toBe(PAGE_DEFAULTS.seed);
    expect(progress(el).dataset.step).toBe('1');
    // Reset starts a fresh run with the edited settings.
    fire(part(el, 'run-controls'), 'run-command', { command: 'reset' });
    await el.updateComplete;
    expect(panel.applied!.seed).toBe(11);
    await ready(el);
    expect(progress(el).dataset.step).toBe('0');
  });

  test('reportError shows the message in the errors panel until dismissed', async () => {
    const el = await mount(`?${TINY}`);
    el.reportError('x');
    await el.updateComplete;
    const panel = part<ErrorPanel>(el, '#errors');
    expect(panel.messages).toEqual(['x']);
    el.reportError('second');
    await el.updateComplete;
    expect(panel.messages).toEqual(['x', 'second']);
    await panel.updateComplete;
    expect([...panel.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['x', 'second']);
    // Not in the link errors panel.
    expect(part<ErrorPanel>(el, '#link-errors').messages).toEqual([]);
    panel.shadowRoot!.querySelector('button')!.click();
    await el.updateComplete;
    expect(part<ErrorPanel>(el, '#errors').messages).toEqual([]);
  });

  test("'k' on the window toggles play and pause; modified keys and other keys do nothing", async () => {
    // Long enough that it is still running when paused.
    const el = await mount('?backend=wasm&steps=5000&batch=4&evaluation.probes=false&evaluation.heldOutClips=4&evaluation.points=1&readEvery=1');
    await ready(el);
    press(window, 'k', { ctrlKey: true });
    press(window, 'k', { metaKey: true });
    press(window, 'k', { altKey: true });
    press(window, 'j');
    // Had any of them played, the worker would ignore this step and keep running.
    fire(part(el, 'run-controls'), 'run-command', { command: 'step' });
    await expect.poll(() => progress(el).dataset.state === 'paused' && progress(el).dataset.step, WORKER).toBe('1');

    press(window, 'k');
    await expect.poll(() => progress(el).dataset.state, WORKER).toBe('running');
    await expect.poll(() => Number(progress(el).dataset.step), WORKER).toBeGreaterThan(1);
    press(window, 'k');
    await expect.poll(() => progress(el).dataset.state, WORKER).toBe('paused');
    const pausedAt = Number(progress(el).dataset.step);
    expect(pausedAt).toBeGreaterThan(1);
    expect(pausedAt).toBeLessThan(5000);
    press(window, 'k');
    await expect.poll(() => progress(el).dataset.state, WORKER).toBe('running');
    press(window, 'k');
    await expect.poll(() => progress(el).dataset.state, WORKER).toBe('paused');
  });

  test("'k' typed in an input is ignored", async () => {
    const el = await mount(`?${TINY}`);
    await ready(el);
    const panel = part<ControlPanel>(el, 'control-panel');
    await panel.updateComplete;
    const input = panel.shadowRoot!.querySelector('input')!;
    expect(input).not.toBeNull();
    input.focus();
    press(input, 'k');
    const select = panel.shadowRoot!.querySelector('select');
    if (select) press(select, 'k');
    // Had 'k' played, this step would be ignored (the worker is running) and the run would not pause at step 1.
    fire(part(el, 'run-controls'), 'run-command', { command: 'step' });
    await expect.poll(() => progress(el).dataset.state === 'paused' && progress(el).dataset.step, WORKER).toBe('1');
    await expect.poll(() => progress(el).dataset.state, WORKER).toBe('paused');
    // The same key outside an input plays (the 3-step run then finishes).
    press(window, 'k');
    await expect.poll(() => progress(el).dataset.state, WORKER).toBe('done');
    expect(progress(el).dataset.step).toBe('3');
  });

  test('removing the element stops listening for the shortcut and terminates the worker', async () => {
    const added = vi.spyOn(window, 'addEventListener');
    const el = await mount(`?${TINY}`);
    const onKey = added.mock.calls.find(([type]) => type === 'keydown')?.[1];
    added.mockRestore();
    expect(onKey).toBeTypeOf('function');
    await ready(el);
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const removed = vi.spyOn(window, 'removeEventListener');
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    try {
      el.remove();
      expect(terminate).toHaveBeenCalledTimes(1);
      expect(removed).toHaveBeenCalledWith('keydown', onKey);
      press(window, 'k');
      fire(part(el, 'run-controls'), 'run-command', { command: 'step' });
      expect(posted).not.toHaveBeenCalled();
      // No worker news re-renders it.
      const frame = el.frame;
      await new Promise((r) => setTimeout(r, 300));
      expect(el.frame).toBe(frame);
      expect(progress(el).dataset.state).toBe('ready');
    } finally {
      terminate.mockRestore();
      removed.mockRestore();
      posted.mockRestore();
    }
  });
});
