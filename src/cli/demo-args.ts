/** Flags of `npm run demo`: the placeholder task on the command line (Node: cpu or wasm). */
import { parseBackendName, type BackendName } from '../../models/backend';
import { integerFlag, UsageError } from './flags';

export interface DemoArgs {
  backend: BackendName | null;
  steps: number;
  seed: number;
  help: boolean;
}

export const DEMO_USAGE = `Usage: npm run demo -- [--backend wasm|cpu] [--steps N] [--seed S] [--help]
Trains the foundation placeholder (a tiny MLP fitting sin(3x)) in Node and prints the loss.
  --backend  wasm or cpu (default: best available, i.e. wasm); webgpu/webgl fall back in Node
  --steps    integer 1..100000 (default 300)
  --seed     integer 0..2147483647 (default 1)`;

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = { backend: null, steps: 300, seed: 1, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--backend': {
        const raw = value() ?? '';
        let name: BackendName;
        try {
          name = parseBackendName(raw, '--backend');
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        args.backend = name;
        break;
      }
      case '--steps':
        args.steps = integerFlag('steps', value(), 1, 100_000);
        break;
      case '--seed':
        args.seed = integerFlag('seed', value(), 0, 2 ** 31 - 1);
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown flag '${argv[i]}'. ${DEMO_USAGE}`);
    }
  }
  return args;
}
