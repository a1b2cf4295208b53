/**
 * `tf.profile` of ONE default race step (batch 32, after warm-up) in Chromium (vitest browser
 * mode) on webgpu, webgl, wasm and cpu: top-10 kernels, launches, bytes read back, tensors and peak
 * bytes per step. Run with
 * `npx vitest run --config test/vitest.config.ts --project bench-browser bench/profile.browser.bench.ts`.
 * `VITE_PROFILE_BACKENDS=webgl,wasm` (comma-separated) profiles only those backends.
 * On webgpu/webgl the kernel-time column is GPU time only where the device offers timer queries;
 * otherwise it is CPU-side dispatch, and webgl gets an extra synced-per-kernel pass (see bench/profile-step.ts).
 */
import { test } from 'vitest';
import { selectBackend } from '../models/backend';
import { WASM_ASSET_URLS } from '../src/wasm-asset-urls';
import { formatProfile, profileJson, profileRaceStep, type ProfileOptions } from './profile-step';

const OPTIONS: Record<'webgpu' | 'webgl' | 'wasm' | 'cpu', ProfileOptions> = {
  webgpu: { warmup: 3, plainSteps: 1 }, // SwiftShader: ~14 s a step
  webgl: { warmup: 10, plainSteps: 3 },
  wasm: { warmup: 10, plainSteps: 3 },
  cpu: { warmup: 1, plainSteps: 1 }, // ~4 s a step
};

const ALL = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const only = String(import.meta.env.VITE_PROFILE_BACKENDS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const BACKENDS = only.length > 0 ? ALL.filter((b) => only.includes(b)) : ALL;

test('tf.profile of one race step per backend in Chromium', async () => {
  const sections: string[] = [];
  const json: string[] = [];
  for (const backend of BACKENDS) {
    const selection = await selectBackend({ requested: backend, wasmPaths: WASM_ASSET_URLS });
    if (selection.backend !== backend) {
      sections.push(`### ${backend}\n\nunavailable: ${selection.messages.join(' ')}`);
      continue;
    }
    const profile = await profileRaceStep(OPTIONS[backend]);
    const adapter = selection.adapter ? `Adapter: ${selection.adapter.label}.\n\n` : '';
    sections.push(formatProfile(profile).replace('\n\n', `\n\n${adapter}`));
    json.push(profileJson(profile));
    console.log(`${backend} done`);
  }
  const browser = navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent;
  console.log([`## Race-step profile, ${browser}`, '', sections.join('\n\n'), '', ...json].join('\n'));
}, 1_200_000);
