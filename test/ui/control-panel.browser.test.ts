/** Browser layer: <control-panel> in Chromium — labels, validation, events, the restart note. */
import { afterEach, describe, expect, test } from 'vitest';
import { EXPERIMENT_DEFAULTS, type ExperimentConfig } from '../../src/lab/experiment-config';
import { CONFIG_CONTROLS, sceneParamControls } from '../../src/ui/config-controls';
import { controlId, type ConfigChangeDetail, type ControlPanel } from '../../src/ui/control-panel';
import '../../src/ui/control-panel';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

async function mount(setup: (panel: ControlPanel) => void = () => {}): Promise<{ panel: ControlPanel; root: ShadowRoot; events: ConfigChangeDetail[] }> {
  const panel = document.createElement('control-panel');
  setup(panel);
  // Listened for on a wrapper, so the event must bubble out of the panel; the wrapper goes after each test.
  const wrapper = document.createElement('div');
  const events: ConfigChangeDetail[] = [];
  wrapper.addEventListener('config-change', (e) => events.push(e.detail));
  wrapper.append(panel);
  document.body.append(wrapper);
  await panel.updateComplete;
  return { panel, root: panel.shadowRoot!, events };
}

function input<T extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(root: ShadowRoot, id: string): T {
  const element = root.getElementById(id);
  if (!element) throw new Error(`no #${id}`);
  return element as T;
}

async function enter(panel: ControlPanel, id: string, value: string, type: 'input' | 'change' = 'change'): Promise<void> {
  const element = input(panel.shadowRoot!, id);
  element.value = value;
  element.dispatchEvent(new Event(type, { bubbles: true }));
  await panel.updateComplete;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('<control-panel>', () => {
  test('every input and select has an id and an associated label, grouped in legended fieldsets', async () => {
    const { root } = await mount();
    const fields = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')];
    for (const c of CONFIG_CONTROLS) expect(root.getElementById(controlId(c.path)), c.path).not.toBeNull();
    expect(root.getElementById('ctl-scene-param-radius')).not.toBeNull();
    expect(fields.length).toBe(CONFIG_CONTROLS.length + sceneParamControls('bouncing', {}).length);
    for (const field of fields) {
      expect(field.id).toMatch(/^ctl-/);
      expect(field.labels?.length, field.id).toBe(1);
      expect(field.labels![0]!.textContent!.trim().length, field.id).toBeGreaterThan(0);
      expect(field.title.length, field.id).toBeGreaterThan(0);
      const help = root.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!);
      expect(help?.textContent, field.id).toBe(field.title);
    }
    const legends = [...root.querySelectorAll('fieldset > legend')].map((l) => l.textContent);
    expect(legends).toEqual(['Scene', 'Masking', 'Anti-collapse', 'Model', 'Training', 'Runtime']);
  });

  test('selects list the allowed options with the config value selected; the slider shows its value', async () => {
    const { root } = await mount();
    const backend = input<HTMLSelectElement>(root, 'ctl-backend');
    expect([...backend.options].map((o) => o.value)).toEqual(['auto', 'webgpu', 'webgl', 'wasm', 'cpu']);
    expect(backend.value).toBe('auto');
    expect(input<HTMLSelectElement>(root, 'ctl-scene-name').value).toBe('bouncing');
    const ratio = input(root, 'ctl-mask-ratio');
    expect(ratio).toMatchObject({ type: 'range', min: '0', max: '0.95', step: '0.01', value: '0.56' });
    expect(root.querySelector('output[for="ctl-mask-ratio"]')!.textContent).toBe('0.56');
  });

  test('dragging the mask ratio slider fires config-change on input with the new ratio', async () => {
    const { panel, root, events } = await mount();
    await enter(panel, 'ctl-mask-ratio', '0.7', 'input');
    expect(events).toHaveLength(1);
    expect(events[0]!.path).toBe('mask.ratio');
    expect(events[0]!.config.mask.ratio).toBe(0.7);
    expect(panel.config.mask.ratio).toBe(0.7);
    expect(root.querySelector('output[for="ctl-mask-ratio"]')!.textContent).toBe('0.70');
  });

  test('an out-of-range batch shows an alert naming batch and its range, and fires nothing', async () => {
    const { panel, root, events } = await mount();
    await enter(panel, 'ctl-batch', '0');
    expect(events).toEqual([]);
    expect(panel.config.batch).toBe(32);
    const alert = root.querySelector('[role="alert"]')!;
    expect(alert.id).toBe('ctl-batch-error');
    expect(alert.textContent).toBe('batch: 0 is out of range; allowed integers from 2 to 1024');
    const batch = input(root, 'ctl-batch');
    expect(batch.getAttribute('aria-invalid')).toBe('true');
    expect(batch.getAttribute('aria-describedby')).toContain('ctl-batch-error');
    expect(batch.value).toBe('32');
    await enter(panel, 'ctl-batch', '');
    expect(events).toEqual([]);
    expect(root.querySelector('[role="alert"]')!.textContent).toMatch(/^batch: NaN is out of range/);
    await enter(panel, 'ctl-batch', '16');
    expect(events.map((e) => e.config.batch)).toEqual([16]);
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  test('the restart note lists the fields that need a Reset; live fields apply immediately', async () => {
    const { panel, root } = await mount((p) => {
      p.applied = structuredClone(EXPERIMENT_DEFAULTS);
    });
    const note = root.getElementById('restart-note')!;
    expect(note.getAttribute('role')).toBe('status');
    expect(note.textContent).toBe('');
    await enter(panel, 'ctl-readEvery', '50');
    expect(note.textContent).toContain('applies immediately');
    await enter(panel, 'ctl-seed', '7');
    await enter(panel, 'ctl-mask-ratio', '0.7', 'input');
    expect(note.textContent).toBe('Changed since this run started: seed, mask.ratio — press Reset to start a run with them.');
    panel.applied = panel.config;
    await panel.updateComplete;
    expect(note.textContent).toBe('');
  });

  test('changing the scene resets its parameters and shows the new scene’s inputs', async () => {
    const applied: ExperimentConfig = { ...structuredClone(EXPERIMENT_DEFAULTS), scene: { name: 'bouncing', params: { radius: 2 } } };
    const { panel, root, events } = await mount((p) => {
      p.config = structuredClone(applied);
    });
    expect(input(root, 'ctl-scene-param-radius').value).toBe('2');
    expect(root.getElementById('ctl-scene-param-branches')).toBeNull();
    await enter(panel, 'ctl-scene-name', 'fork');
    expect(events.at(-1)!.config.scene).toEqual({ name: 'fork', params: {} });
    expect(input(root, 'ctl-scene-param-branches').value).toBe('2');
    expect(input(root, 'ctl-scene-param-forkFrame')).toMatchObject({ min: '1', max: '7', value: '4' });
    expect(root.getElementById('ctl-scene-param-balls')).toBeNull();
    expect(root.getElementById('ctl-scene-param-probabilities')).toBeNull();
    await enter(panel, 'ctl-scene-param-frames', '12');
    expect(events.at(-1)!).toMatchObject({ path: 'scene.params.frames', config: { scene: { name: 'fork', params: { frames: 12 } } } });
    expect(input(root, 'ctl-scene-param-forkFrame')).toMatchObject({ max: '11', value: '6' });
  });

  test('a scene parameter out of its computed range is rejected with the scene’s message', async () => {
    const { panel, root, events } = await mount();
    await enter(panel, 'ctl-scene-param-radius', '9');
    expect(events).toEqual([]);
    expect(root.getElementById('ctl-scene-param-radius-error')!.textContent).toMatch(/^scene\.params\.radius: .*allowed: a number from 1 to 8/);
  });

  test('a new mask strategy moves the ratio to that strategy’s default', async () => {
    const { panel, events } = await mount();
    await enter(panel, 'ctl-mask-strategy', 'vjepa-tubes');
    expect(events.at(-1)!.config.mask).toEqual({ strategy: 'vjepa-tubes', ratio: 0.9 });
  });

  test('fieldsets sit side by side when wide and in one column below 600 px', async () => {
    const { panel, root } = await mount();
    const columns = async (width: string) => {
      panel.style.width = width;
      await new Promise(requestAnimationFrame);
      return new Set([...root.querySelectorAll('fieldset')].map((f) => Math.round(f.getBoundingClientRect().left))).size;
    };
    expect(await columns('1200px')).toBeGreaterThan(1);
    expect(await columns('640px')).toBe(2);
    expect(await columns('595px')).toBe(1);
  });

  test('disabled disables every input', async () => {
    const { panel, root } = await mount((p) => {
      p.disabled = true;
    });
    const fields = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')];
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((f) => f.disabled)).toBe(true);
    panel.disabled = false;
    await panel.updateComplete;
    expect(fields.some((f) => f.disabled)).toBe(false);
  });
});
