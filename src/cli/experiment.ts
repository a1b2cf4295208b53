/**
 * `npm run experiment -- --preset NAME …`: runs a preset (its sweep × seeds) in Node and writes
 * summary.json, metrics.csv, report.md, the charts (SVG) and, on fork, ghost.png into --out.
 * Progress with ETA goes to stderr; the headline to stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectBackend } from '../../models/backend';
import { PRESETS } from '../lab/presets';
import { sweptHeadline } from '../lab/swept-headline';
import { axisFromFlag, plannedRuns, runSweep, type PlannedRun, type SweepPlan } from '../lab/sweep';
import { UsageError } from './flags';
import { EXPERIMENT_USAGE, parseExperimentArgs, type ExperimentArgs } from './experiment-args';
import { ghostPng, metricsCsv, reportCharts, reportMarkdown } from './experiment-report';
import { ProgressBar } from './progress-bar';
import { variantLabel } from '../lab/preset-chart-data';

function defaultOut(preset: string): string {
  const stamp = new Date().toISOString().replace(/[:T]/g, '-').slice(0, 19);
  return join('results', `${preset}-${stamp}`);
}

/** The preset's plan with the command line's changes: steps, seeds, extra or replaced sweep axes. */
function planFromArgs(args: ExperimentArgs): SweepPlan {
  const preset = PRESETS[args.preset!];
  const base = structuredClone(preset.base);
  if (args.steps !== null) base.steps = args.steps;
  const seedCount = args.seeds ?? preset.seeds;
  const axes = preset.axes.filter((a) => !args.sweeps.some((s) => s.key === a.key));
  axes.push(...args.sweeps.map((s) => axisFromFlag(s.key, s.values)));
  return { base, axes, seeds: Array.from({ length: seedCount }, (_, i) => args.seed + i) };
}

async function main(argv: string[]): Promise<number> {
  let args: ExperimentArgs;
  let plan: SweepPlan;
  let runs: PlannedRun[];
  try {
    args = parseExperimentArgs(argv);
    if (args.help) {
      process.stdout.write(`${EXPERIMENT_USAGE}\n`);
      return 0;
    }
    plan = planFromArgs(args);
    runs = plannedRuns(plan); // every run's config is checked before anything trains
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const preset = PRESETS[args.preset!];
  const out = args.out ?? defaultOut(preset.name);
  mkdirSync(out, { recursive: true });
  const selection = await selectBackend({ requested: args.backend });
  const runCount = runs.length;
  process.stderr.write(`${preset.name}: ${runCount} run(s) on ${selection.backend}, writing to ${out}\n`);
  // Progress in training steps over the whole sweep (evaluations weighted by their measured cost).
  const bar = new ProgressBar(process.stderr, runCount * plan.base.steps);
  const started = performance.now();
  const records = await runSweep(runs, {
    onEvent(record, event, index, count) {
      if (event.type === 'progress') bar.update(Math.round((index + event.fraction) * plan.base.steps), `run ${index + 1}/${count} (${[variantLabel(record.variant), `seed ${record.seed}`].filter(Boolean).join(', ')}) at step ${event.step}/${event.steps}`);
      if (event.type === 'diverged' || event.type === 'error') process.stderr.write(`\nrun ${index + 1}: ${event.message}\n`);
    },
  });
  const runtimeMs = performance.now() - started;
  bar.finish('done');
  const headline = sweptHeadline(preset, records, args.sweeps.map((s) => s.key).filter((key) => !preset.axes.some((a) => a.key === key)));
  const charts = reportCharts(preset, records);
  for (const chart of charts) writeFileSync(join(out, chart.file), chart.svg);
  const ghost = preset.ghost ? ghostPng(records) : null;
  if (ghost) writeFileSync(join(out, 'ghost.png'), ghost.png);
  const command = `npm run experiment -- ${argv.join(' ')}`;
  writeFileSync(
    join(out, 'summary.json'),
    JSON.stringify(
      {
        preset: preset.name,
        command,
        backend: selection.backend,
        seeds: plan.seeds,
        runtimeSeconds: runtimeMs / 1000,
        config: plan.base,
        sweep: plan.axes,
        headline,
        runs: records.map((r) => ({ variant: r.variant, seed: r.seed, outcome: r.outcome, message: r.message, runtimeSeconds: r.runtimeMs / 1000, config: r.config, steps: r.steps, evaluations: r.evaluations })),
      },
      null,
      2,
    ),
  );
  writeFileSync(join(out, 'metrics.csv'), metricsCsv(records));
  writeFileSync(join(out, 'report.md'), reportMarkdown({ preset, command, backend: selection.backend, runtimeMs, headline, records, charts, ghostRows: ghost?.rows ?? null }));
  process.stdout.write(`${JSON.stringify(headline, null, 2)}\nwrote ${out}/summary.json, metrics.csv, report.md\n`);
  return records.every((r) => r.outcome === 'done') ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
