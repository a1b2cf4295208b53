/** Browser layer: <error-panel> in real Chromium — messages as an alert, dismiss event. */
import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../../src/ui/error-panel';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

async function mount(messages: string[]) {
  const el = document.createElement('error-panel');
  el.messages = messages;
  const container = document.createElement('div');
  container.append(el);
  document.body.append(container);
  await el.updateComplete;
  return { el, container, root: el.shadowRoot! };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('<error-panel>', () => {
  test('renders nothing without messages', async () => {
    const { root } = await mount([]);
    expect(root.querySelector('.panel')).toBeNull();
  });

  test('lists the messages, newest last, in an alert', async () => {
    const { root } = await mount(['worker crashed', 'jepa diverged at step 40']);
    const panel = root.querySelector('.panel')!;
    expect(panel.getAttribute('role')).toBe('alert');
    expect([...panel.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['worker crashed', 'jepa diverged at step 40']);
  });

  test('updates when messages change', async () => {
    const { el, root } = await mount(['one']);
    el.messages = [...el.messages, 'two'];
    await el.updateComplete;
    expect(root.querySelectorAll('li')).toHaveLength(2);
    el.messages = [];
    await el.updateComplete;
    expect(root.querySelector('.panel')).toBeNull();
  });

  test('Dismiss fires a bubbling, composed dismiss event (by click and by keyboard)', async () => {
    const { el, container, root } = await mount(['worker crashed']);
    const events: Event[] = [];
    container.addEventListener('dismiss', (e) => events.push(e));
    const button = root.querySelector('button')!;
    expect(button.textContent).toBe('Dismiss');
    await userEvent.click(button);
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.bubbles && e.composed && e.target === el)).toBe(true);
  });
});
