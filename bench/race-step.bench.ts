/**
 * The Node part of `npm run bench`: ms per race / learner step on wasm and cpu, and the clip
 * generation rate. Run alone with `npx tsx bench/race-step.bench.ts [flags]` (the flags of
 * bench/bench-args.ts; the environment is always node). `bench/bench-run.ts` runs both parts.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { selectBackend } from '../models/backend';
import { BenchArgsError, parseBenchArgs, USAGE, type BenchRequest } from './bench-args';
import { formatEnvResult, type EnvResult } from './bench-table';
import { runSuite } from './race-step-timing';

export async function runNodeBench(request: BenchRequest, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<EnvResult> {
  return runSuite(
    request,
    {
      env: 'node',
      runtime: `Node ${process.version}`,
      cpuModel: cpus()[0]?.model ?? null,
      hardwareThreads: availableParallelism(),
      tfjsThreads: 'single-threaded (JavaScript; wasm with WASM_HAS_MULTITHREAD_SUPPORT = false)',
      loadAverage: loadavg(),
    },
    {
      select: (backend) => selectBackend({ requested: backend }),
      emit: (event) => {
        if (event.type === 'progress') log(event.text);
      },
    },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let request: BenchRequest | null;
  try {
    request = parseBenchArgs([...process.argv.slice(2), '--env', 'node']);
  } catch (e) {
    if (!(e instanceof BenchArgsError)) throw e;
    process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (request === null) {
    process.stdout.write(`${USAGE}\n`);
  } else {
    const result = await runNodeBench(request);
    process.stdout.write(`${formatEnvResult(result)}\n`);
  }
}
