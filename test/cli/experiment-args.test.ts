import { describe, expect, test } from 'vitest';
import { EXPERIMENT_USAGE, parseExperimentArgs } from '../../src/cli/experiment-args';

describe('npm run experiment flags', () => {
  test('every flag, in both --flag value and --flag=value forms', () => {
    expect(parseExperimentArgs(['--preset', 'collapse', '--steps=50', '--seeds', '2', '--seed', '7', '--backend', 'cpu', '--out', 'x/y', '--sweep', 'jepa.lambda=0,0.1', '--sweep=mask.ratio=0.5'])).toEqual({
      preset: 'collapse',
      steps: 50,
      seeds: 2,
      seed: 7,
      backend: 'cpu',
      out: 'x/y',
      sweeps: [
        { key: 'jepa.lambda', values: ['0', '0.1'] },
        { key: 'mask.ratio', values: ['0.5'] },
      ],
      help: false,
    });
    expect(parseExperimentArgs(['--help']).help).toBe(true);
    expect(EXPERIMENT_USAGE).toContain('--sweep');
  });

  test.each([
    [['--preset', 'magic'], "--preset: 'magic' is not a preset; allowed: blurry-average, collapse, sample-efficiency, masking, sharp-futures"],
    [[], '--preset is required'],
    [['--preset', 'collapse', '--steps', '0'], "--steps: '0' is invalid; allowed integers from 1 to 1000000"],
    [['--preset', 'collapse', '--seeds', '2.5'], "--seeds: '2.5' is invalid; allowed integers from 1 to 20"],
    [['--preset', 'collapse', '--backend', 'webgpu'], "--backend: 'webgpu' is not available in Node; allowed: wasm, cpu"],
    [['--preset', 'collapse', '--sweep', 'lambda'], "--sweep: 'lambda' is invalid; allowed: key=v1,v2,..."],
    [['--preset', 'collapse', '--sweep', 'jepa.lambda=0,,1'], "--sweep: 'jepa.lambda=0,,1' is invalid"],
    [['--preset', 'collapse', '--fast'], "unknown flag '--fast'"],
  ])('%j is an error naming the flag', (argv, message) => {
    expect(() => parseExperimentArgs(argv)).toThrow(message);
  });
});
