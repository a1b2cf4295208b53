/**
 * Race-step benchmark in Chromium (vitest browser mode, system Chromium with WebGPU enabled):
 * ms per default race step at batch 32 on webgpu, webgl and wasm, with the WebGPU adapter.
 * Run with `npm run bench:race` (after the Node part) or `npx vitest run --config test/vitest.config.ts --project bench-browser`.
 */
import { test } from 'vitest';
import { selectBackend } from '../models/backend';
import { WASM_ASSET_URLS } from '../src/wasm-asset-urls';
import { formatTimings, timeRaceSteps, type StepTiming } from './race-step-timing';

test('ms per race step in Chromium', async () => {
  const rows: StepTiming[] = [];
  const notes: string[] = [];
  for (const backend of ['webgpu', 'webgl', 'wasm'] as const) {
    const selection = await selectBackend({ requested: backend, wasmPaths: WASM_ASSET_URLS });
    if (selection.backend !== backend) {
      notes.push(`${backend}: unavailable (${selection.messages.join(' ')})`);
      continue;
    }
    if (selection.adapter) notes.push(`${backend} adapter: ${selection.adapter.label}`);
    // 10 warm-up steps where a step is fast (steady state: JIT-compiled fused kernels, shaders);
    // 3 on webgpu, whose SwiftShader step takes ~14 s here.
    rows.push(await timeRaceSteps(backend, { batch: 32 }, 5, 3, backend === 'webgpu' ? 3 : 10));
  }
  console.log([`Chromium ${navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? ''}`, ...notes, formatTimings(rows), JSON.stringify(rows)].join('\n'));
}, 1_200_000);
