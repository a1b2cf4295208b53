/** `npm run bench:race`: ms per default race step at batch 32 on the Node backends (wasm, cpu). */
import { selectBackend } from '../models/backend';
import { formatTimings, timeRaceSteps, type StepTiming } from './race-step-timing';

const rows: StepTiming[] = [];
for (const backend of ['wasm', 'cpu'] as const) {
  const selection = await selectBackend({ requested: backend });
  if (selection.backend !== backend) continue;
  // wasm: 10 warm-up steps, so V8 has optimised the fused JS kernels (steady state, as in a run).
  rows.push(await timeRaceSteps(backend, { batch: 32 }, backend === 'cpu' ? 5 : 7, 3, backend === 'cpu' ? 1 : 10));
  process.stderr.write(`${backend} done\n`);
}
console.log(`Node ${process.version}, ${rows[0]?.parameters.pixel} / ${rows[0]?.parameters.jepa} parameters (pixel / JEPA)`);
console.log(formatTimings(rows));
console.log(JSON.stringify(rows));
