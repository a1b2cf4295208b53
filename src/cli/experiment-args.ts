/** Flags of `npm run experiment`: a preset, its size, seeds, backend, output folder and sweeps. */
import { settingKeys } from '../lab/config-url';
import { PRESET_NAMES, PRESETS, type PresetName } from '../lab/presets';
import { integerFlag, UsageError } from './flags';

export interface ExperimentArgs {
  preset: PresetName | null;
  steps: number | null;
  seeds: number | null;
  seed: number;
  backend: 'wasm' | 'cpu';
  out: string | null;
  sweeps: { key: string; values: string[] }[];
  help: boolean;
}

export const EXPERIMENT_USAGE = `Usage: npm run experiment -- --preset NAME [--steps N] [--seeds N] [--seed S] [--backend wasm|cpu] [--out DIR] [--sweep key=v1,v2,...]
Runs a preset experiment in Node and writes summary.json, metrics.csv and report.md (with SVG charts).
  --preset   ${PRESET_NAMES.join(', ')}
  --steps    training steps per run, integer 1..1000000 (default: the preset's)
  --seeds    seeds per configuration, integer 1..20 (default: the preset's)
  --seed     first seed, integer 0..2147483647 (default 1); seeds are S, S+1, ...
  --backend  wasm (default) or cpu
  --out      output folder (default: results/<preset>-<date>-<time>)
  --sweep    key=v1,v2,...: run every value of a config field (repeatable; the grid is the product,
             a key the preset already sweeps is replaced). Keys are config paths, e.g.
             mask.ratio, jepa.lambda, hypotheses, scene, s.<scene parameter>.
  --help     this text
Presets (default size: steps × seeds × configurations):
${PRESET_NAMES.map((name) => {
  const p = PRESETS[name];
  const configurations = p.axes.reduce((n, axis) => n * axis.values.length, 1);
  return `  ${name.padEnd(18)} ${p.title} (${p.base.steps} steps × ${p.seeds} seeds × ${configurations})`;
}).join('\n')}
Settings (--sweep keys): ${settingKeys().join(', ')}`;

function sweepFlag(raw: string | undefined): { key: string; values: string[] } {
  const match = /^([A-Za-z][\w.]*)=(.+)$/.exec(raw ?? '');
  const values = match ? match[2]!.split(',').map((v) => v.trim()) : [];
  if (!match || values.some((v) => v === '')) {
    throw new UsageError(`--sweep: '${raw ?? ''}' is invalid; allowed: key=v1,v2,... (e.g. mask.ratio=0.3,0.6,0.9)`);
  }
  return { key: match[1]!, values };
}

export function parseExperimentArgs(argv: readonly string[]): ExperimentArgs {
  const args: ExperimentArgs = { preset: null, steps: null, seeds: null, seed: 1, backend: 'wasm', out: null, sweeps: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--preset': {
        const raw = value();
        if (!(PRESET_NAMES as readonly string[]).includes(raw ?? '')) throw new UsageError(`--preset: '${raw ?? ''}' is not a preset; allowed: ${PRESET_NAMES.join(', ')}`);
        args.preset = raw as PresetName;
        break;
      }
      case '--steps':
        args.steps = integerFlag('steps', value(), 1, 1_000_000);
        break;
      case '--seeds':
        args.seeds = integerFlag('seeds', value(), 1, 20);
        break;
      case '--seed':
        args.seed = integerFlag('seed', value(), 0, 2 ** 31 - 1);
        break;
      case '--backend': {
        const raw = value();
        if (raw !== 'wasm' && raw !== 'cpu') throw new UsageError(`--backend: '${raw ?? ''}' is not available in Node; allowed: wasm, cpu`);
        args.backend = raw;
        break;
      }
      case '--out': {
        const raw = value();
        if (!raw) throw new UsageError('--out: a folder is required');
        args.out = raw;
        break;
      }
      case '--sweep':
        args.sweeps.push(sweepFlag(value()));
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown flag '${arg}'; run with --help for the flags`);
    }
  }
  if (!args.help && args.preset === null) throw new UsageError(`--preset is required; allowed: ${PRESET_NAMES.join(', ')}`);
  return args;
}
