/** Browser layer: <run-controls> in real Chromium — enabled states, the Play/Pause toggle, commands, keyboard. */
import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { PLAY_PAUSE_KEY, type RunCommand } from '../../src/ui/run-controls';
import type { RunState } from '../../src/worker/protocol';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

async function mount(state: RunState, busy = false) {
  const el = document.createElement('run-controls');
  el.state = state;
  el.busy = busy;
  const container = document.createElement('div');
  container.append(el);
  document.body.append(container);
  await el.updateComplete;
  const button = (id: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`#${id}`)!;
  const commands: RunCommand[] = [];
  container.addEventListener('run-command', (e) => commands.push(e.detail.command));
  return { el, container, play: button('play'), step: button('step'), reset: button('reset'), commands };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('<run-controls>', () => {
  test('renders three real buttons with their titles', async () => {
    const { play, step, reset } = await mount('ready');
    for (const b of [play, step, reset]) {
      expect(b.tagName).toBe('BUTTON');
      expect(b.type).toBe('button');
    }
    expect(play.textContent!.trim()).toBe('Play');
    expect(play.title).toContain(`shortcut: ${PLAY_PAUSE_KEY.toUpperCase()}`);
    expect(step.textContent!.trim()).toBe('Step');
    expect(step.title).toBe('train one step, then pause');
    expect(reset.textContent!.trim()).toBe('Reset');
    expect(reset.title).toBe('discard this run and start again with the settings above');
  });

  test('which buttons are enabled in each state', async () => {
    const expected: Record<RunState, [play: boolean, step: boolean, reset: boolean]> = {
      starting: [false, false, false],
      ready: [true, true, true],
      running: [true, false, true],
      paused: [true, true, true],
      done: [false, false, true],
      stopped: [false, false, true],
      interrupted: [false, false, true],
    };
    const { el, play, step, reset } = await mount('starting');
    for (const [state, enabled] of Object.entries(expected) as [RunState, [boolean, boolean, boolean]][]) {
      el.state = state;
      await el.updateComplete;
      expect([!play.disabled, !step.disabled, !reset.disabled], state).toEqual(enabled);
    }
  });

  test('state is reflected to the attribute, and the attribute sets the state', async () => {
    const { el, play } = await mount('ready');
    expect(el.getAttribute('state')).toBe('ready');
    el.state = 'paused';
    await el.updateComplete;
    expect(el.getAttribute('state')).toBe('paused');
    el.setAttribute('state', 'running');
    await el.updateComplete;
    expect(el.state).toBe('running');
    expect(play.textContent!.trim()).toBe('Pause');
  });

  test('Play becomes Pause with aria-pressed while running, and back', async () => {
    const { el, play } = await mount('paused');
    expect(play.getAttribute('aria-pressed')).toBe('false');
    el.state = 'running';
    await el.updateComplete;
    expect(play.textContent!.trim()).toBe('Pause');
    expect(play.getAttribute('aria-pressed')).toBe('true');
    expect(play.title).toMatch(/^pause/);
    el.state = 'paused';
    await el.updateComplete;
    expect(play.textContent!.trim()).toBe('Play');
    expect(play.getAttribute('aria-pressed')).toBe('false');
  });

  test('each button fires run-command (bubbling out of the shadow root) with its command', async () => {
    const { el, container, play, step, reset, commands } = await mount('paused');
    const events: CustomEvent[] = [];
    container.addEventListener('run-command', (e) => events.push(e));
    await userEvent.click(play);
    await userEvent.click(step);
    await userEvent.click(reset);
    el.state = 'running';
    await el.updateComplete;
    await userEvent.click(play);
    expect(commands).toEqual(['play', 'step', 'reset', 'pause']);
    expect(events.every((e) => e.bubbles && e.composed && e.target === el)).toBe(true);
    expect(events).toHaveLength(4);
  });

  test('disabled buttons fire nothing', async () => {
    const { play, step, reset, commands } = await mount('starting');
    for (const b of [play, step, reset]) b.click();
    expect(commands).toEqual([]);
  });

  test('while busy, buttons keep focus but are aria-disabled and fire nothing', async () => {
    const { el, play, step, commands } = await mount('paused');
    play.focus();
    el.busy = true;
    await el.updateComplete;
    expect(el.hasAttribute('busy')).toBe(true);
    expect(el.shadowRoot!.activeElement).toBe(play);
    expect(play.getAttribute('aria-disabled')).toBe('true');
    expect(el.shadowRoot!.querySelector('[role="group"]')!.getAttribute('aria-busy')).toBe('true');
    await userEvent.keyboard('{Enter}');
    step.click();
    expect(commands).toEqual([]);
    el.busy = false;
    await el.updateComplete;
    expect(play.getAttribute('aria-disabled')).toBe('false');
    await userEvent.click(step);
    expect(commands).toEqual(['step']);
  });

  test('keyboard: Tab reaches the buttons, Enter and Space activate them, focus is visible', async () => {
    const { play, step, reset, commands } = await mount('ready');
    await userEvent.tab();
    expect(play.matches(':focus-visible')).toBe(true);
    const outline = getComputedStyle(play);
    expect(outline.outlineStyle).toBe('solid');
    expect(outline.outlineWidth).toBe('3px');
    expect(outline.outlineColor).toBe('rgb(37, 99, 235)');
    await userEvent.keyboard('{Enter}');
    await userEvent.tab();
    expect(step.matches(':focus')).toBe(true);
    await userEvent.keyboard(' ');
    await userEvent.tab();
    expect(reset.matches(':focus')).toBe(true);
    await userEvent.keyboard('{Enter}');
    expect(commands).toEqual(['play', 'step', 'reset']);
  });
});
