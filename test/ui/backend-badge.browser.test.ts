/** Browser layer: <backend-badge> in real Chromium — adapter label, CPU emulation, fallback note, skipped list. */
import { afterEach, describe, expect, test } from 'vitest';
import { describeAdapter, type BackendSelection } from '../../models/backend';
import '../../src/ui/backend-badge';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

function selection(overrides: Partial<BackendSelection>): BackendSelection {
  return { backend: 'webgpu', requested: null, fellBack: false, adapter: null, skipped: [], messages: [], wasmThreads: false, ...overrides };
}

async function mount(value: BackendSelection | null) {
  const el = document.createElement('backend-badge');
  el.selection = value;
  document.body.append(el);
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}

const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim();

afterEach(() => {
  document.body.replaceChildren();
});

describe('<backend-badge>', () => {
  test('null selection: "Choosing a backend…" as a status', async () => {
    const { root } = await mount(null);
    const badge = root.querySelector('.badge')!;
    expect(text(badge)).toBe('Choosing a backend…');
    expect(badge.getAttribute('role')).toBe('status');
  });

  test('webgpu with an adapter shows the backend and the adapter label', async () => {
    const adapter = describeAdapter({ vendor: 'nvidia', architecture: 'ampere' });
    const { root } = await mount(selection({ adapter }));
    const badge = root.querySelector('.badge')!;
    expect(badge.getAttribute('data-backend')).toBe('webgpu');
    expect(text(root.querySelector('.name'))).toBe('webgpu');
    expect(text(root.querySelector('.adapter'))).toBe('nvidia ampere');
    expect(badge.classList.contains('emulated')).toBe(false);
    expect(badge.classList.contains('fallback')).toBe(false);
    expect(root.querySelector('.note')).toBeNull();
    expect(root.querySelector('details')).toBeNull();
  });

  test('a CPU-emulated adapter says so and is styled as emulated', async () => {
    const adapter = describeAdapter({ vendor: 'google', architecture: 'swiftshader' });
    const { root } = await mount(selection({ adapter }));
    const badge = root.querySelector('.badge')!;
    expect(text(root.querySelector('.adapter'))).toContain('CPU emulation');
    expect(badge.classList.contains('emulated')).toBe(true);
    expect(getComputedStyle(badge).backgroundColor).toBe('rgb(255, 247, 237)');
    expect(text(root.querySelector('.note.emulation'))).toContain('Choose wasm under Runtime → backend');
  });

  test('a fallback shows its notes and lists each skipped backend with the reason', async () => {
    const { root } = await mount(
      selection({
        backend: 'wasm',
        requested: 'webgpu',
        fellBack: true,
        wasmThreads: false,
        messages: ['asked for webgpu; running on wasm'],
        skipped: [
          { backend: 'webgpu', reason: 'navigator.gpu is missing' },
          { backend: 'webgl', reason: 'no WebGL2 context' },
        ],
      }),
    );
    const badge = root.querySelector('.badge')!;
    expect(badge.classList.contains('fallback')).toBe(true);
    expect(text(root.querySelector('.adapter'))).toBe('single-threaded');
    expect([...root.querySelectorAll('.note')].map(text)).toEqual(['asked for webgpu; running on wasm']);
    const details = root.querySelector('details')!;
    expect(text(details.querySelector('summary'))).toBe('Why not a faster backend?');
    expect([...details.querySelectorAll('li')].map(text)).toEqual(['webgpu: navigator.gpu is missing', 'webgl: no WebGL2 context']);
  });

  test('updates when the selection changes', async () => {
    const { el, root } = await mount(null);
    el.selection = selection({ backend: 'cpu' });
    await el.updateComplete;
    expect(text(root.querySelector('.name'))).toBe('cpu');
    expect(root.querySelector('.adapter')).toBeNull();
  });
});
