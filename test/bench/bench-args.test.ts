/** The pure parts of `npm run bench`: flag parsing, the measurement plan, tables and markers. */
import { describe, expect, it } from 'vitest';
import { BenchArgsError, BENCH_MODELS, DEFAULT_REQUEST, parseBenchArgs, type BenchRequest } from '../../bench/bench-args';
import { estimateStepMs, measurementCostMs, measurementOrder, planRepeats, skipAfterWarmup, skipBeforeRun, type KnownStep } from '../../bench/bench-plan';
import { benchFileName, collectEvents, decodeEventLine, encodeEvent, formatEnvResult, formatMs, type EnvInfo, type EnvResult } from '../../bench/bench-table';
import { RACE_DEFAULTS, validateRaceConfig } from '../../models/race-config';

function parse(...argv: string[]): BenchRequest {
  const r = parseBenchArgs(argv);
  if (r === null) throw new Error('unexpected --help');
  return r;
}

function parseError(...argv: string[]): string {
  try {
    parseBenchArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(BenchArgsError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseBenchArgs', () => {
  it('runs everything without flags', () => {
    expect(parse()).toEqual(DEFAULT_REQUEST);
    expect(DEFAULT_REQUEST).toMatchObject({ envs: ['node', 'chromium'], backends: ['webgpu', 'webgl', 'wasm', 'cpu'], batches: [8, 32, 128], models: ['default', 'larger'], whats: ['race', 'pixel', 'jepa', 'clips'], budgetS: 200, repeats: null });
  });

  it('filters, in canonical order, with lists, repeats and --flag=value', () => {
    const r = parse('--env', 'node', '--backend', 'wasm', '--batch', '32', '--model', 'default');
    expect(r).toMatchObject({ envs: ['node'], backends: ['wasm'], batches: [32], models: ['default'] });
    expect(parse('--batch=128,8', '--batch', '8', '--what', 'jepa,race')).toMatchObject({ batches: [8, 128], whats: ['race', 'jepa'] });
    expect(parse('--budget', 'none', '--repeats=9')).toMatchObject({ budgetS: null, repeats: 9 });
    expect(parse('--budget', '2.5').budgetS).toBe(2.5);
    expect(parse('--backend', 'WebGPU').backends).toEqual(['webgpu']);
  });

  it('returns null for --help', () => {
    expect(parseBenchArgs(['--batch', '8', '--help'])).toBeNull();
  });

  it('names an unknown flag and lists the allowed ones', () => {
    const m = parseError('--batches', '8');
    expect(m).toContain("'--batches'");
    expect(m).toContain('--env, --backend, --batch, --model, --what, --budget, --repeats, --help');
    expect(parseError('fast')).toContain("unexpected argument 'fast'");
  });

  it('names a bad value and lists the allowed values', () => {
    expect(parseError('--batch', '16')).toBe("--batch: '16' is not allowed; allowed: 8, 32, 128");
    expect(parseError('--env', 'firefox')).toBe("--env: 'firefox' is not allowed; allowed: node, chromium");
    expect(parseError('--backend', 'cuda')).toBe("--backend: 'cuda' is not allowed; allowed: webgpu, webgl, wasm, cpu");
    expect(parseError('--model', 'huge')).toContain('allowed: default, larger');
    expect(parseError('--what', 'clip')).toContain('allowed: race, pixel, jepa, clips');
    expect(parseError('--repeats', '3')).toContain('allowed: an integer from 5 to 1000');
    expect(parseError('--budget', '0')).toContain('a number of seconds > 0, or none');
    expect(parseError('--batch')).toContain('--batch needs a value; allowed: 8, 32, 128');
    expect(parseError('--batch', '--env', 'node')).toContain('--batch needs a value');
  });

  it('rejects a backend the asked-for environment does not offer; drops an environment not asked for', () => {
    expect(parseError('--env', 'node', '--backend', 'webgpu')).toBe('--backend webgpu: not available in node; node offers wasm, cpu');
    expect(parse('--backend', 'webgl').envs).toEqual(['chromium']);
    expect(parse('--backend', 'wasm').envs).toEqual(['node', 'chromium']);
  });
});

describe('models', () => {
  it('default is RACE_DEFAULTS; both pass validateRaceConfig', () => {
    expect(BENCH_MODELS.default).toEqual({ encoder: RACE_DEFAULTS.encoder, predictor: RACE_DEFAULTS.predictor });
    for (const size of Object.values(BENCH_MODELS)) {
      for (const learners of [['pixel', 'jepa'], ['pixel'], ['jepa']] as const) {
        expect(() => validateRaceConfig({ ...RACE_DEFAULTS, ...size, learners: [...learners], batch: 128 })).not.toThrow();
      }
    }
  });
});

describe('measurement plan', () => {
  const known: KnownStep[] = [
    { model: 'default', batch: 8, what: 'race', ms: 100 },
    { model: 'default', batch: 32, what: 'race', ms: 300 },
  ];

  it('orders cheapest cells first, race before the learners', () => {
    const order = measurementOrder(['default', 'larger'], [128, 8], ['jepa', 'race']).map((k) => `${k.model}/${k.batch}/${k.what}`);
    expect(order).toEqual(['default/8/race', 'default/8/jepa', 'larger/8/race', 'larger/8/jepa', 'default/128/race', 'default/128/jepa', 'larger/128/race', 'larger/128/jepa']);
  });

  it('estimates from a smaller batch, the other model, the race step or the other learner', () => {
    expect(estimateStepMs(known, { model: 'default', batch: 128, what: 'race' })).toBeCloseTo(300 * 4 ** 0.85);
    expect(estimateStepMs(known, { model: 'larger', batch: 8, what: 'race' })).toBeCloseTo(250);
    expect(estimateStepMs(known, { model: 'default', batch: 8, what: 'pixel' })).toBeCloseTo(45);
    expect(estimateStepMs([{ model: 'larger', batch: 8, what: 'pixel', ms: 70 }], { model: 'larger', batch: 8, what: 'jepa' })).toBe(70);
    expect(estimateStepMs([{ model: 'larger', batch: 8, what: 'pixel', ms: 70 }], { model: 'larger', batch: 8, what: 'race' })).toBe(140);
    expect(estimateStepMs(known, { model: 'larger', batch: 128, what: 'jepa' })).toBeNull();
    expect(estimateStepMs([], { model: 'default', batch: 8, what: 'race' })).toBeNull();
  });

  it('plans 7 repeats of ~0.4 s where a repeat is short, else 5 one-step repeats', () => {
    expect(planRepeats(75)).toEqual({ repeats: 7, stepsPerRepeat: 5 });
    expect(planRepeats(900)).toEqual({ repeats: 7, stepsPerRepeat: 1 });
    expect(planRepeats(4_000)).toEqual({ repeats: 5, stepsPerRepeat: 1 });
    expect(planRepeats(4_000, 9)).toEqual({ repeats: 9, stepsPerRepeat: 1 });
    expect(measurementCostMs(75)).toBeCloseTo(2000 + 7 * 5 * 75);
    expect(measurementCostMs(5_000)).toBe(2 * 5_000 + 5 * 5_000);
  });

  it('skips only what cannot fit the budget left, and says why', () => {
    expect(skipBeforeRun(null, 40_000)).toBeNull();
    expect(skipBeforeRun(50_000, null)).toBeNull();
    expect(skipBeforeRun(5_000, 35_000)).toBeNull(); // 2 warm-up steps + 5 repeats of 5 s
    expect(skipBeforeRun(14_000, 40_000)).toBe("estimated 14.0 s/step, so warm-up + repeats ≈ 98.0 s > 40.0 s left of this backend's budget (--budget none runs it)");
    expect(skipBeforeRun(1_000, -5_000)).toContain('> 0 ms left');
    expect(skipAfterWarmup(10_000, 40_000)).toBeNull();
    expect(skipAfterWarmup(20_000, 40_000)).toContain('after its warm-up: a step took 20.0 s, so 5 repeats ≈ 100.0 s > 2 × the 40.0 s left');
    expect(skipAfterWarmup(20_000, null)).toBeNull();
  });
});

const INFO: EnvInfo = {
  env: 'chromium',
  runtime: 'Chromium 156.0.8078.79',
  cpuModel: 'Test CPU',
  hardwareThreads: 2,
  tfjsThreads: 'single-threaded',
  adapters: { webgpu: 'google swiftshader — CPU emulation' },
  unavailable: [{ backend: 'webgl', reason: 'no context' }],
  budgetS: 40,
  notes: [],
};

const RESULT: EnvResult = {
  info: INFO,
  rows: [
    { env: 'chromium', backend: 'wasm', adapter: null, model: 'default', batch: 32, what: 'pixel', medianMs: 61.23, minMs: 60, maxMs: 64.5, repeats: 7, stepsPerRepeat: 7, parameters: { pixel: 35104 }, warmupSteps: 10, firstStepMs: 100 },
    { env: 'chromium', backend: 'webgpu', adapter: INFO.adapters.webgpu!, model: 'default', batch: 8, what: 'race', medianMs: 4012.4, minMs: 3990, maxMs: 4100, repeats: 5, stepsPerRepeat: 1, parameters: { pixel: 35104, jepa: 31936 }, warmupSteps: 2, firstStepMs: 25_000 },
  ],
  skipped: [{ env: 'chromium', backend: 'webgpu', adapter: INFO.adapters.webgpu!, model: 'default', batch: 128, what: 'race', reason: 'too slow', estimatedMs: 50_000 }],
  clips: [{ env: 'chromium', scene: 'bouncing', batch: 32, medianClipsPerSecond: 20_000, minClipsPerSecond: 19_000.4, maxClipsPerSecond: 21_000, repeats: 7, batchesPerRepeat: 190 }],
};

describe('tables', () => {
  it('formats ms with sensible precision', () => {
    expect([formatMs(0.842), formatMs(75.34), formatMs(13588.2)]).toEqual(['0.84', '75.3', '13,588']);
  });

  it('prints the environment, adapters, unavailable backends, rows in order, skips with reasons, and clips', () => {
    expect(formatEnvResult(RESULT)).toBe(
      [
        '### chromium: Chromium 156.0.8078.79; Test CPU, 2 hardware threads; tfjs single-threaded',
        '',
        '- webgpu adapter: google swiftshader — CPU emulation',
        '- webgl: unavailable (no context)',
        "- budget: 40 s per backend, cheapest measurements first; what does not fit is listed as skipped (--budget none runs all)",
        '',
        '| backend | model | batch | what | median ms/step | min – max | repeats × steps | parameters | note |',
        '|---|---|---|---|---|---|---|---|---|',
        '| webgpu | default | 8 | race | 4,012 | 3,990 – 4,100 | 5 × 1 | pixel 35,104 + jepa 31,936 | first step 25.0 s |',
        '| webgpu | default | 128 | race | skipped | — | — | — | too slow |',
        '| wasm | default | 32 | pixel | 61.2 | 60.0 – 64.5 | 7 × 7 | pixel 35,104 |  |',
        '',
        '| clips (bouncing, BatchSampler) batch | clips/s median | min – max | µs/clip | repeats × batches |',
        '|---|---|---|---|---|',
        '| 32 | 20,000 | 19,000 – 21,000 | 50.0 | 7 × 190 |',
      ].join('\n'),
    );
  });

  it('names the JSON file by date without overwriting', () => {
    const day = new Date(2025, 0, 5, 12);
    expect(benchFileName(day, () => false)).toBe('bench-2025-01-05.json');
    const taken = new Set(['bench-2025-01-05.json', 'bench-2025-01-05-2.json']);
    expect(benchFileName(day, (n) => taken.has(n))).toBe('bench-2025-01-05-3.json');
  });

  it('round-trips events through marked console lines', () => {
    const lines = [
      encodeEvent({ type: 'env', info: INFO }),
      'stdout | bench/race-step.browser.bench.ts > npm run bench: Chromium part',
      ...RESULT.rows.map((row) => encodeEvent({ type: 'row', row })),
      ...RESULT.skipped.map((row) => encodeEvent({ type: 'skipped', row })),
      ...RESULT.clips.map((row) => encodeEvent({ type: 'clips', row })),
      `  ${encodeEvent({ type: 'done' })}`,
      '@@jepa-bench@@ {not json',
    ];
    const events = lines.map(decodeEventLine);
    expect(events[1]).toBeNull();
    expect(events.at(-1)).toBeNull();
    expect(events.at(-2)).toEqual({ type: 'done' });
    expect(collectEvents(events.filter((e) => e !== null))).toEqual(RESULT);
  });
});
