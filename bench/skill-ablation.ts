/**
 * `npm run bench:skill -- --preset NAME --variant 'label=query' … [--steps N] [--seeds N]`: the
 * design ablation of "does the JEPA predict?". Each variant is the preset's base config with a
 * URL query applied (e.g. `ema=jepa.antiCollapse=ema`); every variant runs on the same seeds
 * (paired), and the table gives, per variant, the JEPA's and the pixel learner's held-out
 * prediction skill (all hidden tokens, content tokens, debiased), the JEPA's probe score and the
 * training ms per step, as mean ± sample std over seeds. JSON with every run goes to --out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend } from '../models/backend';
import { PRESETS, PRESET_NAMES, type PresetName } from '../src/lab/presets';
import { finalMetric } from '../src/lab/run-record';
import { formatMeanSpread, summarize } from '../src/lab/seed-stats';
import { runSweep, variantConfig, type PlannedRun } from '../src/lab/sweep';

const COLUMNS: { label: string; learner: 'jepa' | 'pixel'; metric: string }[] = [
  { label: 'JEPA skill (all)', learner: 'jepa', metric: 'skill.all' },
  { label: 'JEPA skill (content)', learner: 'jepa', metric: 'skill.content' },
  { label: 'JEPA skill (debiased)', learner: 'jepa', metric: 'skill.debiased' },
  { label: 'JEPA probe R²', learner: 'jepa', metric: 'probe.r2' },
  { label: 'pixel skill (content)', learner: 'pixel', metric: 'skill.content' },
  { label: 'pixel probe R²', learner: 'pixel', metric: 'probe.r2' },
];

function variants(values: readonly string[]): { label: string; query: string }[] {
  return values.map((v) => {
    const at = v.indexOf('=');
    if (at <= 0) throw new RangeError(`--variant: '${v}' is not allowed; allowed: 'label=query', e.g. 'ema=jepa.antiCollapse=ema' ('base=' for the preset as it is)`);
    return { label: v.slice(0, at), query: v.slice(at + 1) };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'sample-efficiency' },
      variant: { type: 'string', multiple: true, default: ['base='] },
      steps: { type: 'string' },
      seeds: { type: 'string', default: '3' },
      out: { type: 'string', default: join('results', 'skill-ablation') },
    },
  });
  if (!(PRESET_NAMES as readonly string[]).includes(values.preset!)) throw new RangeError(`--preset: '${values.preset}' is not allowed; allowed: ${PRESET_NAMES.join(', ')}`);
  const preset = PRESETS[values.preset as PresetName];
  const seeds = Number(values.seeds);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 20) throw new RangeError(`--seeds: '${values.seeds}' is not allowed; allowed: an integer from 1 to 20`);
  const base = structuredClone(preset.base);
  if (values.steps !== undefined) base.steps = Number(values.steps);
  const chosen = variants(values.variant!);
  const runs: PlannedRun[] = chosen.flatMap((v) => Array.from({ length: seeds }, (_, i) => ({ labels: { design: v.label }, config: variantConfig(base, v.query, 1 + i) })));
  const selection = await selectBackend({ requested: 'wasm' });
  process.stderr.write(`${runs.length} runs on ${selection.backend}\n`);
  const records = await runSweep(runs, {
    onEvent(record, event, index, count) {
      if (event.type === 'done') process.stderr.write(`run ${index + 1}/${count} ${record.variant.design} seed ${record.seed}: ${(event.runtimeMs / 1000).toFixed(1)} s\n`);
      if (event.type === 'error' || event.type === 'diverged') process.stderr.write(`run ${index + 1}: ${event.message}\n`);
    },
  });
  const msPerStep = (r: (typeof records)[number]) => {
    const last = r.steps.at(-1);
    return last ? 1000 / last.stepsPerSecond : Number.NaN;
  };
  const lines = [`| design | ${COLUMNS.map((c) => c.label).join(' | ')} | ms/step |`, `|---|${COLUMNS.map(() => '---|').join('')}---|`];
  for (const v of chosen) {
    const rs = records.filter((r) => r.variant.design === v.label);
    const cells = COLUMNS.map((c) => formatMeanSpread(summarize(rs.map((r) => finalMetric(r, c.learner, c.metric)))));
    lines.push(`| ${v.label} | ${cells.join(' | ')} | ${formatMeanSpread(summarize(rs.map(msPerStep)), 0)} |`);
  }
  process.stdout.write(`${preset.name}, ${base.steps} steps, seeds 1–${seeds}\n${lines.join('\n')}\n`);
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, `${preset.name}.json`), JSON.stringify({ preset: preset.name, steps: base.steps, variants: chosen, records }, null, 1));
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
