/**
 * Browser-layer UI tests: a test fails when it, or the cleanup after it, calls console.warn or
 * console.error (a Lit warning, a failed update, an element's own complaint).
 *
 * Call `failOnConsoleProblems()` once at the top level of a test file, before the file's own
 * `afterEach`: vitest runs `afterEach` hooks in reverse order of registration, so the check runs
 * after the file's cleanup (removing elements) and sees what that cleanup logs too.
 *
 * The spies let the calls through, so the message still appears in the browser's console and in
 * vitest's output; the failure lists each call with its arguments.
 */
import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';

type Method = 'warn' | 'error';

export function failOnConsoleProblems(): void {
  let spies: [Method, MockInstance<(...args: unknown[]) => void>][] = [];

  beforeEach(() => {
    spies = (['warn', 'error'] as const).map((method) => [method, vi.spyOn(console, method)]);
  });

  afterEach(() => {
    // Read the calls before mockRestore, which clears them (vi.restoreAllMocks in a file's own hook does not).
    const calls = spies.flatMap(([method, spy]) => spy.mock.calls.map((args) => `console.${method}(${args.map(show).join(', ')})`));
    for (const [, spy] of spies) spy.mockRestore();
    spies = [];
    expect(calls.length, `console.warn / console.error was called during the test:\n  ${calls.join('\n  ')}\n`).toBe(0);
  });
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
