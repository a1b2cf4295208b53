/**
 * `npm run bench` flags, parsed strictly (pure: no tfjs, usable in Node and in the browser).
 *
 *   npm run bench -- [--env node,chromium] [--backend cpu,wasm,webgl,webgpu] [--batch 8,32,128]
 *                    [--model default,larger] [--what race,pixel,jepa,clips]
 *                    [--budget SECONDS|none] [--repeats N]
 *
 * Every filter takes one value or a comma-separated list, may be repeated (the values add up) and
 * may be written `--flag value` or `--flag=value`. Without a filter everything runs. An unknown
 * flag or value throws a BenchArgsError naming it and the allowed ones (`bench-run.ts` exits 2).
 */
import type { TransformerSize } from '../models/transformer';

export const ENVS = ['node', 'chromium'] as const;
export type BenchEnv = (typeof ENVS)[number];

/** Every backend, in the order they are measured in Chromium. */
export const BENCH_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BenchBackend = (typeof BENCH_BACKENDS)[number];

/** The backends each environment offers, in the order they are measured. */
export const ENV_BACKENDS: Readonly<Record<BenchEnv, readonly BenchBackend[]>> = {
  node: ['wasm', 'cpu'],
  chromium: ['webgpu', 'webgl', 'wasm', 'cpu'],
};

export const BATCHES = [8, 32, 128] as const;

export const MODELS = ['default', 'larger'] as const;
export type BenchModel = (typeof MODELS)[number];

/**
 * Model sizes: `default` is RACE_DEFAULTS' (checked by test/bench/bench-args.test.ts); `larger`
 * doubles the width and depth (heads divide the width; accepted by validateRaceConfig).
 */
export const BENCH_MODELS: Readonly<Record<BenchModel, { encoder: TransformerSize; predictor: TransformerSize }>> = {
  default: { encoder: { width: 32, depth: 2, heads: 2, mlpRatio: 2 }, predictor: { width: 32, depth: 1, heads: 2, mlpRatio: 2 } },
  larger: { encoder: { width: 64, depth: 4, heads: 4, mlpRatio: 2 }, predictor: { width: 64, depth: 2, heads: 4, mlpRatio: 2 } },
};

/** race: one race step (both learners); pixel / jepa: one learner alone; clips: clip generation rate. */
export const WHATS = ['race', 'pixel', 'jepa', 'clips'] as const;
export type BenchWhat = (typeof WHATS)[number];
export type StepWhat = Exclude<BenchWhat, 'clips'>;
export const STEP_WHATS: readonly StepWhat[] = ['race', 'pixel', 'jepa'];

/** Default time budget of one backend in one environment, in seconds: see bench-plan.ts. */
export const DEFAULT_BUDGET_S = 200;
export const MIN_REPEATS = 5;
export const MAX_REPEATS = 1000;

export interface BenchRequest {
  envs: BenchEnv[];
  backends: BenchBackend[];
  batches: number[];
  models: BenchModel[];
  whats: BenchWhat[];
  /** Seconds each backend may take in each environment; null = no budget, nothing skipped. */
  budgetS: number | null;
  /** Repeats per measurement; null = automatic (7 where a repeat takes under 1 s, else 5). */
  repeats: number | null;
}

export const DEFAULT_REQUEST: BenchRequest = {
  envs: [...ENVS],
  backends: [...BENCH_BACKENDS],
  batches: [...BATCHES],
  models: [...MODELS],
  whats: [...WHATS],
  budgetS: DEFAULT_BUDGET_S,
  repeats: null,
};

export class BenchArgsError extends Error {}

export const USAGE = `Usage: npm run bench -- [options]
  --env      ${ENVS.join(',')}             where to measure (default: both)
  --backend  ${BENCH_BACKENDS.join(',')}     Node offers ${ENV_BACKENDS.node.join(', ')} (default: all)
  --batch    ${BATCHES.join(',')}                  (default: all)
  --model    ${MODELS.join(',')}            (default: both)
  --what     ${WHATS.join(',')}     race = both learners, pixel / jepa = one learner alone,
                                      clips = clip generation rate (default: all)
  --budget   SECONDS|none             time each backend may take in each environment; cheapest
                                      measurements first, one estimated not to fit what is left is
                                      skipped and listed with why (default: ${DEFAULT_BUDGET_S}; none = run all)
  --repeats  N                        repeats per measurement, ${MIN_REPEATS}–${MAX_REPEATS} (default: 7 where a repeat
                                      takes under 1 s, else ${MIN_REPEATS})
  --help                              this text
Lists are comma-separated; a flag may be repeated; --flag=value works too.
Example: npm run bench -- --env node --backend wasm --batch 32 --model default`;

const LIST_FLAGS = ['env', 'backend', 'batch', 'model', 'what'] as const;
const VALUE_FLAGS = ['budget', 'repeats'] as const;
const ALL_FLAGS = [...LIST_FLAGS, ...VALUE_FLAGS, 'help'].map((f) => `--${f}`);

function allowedValues(flag: (typeof LIST_FLAGS)[number]): readonly string[] {
  switch (flag) {
    case 'env':
      return ENVS;
    case 'backend':
      return BENCH_BACKENDS;
    case 'batch':
      return BATCHES.map(String);
    case 'model':
      return MODELS;
    case 'what':
      return WHATS;
  }
}

/** Parses the flags after `npm run bench --`. Returns null for --help. */
export function parseBenchArgs(argv: readonly string[]): BenchRequest | null {
  const lists: Partial<Record<(typeof LIST_FLAGS)[number], Set<string>>> = {};
  let budgetS: number | null = DEFAULT_BUDGET_S;
  let repeats: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return null;
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new BenchArgsError(`unexpected argument '${arg}'; allowed flags: ${ALL_FLAGS.join(', ')}`);
    const flag = match[1]!;
    if (!(LIST_FLAGS as readonly string[]).includes(flag) && !(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new BenchArgsError(`unknown flag '--${flag}'; allowed flags: ${ALL_FLAGS.join(', ')}`);
    }
    let value = match[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new BenchArgsError(`--${flag} needs a value; ${describeAllowed(flag)}`);
      value = next;
      i++;
    }
    if (flag === 'budget') {
      budgetS = parseBudget(value);
    } else if (flag === 'repeats') {
      repeats = parseRepeats(value);
    } else {
      const listFlag = flag as (typeof LIST_FLAGS)[number];
      const allowed = allowedValues(listFlag);
      const set = (lists[listFlag] ??= new Set());
      const parts = value.split(',').map((s) => s.trim().toLowerCase());
      for (const part of parts) {
        if (!allowed.includes(part)) throw new BenchArgsError(`--${flag}: '${part}' is not allowed; allowed: ${allowed.join(', ')}`);
        set.add(part);
      }
    }
  }
  const pick = <T extends string | number>(flag: (typeof LIST_FLAGS)[number], all: readonly T[]): T[] =>
    lists[flag] ? all.filter((v) => lists[flag]!.has(String(v))) : [...all];
  const request: BenchRequest = {
    envs: pick('env', ENVS),
    backends: pick('backend', BENCH_BACKENDS),
    batches: pick('batch', BATCHES),
    models: pick('model', MODELS),
    whats: pick('what', WHATS),
    budgetS,
    repeats,
  };
  if (lists.backend) restrictEnvs(request, lists.env !== undefined);
  return request;
}

function describeAllowed(flag: string): string {
  if (flag === 'budget') return 'allowed: a number of seconds > 0, or none';
  if (flag === 'repeats') return `allowed: an integer from ${MIN_REPEATS} to ${MAX_REPEATS}`;
  return `allowed: ${allowedValues(flag as (typeof LIST_FLAGS)[number]).join(', ')}`;
}

function parseBudget(value: string): number | null {
  if (value.trim().toLowerCase() === 'none') return null;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new BenchArgsError(`--budget: '${value}' is not allowed; ${describeAllowed('budget')}`);
  return n;
}

function parseRepeats(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < MIN_REPEATS || n > MAX_REPEATS) {
    throw new BenchArgsError(`--repeats: '${value}' is not allowed; ${describeAllowed('repeats')}`);
  }
  return n;
}

/**
 * With --backend, an environment offering none of those backends drops out (clips included):
 * silently when --env was not given, as an error when it was (`--env node --backend webgpu`).
 */
function restrictEnvs(r: BenchRequest, envGiven: boolean): void {
  const offers = (env: BenchEnv) => r.backends.some((b) => ENV_BACKENDS[env].includes(b));
  const describe = (envs: readonly BenchEnv[]) => envs.map((e) => `${e} offers ${ENV_BACKENDS[e].join(', ')}`).join('; ');
  const bad = r.envs.filter((env) => !offers(env));
  if (envGiven && bad.length > 0) {
    throw new BenchArgsError(`--backend ${r.backends.join(',')}: not available in ${bad.join(', ')}; ${describe(bad)}`);
  }
  r.envs = r.envs.filter(offers);
  if (r.envs.length === 0) throw new BenchArgsError(`--backend ${r.backends.join(',')}: no environment offers it; ${describe(ENVS)}`);
}

/** The backends of `env` this request measures, in measuring order. */
export function backendsFor(r: BenchRequest, env: BenchEnv): BenchBackend[] {
  return ENV_BACKENDS[env].filter((b) => r.backends.includes(b));
}
