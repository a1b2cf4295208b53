/** `npm run demo`: the placeholder training loop in Node, on the backend chosen by --backend. */
import { selectBackend } from '../../models/backend';
import { DemoRun } from '../lab/demo-run';
import { DEMO_USAGE, parseDemoArgs } from './demo-args';
import { UsageError } from './flags';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseDemoArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(`${DEMO_USAGE}\n`);
    return 0;
  }
  const selection = await selectBackend({ requested: args.backend });
  process.stdout.write(`backend: ${selection.backend}\n`);
  for (const s of selection.skipped) process.stdout.write(`  skipped ${s.backend}: ${s.reason}\n`);
  for (const m of selection.messages) process.stdout.write(`  note: ${m}\n`);
  const run = new DemoRun({ steps: args.steps, seed: args.seed, readEvery: 50 }, (event) => {
    if (event.type === 'metrics') process.stdout.write(`step ${event.step}  loss ${event.loss.toExponential(4)}  ${event.stepsPerSecond.toFixed(0)} steps/s\n`);
    if (event.type === 'diverged') process.stderr.write(`error: ${event.message}\n`);
  });
  const outcome = await run.run(() => true);
  run.dispose();
  return outcome === 'done' ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
