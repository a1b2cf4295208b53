/** Browser layer: <interruption-panel> says the GPU device was lost and offers to continue on another backend. */
import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { BACKEND_ORDER, type BackendName } from '../../models/backend';
import '../../src/ui/interruption-panel';
import type { InterruptionPanel } from '../../src/ui/interruption-panel';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

async function mount(props: Partial<InterruptionPanel>): Promise<InterruptionPanel> {
  const el = document.createElement('interruption-panel');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const alertText = (el: InterruptionPanel) => el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim();
const buttons = (el: InterruptionPanel) => [...el.shadowRoot!.querySelectorAll('button')];

const listeners: AbortController[] = [];

afterEach(() => {
  document.body.replaceChildren();
  for (const c of listeners.splice(0)) c.abort();
});

function collectOnce(): BackendName[] {
  const picked: BackendName[] = [];
  const controller = new AbortController();
  listeners.push(controller);
  document.addEventListener('continue-on', (e) => picked.push((e as CustomEvent<{ backend: BackendName }>).detail.backend), { signal: controller.signal });
  return picked;
}
describe('<interruption-panel>', () => {
  test('an alert with the message and the checkpoint step', async () => {
    const el = await mount({ message: 'The GPU device was lost (driver reset).', checkpointStep: 120, lostBackend: 'webgpu' });
    const alert = el.shadowRoot!.querySelectorAll('[role="alert"]');
    expect(alert).toHaveLength(1);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toBe('The run is paused');
    expect(alertText(el)).toContain('The GPU device was lost (driver reset). The last checkpoint is at step 120; the run continues from there.');
    expect(alertText(el)).not.toContain('No checkpoint');
  });

  test('no checkpoint yet says the run starts again from step 0', async () => {
    const el = await mount({ message: 'Device lost.', checkpointStep: null, lostBackend: 'webgpu' });
    expect(alertText(el)).toContain('Device lost. No checkpoint was taken yet: the run starts again from step 0.');
    expect(alertText(el)).not.toContain('The last checkpoint');
    el.checkpointStep = 0;
    await el.updateComplete;
    expect(alertText(el)).toContain('The last checkpoint is at step 0;');
  });

  test('one button per backend except the lost one, in backend order', async () => {
    const el = await mount({ message: 'lost', checkpointStep: 10, lostBackend: 'webgpu' });
    expect(buttons(el).map((b) => b.id)).toEqual(BACKEND_ORDER.filter((b) => b !== 'webgpu').map((b) => `continue-${b}`));
    expect(buttons(el).map((b) => b.textContent!.trim())).toEqual(['Continue on webgl', 'Continue on wasm', 'Continue on cpu']);
    el.lostBackend = 'wasm';
    await el.updateComplete;
    expect(buttons(el).map((b) => b.id)).toEqual(['continue-webgpu', 'continue-webgl', 'continue-cpu']);
    el.lostBackend = null;
    await el.updateComplete;
    expect(buttons(el).map((b) => b.id)).toEqual(BACKEND_ORDER.map((b) => `continue-${b}`));
  });

  test('clicking a button fires continue-on with that backend (bubbling out of the shadow root)', async () => {
    const el = await mount({ message: 'lost', checkpointStep: 10, lostBackend: 'webgpu' });
    const picked = collectOnce();
    el.shadowRoot!.querySelector<HTMLButtonElement>('#continue-wasm')!.click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('#continue-cpu')!.click();
    expect(picked).toEqual(['wasm', 'cpu']);
  });

  test('the buttons are reachable with Tab and pressed with Enter', async () => {
    const el = await mount({ message: 'lost', checkpointStep: 10, lostBackend: 'webgpu' });
    const picked = collectOnce();
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.prepend(before);
    before.focus();
    await userEvent.tab();
    expect(el.shadowRoot!.activeElement?.id).toBe('continue-webgl');
    await userEvent.tab();
    expect(el.shadowRoot!.activeElement?.id).toBe('continue-wasm');
    await userEvent.keyboard('{Enter}');
    expect(picked).toEqual(['wasm']);
    for (const b of buttons(el)) expect(b.tabIndex).toBe(0);
  });
});
