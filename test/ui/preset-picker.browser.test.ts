/** Browser layer: <preset-picker> in Chromium — buttons, aria-pressed, summary, events. */
import { afterEach, describe, expect, test } from 'vitest';
import { PRESET_NAMES, PRESETS } from '../../src/lab/presets';
import { fullPresetSize, type PresetDetail, type PresetPicker } from '../../src/ui/preset-picker';
import '../../src/ui/preset-picker';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

async function mount(): Promise<{ picker: PresetPicker; root: ShadowRoot; events: { type: string; detail: PresetDetail }[] }> {
  const picker = document.createElement('preset-picker');
  // Listened for on a wrapper, so events must bubble out of the picker; the wrapper goes after each test.
  const wrapper = document.createElement('div');
  const events: { type: string; detail: PresetDetail }[] = [];
  for (const type of ['preset-select', 'preset-sweep'] as const) wrapper.addEventListener(type, (e) => events.push({ type, detail: e.detail }));
  wrapper.append(picker);
  document.body.append(wrapper);
  await picker.updateComplete;
  return { picker, root: picker.shadowRoot!, events };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('<preset-picker>', () => {
  test('one button per preset, titled, none pressed and no sweep button until one is selected', async () => {
    const { root } = await mount();
    for (const name of PRESET_NAMES) {
      const button = root.getElementById(`preset-${name}`)!;
      expect(button.textContent!.trim()).toBe(PRESETS[name].title.replaceAll('`', '')); // markdown backticks are not shown on buttons
      expect(button.getAttribute('aria-pressed')).toBe('false');
    }
    expect(root.getElementById('run-preset-sweep')).toBeNull();
  });

  test('pressing a preset fires preset-select', async () => {
    const { root, events } = await mount();
    (root.getElementById('preset-collapse') as HTMLButtonElement).click();
    expect(events).toEqual([{ type: 'preset-select', detail: { name: 'collapse' } }]);
  });

  test('aria-pressed follows selected; the summary, targets and full size show; the sweep button fires preset-sweep', async () => {
    const { picker, root, events } = await mount();
    picker.selected = 'masking';
    await picker.updateComplete;
    expect(PRESET_NAMES.filter((n) => root.getElementById(`preset-${n}`)!.getAttribute('aria-pressed') === 'true')).toEqual(['masking']);
    const text = root.querySelector('.detail')!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain(PRESETS.masking.summary.replaceAll('`', '').slice(0, 60));
    expect(text).toContain(PRESETS.masking.targets.replaceAll('`', '').slice(0, 40));
    expect(text).toContain(fullPresetSize(PRESETS.masking));
    (root.getElementById('run-preset-sweep') as HTMLButtonElement).click();
    expect(events).toEqual([{ type: 'preset-sweep', detail: { name: 'masking' } }]);
    picker.selected = 'blurry-average';
    await picker.updateComplete;
    expect(root.getElementById('preset-masking')!.getAttribute('aria-pressed')).toBe('false');
    expect(root.getElementById('preset-blurry-average')!.getAttribute('aria-pressed')).toBe('true');
    expect(root.querySelector('.summary code')!.textContent).toBe('fork');
  });

  test('the full size counts configurations, seeds and steps', () => {
    expect(fullPresetSize(PRESETS['blurry-average'])).toBe('2 configurations × 3 seeds of 2000 steps');
    expect(fullPresetSize(PRESETS['sample-efficiency'])).toMatch(/^1 configuration × 3 seeds of \d+ steps$/);
    expect(fullPresetSize(PRESETS['blurry-average'], 40)).toBe("2 configurations × 3 seeds of 40 steps (from your settings; the preset's default is 2000)");
  });

  test('disabled disables every button', async () => {
    const { picker, root } = await mount();
    picker.selected = 'collapse';
    picker.disabled = true;
    await picker.updateComplete;
    const buttons = [...root.querySelectorAll('button')];
    expect(buttons).toHaveLength(PRESET_NAMES.length + 1);
    expect(buttons.every((b) => b.disabled)).toBe(true);
  });
});
