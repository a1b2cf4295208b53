/**
 * The Chromium part of `npm run bench` (vitest browser mode, system Chromium with WebGPU on):
 * ms per race / learner step on webgpu, webgl, wasm and cpu, the WebGPU adapter, and the clip
 * generation rate. `bench/bench-run.ts` runs it as a child process,
 *   VITE_BENCH_REQUEST='<request JSON>' vitest run --config test/vitest.config.ts --project bench-browser bench/race-step.browser.bench.ts
 * (Vite hands VITE_* environment variables to the page as import.meta.env), and parses the rows
 * from the console lines marked with bench-table.ts's MARKER. Run alone (no VITE_BENCH_REQUEST),
 * it measures the default request and prints the markdown table itself.
 */
import { test } from 'vitest';
import { selectBackend } from '../models/backend';
import { WASM_ASSET_URLS } from '../src/wasm-asset-urls';
import { DEFAULT_REQUEST, type BenchRequest } from './bench-args';
import { encodeEvent, formatEnvResult } from './bench-table';
import { runSuite } from './race-step-timing';

const raw = (import.meta.env as Record<string, string | undefined>).VITE_BENCH_REQUEST;
const orchestrated = typeof raw === 'string' && raw.length > 0;
const request: BenchRequest = orchestrated ? (JSON.parse(raw) as BenchRequest) : DEFAULT_REQUEST;

/** "156.0.8078.79": the full version (the user agent string says 156.0.0.0 since UA reduction). */
async function chromiumVersion(): Promise<string> {
  type Brands = { brand: string; version: string }[];
  const data = (navigator as Navigator & { userAgentData?: { getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: Brands }> } }).userAgentData;
  const list = await data?.getHighEntropyValues(['fullVersionList']).then((v) => v.fullVersionList, () => undefined);
  const brand = list?.find((b) => /^(Chromium|Google Chrome|HeadlessChrome)$/.test(b.brand));
  return brand?.version ?? navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? navigator.userAgent;
}

test('npm run bench: Chromium part', async () => {
  const result = await runSuite(
    request,
    {
      env: 'chromium',
      runtime: `Chromium ${await chromiumVersion()}`,
      cpuModel: null,
      hardwareThreads: navigator.hardwareConcurrency,
      tfjsThreads: 'single-threaded (JavaScript; wasm with WASM_HAS_MULTITHREAD_SUPPORT = false); WebGPU/WebGL work runs in the GPU process',
    },
    {
      select: (backend) => selectBackend({ requested: backend, wasmPaths: WASM_ASSET_URLS }),
      emit: (event) => {
        if (orchestrated) console.log(encodeEvent(event));
        else if (event.type === 'progress') console.log(event.text);
      },
    },
  );
  if (orchestrated) console.log(encodeEvent({ type: 'done' }));
  else console.log(formatEnvResult(result));
}, 6 * 3600_000);
