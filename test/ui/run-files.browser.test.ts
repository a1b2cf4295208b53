/** Browser layer: <run-files> exports a run and reads a picked run file or results folder. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import '../../src/ui/run-files';
import type { RunFiles } from '../../src/ui/run-files';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

async function mount(disabled = false): Promise<RunFiles> {
  const el = document.createElement('run-files');
  el.disabled = disabled;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const input = (el: RunFiles, id: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;

/** Resolves with whichever of import-text / import-failed reaches the document first. */
function outcome(): Promise<{ type: string; detail: unknown }> {
  const controller = new AbortController();
  return new Promise((resolve) => {
    const settle = (e: Event) => {
      controller.abort();
      resolve({ type: e.type, detail: (e as CustomEvent).detail });
    };
    for (const type of ['import-text', 'import-failed']) document.addEventListener(type, settle, { signal: controller.signal });
  });
}

function pick(target: HTMLInputElement, files: File[]): void {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  target.files = dt.files;
  target.dispatchEvent(new Event('change'));
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('<run-files>', () => {
  test('the export button fires export-run; disabled, it is disabled and fires nothing', async () => {
    const el = await mount();
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('#export-run')!;
    expect(button.textContent!.trim()).toBe('Export run (JSON)');
    let exports = 0;
    const count = () => exports++;
    document.addEventListener('export-run', count);
    try {
      button.click();
      expect(exports).toBe(1);
      expect(button.disabled).toBe(false);
      el.disabled = true;
      await el.updateComplete;
      expect(button.disabled).toBe(true);
      button.click();
      expect(exports).toBe(1);
    } finally {
      document.removeEventListener('export-run', count);
    }
  });

  test('a picked file fires import-text with its name and text, and the input is cleared', async () => {
    const el = await mount();
    const file = input(el, 'import-file');
    const got = outcome();
    pick(file, [new File(['{"a":1}'], 'run.json', { type: 'application/json' })]);
    expect(await got).toEqual({ type: 'import-text', detail: { name: 'run.json', text: '{"a":1}' } });
    await vi.waitFor(() => expect(file.value).toBe(''));
  });

  test('a picked folder fires import-text with its summary.json', async () => {
    const el = await mount();
    const folder = input(el, 'import-folder');
    expect(folder.hasAttribute('webkitdirectory')).toBe(true);
    const got = outcome();
    pick(folder, [new File(['a,b\n1,2\n'], 'curves.csv'), new File(['{"preset":"collapse"}'], 'summary.json'), new File(['<svg/>'], 'chart-1.svg')]);
    expect(await got).toEqual({ type: 'import-text', detail: { name: 'summary.json', text: '{"preset":"collapse"}' } });
  });

  test.each([
    ['two other files', [new File(['x'], 'curves.csv'), new File(['y'], 'chart-1.svg')]],
    ['one other file', [new File(['x'], 'curves.csv')]],
  ])('a folder without summary.json (%s) fires import-failed naming file:', async (_name, files) => {
    const el = await mount();
    const got = outcome();
    pick(input(el, 'import-folder'), files);
    const result = await got;
    expect(result.type).toBe('import-failed');
    const { message } = result.detail as { message: string };
    expect(message).toMatch(/^file: /);
    expect(message).toContain('no summary.json');
  });

  test('each file input is labelled by its label', async () => {
    const el = await mount();
    for (const [id, text] of [
      ['import-file', 'Import run or summary.json…'],
      ['import-folder', 'Load results folder…'],
    ] as const) {
      const field = input(el, id);
      expect(field.type).toBe('file');
      expect(field.labels).toHaveLength(1);
      const label = field.labels![0]!;
      expect(label.htmlFor).toBe(id);
      expect(label.textContent!.trim()).toBe(text);
    }
    expect(input(el, 'import-file').accept).toBe('.json,application/json');
  });
});
