/**
 * `npx tsx bench/profile.bench.ts`: `tf.profile` of ONE default race step (batch 32, after
 * warm-up) on the Node backends (wasm, cpu): top-10 kernels, launches, bytes read back, tensors
 * and peak bytes per step; a markdown section and a JSON line per backend. See bench/profile-step.ts.
 */
import { selectBackend } from '../models/backend';
import { formatProfile, profileJson, profileRaceStep } from './profile-step';

const sections: string[] = [];
const json: string[] = [];
for (const backend of ['wasm', 'cpu'] as const) {
  const selection = await selectBackend({ requested: backend });
  if (selection.backend !== backend) {
    sections.push(`### ${backend}\n\nunavailable: ${selection.messages.join(' ')}`);
    continue;
  }
  // wasm: 10 warm-up steps (V8 has optimised the fused JS kernels, as in race-step.bench.ts).
  const profile = await profileRaceStep(backend === 'wasm' ? { warmup: 10, plainSteps: 3 } : { warmup: 1, plainSteps: 1 });
  sections.push(formatProfile(profile));
  json.push(profileJson(profile));
  process.stderr.write(`${backend} done\n`);
}
console.log(`## Race-step profile, Node ${process.version}\n\n${sections.join('\n\n')}\n`);
for (const line of json) console.log(line);
