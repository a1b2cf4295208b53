import { describe, expect, test } from 'vitest';
import { parseDemoArgs } from '../../src/cli/demo-args';
import { UsageError } from '../../src/cli/flags';

describe('parseDemoArgs', () => {
  test('defaults and valid flags', () => {
    expect(parseDemoArgs([])).toEqual({ backend: null, steps: 300, seed: 1, help: false });
    expect(parseDemoArgs(['--backend', 'cpu', '--steps=20', '--seed', '5'])).toEqual({ backend: 'cpu', steps: 20, seed: 5, help: false });
    expect(parseDemoArgs(['--help']).help).toBe(true);
  });
  test('bad values name the flag and the allowed range', () => {
    expect(() => parseDemoArgs(['--steps', 'ten'])).toThrow("--steps: 'ten' is invalid; allowed integers from 1 to 100000");
    expect(() => parseDemoArgs(['--steps'])).toThrow("--steps: '' is invalid");
    expect(() => parseDemoArgs(['--backend', 'cuda'])).toThrow("--backend: 'cuda' is not a backend; allowed: webgpu, webgl, wasm, cpu");
    expect(() => parseDemoArgs(['--frobnicate'])).toThrow(UsageError);
  });
});
