/** Browser layer: <probe-table> — rows for random init, the learners and the controls; columns per probe metric; an empty state. */
import { afterEach, describe, expect, test } from 'vitest';
import { EXPERIMENT_DEFAULTS } from '../../src/lab/experiment-config';
import type { EvaluatedKind } from '../../src/lab/experiment-events';
import { newRunRecord, recordEvent, type RunRecord } from '../../src/lab/run-record';
import '../../src/ui/probe-table';
import type { ProbeTable } from '../../src/ui/probe-table';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

const labelled = EXPERIMENT_DEFAULTS.evaluation.probe.trainClips;

/** A live run with evaluations at steps 0 and 50 for each learner or control of `rows` (value: the step-50 R²). */
function liveRun(rows: Partial<Record<EvaluatedKind, number>>): RunRecord {
  const record = newRunRecord({}, EXPERIMENT_DEFAULTS);
  for (const step of [0, 50]) {
    for (const [learner, r2] of Object.entries(rows) as [EvaluatedKind, number][]) {
      const metrics: Record<string, number> = learner === 'aligned-crop' ? { 'probe.accuracy.digit': 0.8 } : { 'probe.r2': step === 0 ? 0.2 : r2, 'probe.r2.future': step === 0 ? 0.1 : r2 / 2, 'collapse.rank': 5 };
      recordEvent(record, { type: 'evaluation', step, framesSeen: step * 256, learner, labelledClips: labelled, metrics });
    }
  }
  return record;
}

async function mount(records: RunRecord[]): Promise<ProbeTable> {
  const el = document.createElement('probe-table');
  el.records = records;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const cells = (el: ProbeTable) => [...el.shadowRoot!.querySelectorAll('#probes tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));

afterEach(() => {
  document.body.replaceChildren();
});

describe('<probe-table>', () => {
  test('a live run: one row per evaluated encoder at the latest evaluation, probe metrics only, "—" where a row has none', async () => {
    const el = await mount([liveRun({ pixel: 0.25, jepa: 0.5, 'sigreg-only': 0.4, 'raw-pixels': 0.27, 'aligned-crop': 0 })]);
    expect(cells(el)).toEqual([
      ['encoder', 'r2', 'r2.future', 'accuracy.digit'],
      ['random init', '0.200', '0.100', '—'],
      ['pixel', '0.250', '0.125', '—'],
      ['JEPA', '0.500', '0.250', '—'],
      ['SIGReg-only', '0.400', '0.200', '—'],
      ['raw pixels', '0.270', '0.135', '—'],
      ['aligned crop', '—', '—', '0.800'],
    ]);
    expect(el.shadowRoot!.querySelector('th[title="probe.r2.future"]')!.textContent).toBe('r2.future');
  });

  test('before any evaluation it says what produces the table', async () => {
    const el = await mount([newRunRecord({}, EXPERIMENT_DEFAULTS)]);
    expect(el.shadowRoot!.querySelector('#probes')).toBeNull();
    expect(el.shadowRoot!.textContent).toContain('Probe scores appear after the first evaluation');
  });
});
